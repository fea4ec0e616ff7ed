#include <specmesh/apply/execute.hpp>
#include <specmesh/apply/provision.hpp>
#include <specmesh/schema/load_schemas.hpp>
#include <specmesh/spec/load.hpp>

namespace specmesh::apply {

Result<plan::DesiredState> load_desired_state(const std::string& spec_path,
                                              const std::string& schema_path,
                                              const plan::DesiredOptions& options,
                                              bool with_schemas) {
  Result<spec::ApiSpec> spec = spec::load_file(spec_path, options.naming);
  if (!spec) {
    return tl::unexpected(spec.error());
  }
  std::vector<schema::LoadedSchema> schemas;
  if (with_schemas) {
    schemas = schema::load_schemas(plan::schema_requests(*spec, options), schema_path);
  }
  return plan::desired_state(*spec, schemas, options);
}

Result<plan::Plan> provision(const plan::DesiredState& desired,
                             const plan::Policy& policy,
                             bool dry_run,
                             const Connections& connections,
                             std::chrono::milliseconds visibility_wait,
                             Progress* progress) {
  if (!policy.storage_disabled && !desired.storage.empty()) {
    return fail(ErrorCode::invalid_input,
                "the spec declares storage (x-specmesh-storage), and this specmesh has no S3 "
                "connection to read or provision it with; pass --s3-disabled to leave storage "
                "alone (plan --offline shows what it would create)");
  }
  Result<std::unique_ptr<ports::KafkaAdmin>> kafka = connections.kafka();
  if (!kafka) {
    return tl::unexpected(kafka.error());
  }
  std::unique_ptr<ports::SchemaRegistry> registry;
  if (connections.registry) {
    auto connected = connections.registry();
    if (!connected) {
      return tl::unexpected(connected.error());
    }
    registry = std::move(*connected);
  }
  Result<plan::ActualState> actual = observe(**kafka, desired.scope, policy);
  if (!actual) {
    return tl::unexpected(actual.error());
  }
  if (registry) {
    if (auto observed = observe_registry(*registry, desired, *actual); !observed) {
      return tl::unexpected(observed.error());
    }
  }
  plan::Plan plan = plan::diff(desired, *actual, policy);
  if (dry_run) {
    validate(plan, **kafka);
    if (registry) {
      check_compatibility(plan, *registry);
    }
  } else if (!plan.is_blocked()) {
    execute(plan, **kafka, registry.get());
    if (visibility_wait.count() > 0) {
      await_visible(plan, **kafka, registry.get(), visibility_wait, progress);
    }
  }
  return plan;
}

} // namespace specmesh::apply
