// specmesh._native: converts between Python and the library's types and errors, nothing more
// (shared design §1.9). The Pythonic surface — exceptions' text, exit statuses, dicts — is plain
// Python in python/specmesh/.
#include <specmesh/apply/provision.hpp>
#include <specmesh/apply/render.hpp>
#include <specmesh/kafka/connect.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/registry/connect.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <string>
#include <tuple>
#include <vector>

namespace py = pybind11;

namespace {

using namespace specmesh;

using PyDiagnostic = std::tuple<std::string, int, int, std::string>;

PyDiagnostic to_python(const Diagnostic& diagnostic) {
  return {
      diagnostic.where.file, diagnostic.where.line, diagnostic.where.column, diagnostic.message};
}

const char* code_name(ErrorCode code) {
  switch (code) {
  case ErrorCode::invalid_spec:
    return "invalid_spec";
  case ErrorCode::invalid_input:
    return "invalid_input";
  case ErrorCode::not_found:
    return "not_found";
  case ErrorCode::conflict:
    return "conflict";
  case ErrorCode::unauthorized:
    return "unauthorized";
  case ErrorCode::unavailable:
    return "unavailable";
  case ErrorCode::timeout:
    return "timeout";
  case ErrorCode::internal:
    return "internal";
  }
  return "internal";
}

/// Raises specmesh.errors.<kind>(message, code, diagnostics).
[[noreturn]] void raise(const char* kind, const Error& error) {
  std::vector<PyDiagnostic> diagnostics;
  diagnostics.reserve(error.diagnostics.size());
  for (const Diagnostic& diagnostic : error.diagnostics) {
    diagnostics.push_back(to_python(diagnostic));
  }
  const py::object type = py::module_::import("specmesh.errors").attr(kind);
  const py::object instance = type(error.message, code_name(error.code), diagnostics);
  PyErr_SetObject(type.ptr(), instance.ptr());
  throw py::error_already_set();
}

plan::DesiredState load(const std::string& spec_path,
                        const std::string& schema_path,
                        const std::string& domain_user,
                        double partition_count_factor,
                        bool with_schemas) {
  const plan::DesiredOptions options{.domain_user = domain_user,
                                     .partition_count_factor = partition_count_factor};
  Result<plan::DesiredState> desired =
      apply::load_desired_state(spec_path, schema_path, options, with_schemas);
  if (!desired) {
    raise("SpecError", desired.error());
  }
  return std::move(*desired);
}

/// (json, has_changes, is_blocked, has_failures)
using PyPlan = std::tuple<std::string, bool, bool, bool>;

PyPlan to_python(const plan::Plan& plan) {
  return {apply::render_json(plan), plan.has_changes(), plan.is_blocked(), plan.has_failures()};
}

py::dict load_spec(const std::string& spec_path,
                   const std::string& schema_path,
                   const std::string& domain_user,
                   double partition_count_factor,
                   bool with_schemas) {
  const plan::DesiredState desired =
      load(spec_path, schema_path, domain_user, partition_count_factor, with_schemas);
  std::vector<std::tuple<std::string, std::string, PyDiagnostic>> failures;
  for (const plan::SchemaFailure& failure : desired.schema_failures) {
    failures.emplace_back(failure.subject, failure.path, to_python(failure.diagnostic));
  }
  py::dict result;
  result["domain"] = desired.scope.domain;
  result["topics"] = desired.topics.size();
  result["acls"] = desired.acls.size();
  result["subjects"] = desired.subjects.size();
  result["schema_failures"] = failures;
  return result;
}

PyPlan plan_offline(const std::string& spec_path,
                    const std::string& schema_path,
                    const std::string& domain_user,
                    double partition_count_factor,
                    bool acl_disabled,
                    bool sr_disabled) {
  const plan::DesiredState desired =
      load(spec_path, schema_path, domain_user, partition_count_factor, !sr_disabled);
  const plan::Policy policy{.acl_disabled = acl_disabled, .sr_disabled = sr_disabled};
  return to_python(plan::diff(desired, plan::ActualState{}, policy));
}

PyPlan provision(const std::string& spec_path,
                 const std::string& schema_path,
                 const std::string& domain_user,
                 double partition_count_factor,
                 const std::string& bootstrap_servers,
                 const std::string& username,
                 const std::string& password,
                 const std::map<std::string, std::string>& properties,
                 const std::string& schema_registry_url,
                 const std::string& sr_api_key,
                 const std::string& sr_api_secret,
                 double timeout_seconds,
                 bool dry_run,
                 bool clean,
                 bool acl_disabled,
                 bool sr_disabled) {
  const plan::DesiredState desired =
      load(spec_path, schema_path, domain_user, partition_count_factor, !sr_disabled);
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(timeout_seconds * 1000));
  const kafka::Connection kafka_connection{.bootstrap_servers = bootstrap_servers,
                                           .username = username,
                                           .password = password,
                                           .properties = properties,
                                           .timeout = timeout};
  const registry::Connection registry_connection{.url = schema_registry_url,
                                                 .api_key = sr_api_key,
                                                 .api_secret = sr_api_secret,
                                                 .timeout = timeout};
  apply::Connections connections;
  connections.kafka = [&] { return kafka::make_kafka_admin(kafka_connection); };
  if (!sr_disabled) {
    connections.registry = [&] { return registry::make_schema_registry(registry_connection); };
  }
  const plan::Policy policy{
      .clean_unspecified = clean, .acl_disabled = acl_disabled, .sr_disabled = sr_disabled};
  Result<plan::Plan> plan = [&] {
    const py::gil_scoped_release unlocked;
    return apply::provision(desired, policy, dry_run, connections);
  }();
  if (!plan) {
    raise("ClusterError", plan.error());
  }
  return to_python(*plan);
}

} // namespace

PYBIND11_MODULE(_native, module) {
  module.doc() = "specmesh's C++ core; use the `specmesh` package instead.";
  module.def("load_spec",
             &load_spec,
             py::arg("spec_path"),
             py::arg("schema_path"),
             py::arg("domain_user"),
             py::arg("partition_count_factor"),
             py::arg("with_schemas"));
  module.def("plan_offline",
             &plan_offline,
             py::arg("spec_path"),
             py::arg("schema_path"),
             py::arg("domain_user"),
             py::arg("partition_count_factor"),
             py::arg("acl_disabled"),
             py::arg("sr_disabled"));
  module.def("provision",
             &provision,
             py::arg("spec_path"),
             py::arg("schema_path"),
             py::arg("domain_user"),
             py::arg("partition_count_factor"),
             py::arg("bootstrap_servers"),
             py::arg("username"),
             py::arg("password"),
             py::arg("properties"),
             py::arg("schema_registry_url"),
             py::arg("sr_api_key"),
             py::arg("sr_api_secret"),
             py::arg("timeout_seconds"),
             py::arg("dry_run"),
             py::arg("clean"),
             py::arg("acl_disabled"),
             py::arg("sr_disabled"));
}
