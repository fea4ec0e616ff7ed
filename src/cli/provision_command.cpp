// `specmesh provision` and `specmesh plan`: load, observe the cluster, diff, then either render
// the plan (dry run) or execute it. Reads top to bottom as the data flow in ARCHITECTURE.md.
#include "commands.hpp"

#include <specmesh/apply/execute.hpp>
#include <specmesh/apply/render.hpp>

#include <fmt/format.h>

namespace specmesh::cli {

namespace {

int exit_code(const plan::Plan& plan, bool dry_run) {
  if (plan.has_failures()) {
    return k_exit_error;
  }
  if (plan.is_blocked()) {
    return k_exit_blocked;
  }
  return dry_run && plan.has_changes() ? k_exit_changes : k_exit_ok;
}

int fail_with(Environment& env, const Error& error) {
  env.err << "specmesh: " << error.message << '\n';
  return k_exit_error;
}

} // namespace

int run_provision(const CommandOptions& options, Environment& env) {
  const char* command = options.dry_run ? "plan" : "provision";
  if (!check_spec_given(options, command, env)) {
    return k_exit_error;
  }
  const Result<plan::DesiredOptions> desired_options_ = desired_options(options);
  if (!desired_options_) {
    return fail_with(env, desired_options_.error());
  }
  const std::optional<LoadedSpec> loaded = load_spec_and_schemas(options, *desired_options_, env);
  if (!loaded) {
    return k_exit_error;
  }
  const Result<plan::DesiredState> desired =
      plan::desired_state(loaded->spec, loaded->schemas, *desired_options_);
  if (!desired) {
    return fail_with(env, desired.error());
  }
  const Result<kafka::Connection> connection = kafka_connection(options);
  if (!connection) {
    return fail_with(env, connection.error());
  }
  if (!env.connect_kafka) {
    return fail_with(env, Error{ErrorCode::internal, "this specmesh has no Kafka client", {}});
  }
  Result<std::unique_ptr<ports::KafkaAdmin>> kafka = env.connect_kafka(*connection);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  std::unique_ptr<ports::SchemaRegistry> registry;
  if (!options.sr_disabled) {
    const Result<registry::Connection> sr_connection = registry_connection(options);
    if (!sr_connection) {
      return fail_with(env, sr_connection.error());
    }
    if (!env.connect_registry) {
      return fail_with(env,
                       Error{ErrorCode::invalid_input,
                             "this specmesh has no schema registry client; pass --sr-disabled",
                             {}});
    }
    auto connected = env.connect_registry(*sr_connection);
    if (!connected) {
      return fail_with(env, connected.error());
    }
    registry = std::move(*connected);
  }
  const plan::Policy policy{options.clean_unspecified, options.acl_disabled, options.sr_disabled};
  Result<plan::ActualState> actual = apply::observe(**kafka, desired->scope, policy);
  if (!actual) {
    return fail_with(env, actual.error());
  }
  if (registry) {
    if (auto observed = apply::observe_registry(*registry, *desired, *actual); !observed) {
      return fail_with(env, observed.error());
    }
  }
  plan::Plan plan = plan::diff(*desired, *actual, policy);
  if (options.dry_run) {
    apply::validate(plan, **kafka);
    if (registry) {
      apply::check_compatibility(plan, *registry);
    }
  } else if (!plan.is_blocked()) {
    apply::execute(plan, **kafka, registry.get());
  }
  const auto format =
      options.output == "json" ? apply::OutputFormat::json : apply::OutputFormat::text;
  env.out << apply::render(plan, format);
  if (!options.dry_run && plan.is_blocked()) {
    env.err << "specmesh: nothing was changed: the plan has blocked changes\n";
  }
  return exit_code(plan, options.dry_run);
}

} // namespace specmesh::cli
