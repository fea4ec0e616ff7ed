// `specmesh provision` and `specmesh plan`: the spec's desired state, the connections from
// the options, then apply::provision; the plan it returns is rendered with every outcome.
#include "commands.hpp"
#include "output_format.hpp"
#include "progress.hpp"

#include <specmesh/apply/provision.hpp>

namespace specmesh::cli {

int plan_exit_code(const plan::Plan& plan, bool dry_run) {
  if (plan.has_failures()) {
    return k_exit_error;
  }
  if (plan.is_blocked()) {
    return k_exit_blocked;
  }
  return dry_run && plan.has_changes() ? k_exit_changes : k_exit_ok;
}

int run_provision(const CommandOptions& options, Environment& env) {
  if (!check_spec_given(options, options.dry_run ? "plan" : "provision", env)) {
    return k_exit_error;
  }
  const std::optional<plan::DesiredState> desired =
      load_desired(options, !options.sr_disabled, env);
  if (!desired) {
    return k_exit_error;
  }
  const Result<kafka::Connection> kafka = kafka_connection(options);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  if (!env.connect_kafka) {
    return fail_with(env, Error{ErrorCode::internal, "this specmesh has no Kafka client", {}});
  }
  const std::unique_ptr<apply::Progress> progress = terminal_progress(env);
  apply::Connections connections;
  connections.kafka = [&] {
    const apply::ProgressScope connecting(progress.get(), kafka_progress_text(*kafka));
    verbose_line(options, env, describe_connection(*kafka));
    return env.connect_kafka(*kafka);
  };
  std::optional<registry::Connection> registry;
  if (!options.sr_disabled) {
    Result<registry::Connection> configured = registry_connection(options);
    if (!configured) {
      return fail_with(env, configured.error());
    }
    if (!env.connect_registry) {
      return fail_with(env,
                       Error{ErrorCode::invalid_input,
                             "this specmesh has no schema registry client; pass --sr-disabled",
                             {}});
    }
    registry = *configured;
    connections.registry = [&] {
      const apply::ProgressScope connecting(progress.get(), "connecting to the schema registry");
      verbose_line(options, env, describe_connection(*registry));
      return env.connect_registry(*registry);
    };
  }
  plan::Policy policy{.clean_unspecified = options.clean_unspecified,
                      .acl_disabled = options.acl_disabled,
                      .sr_disabled = options.sr_disabled,
                      .storage_disabled = options.s3_disabled};
  if (!options.username.empty()) {
    policy.kept_principals.insert("User:" + options.username);
  }
  const auto wait =
      options.no_wait
          ? std::chrono::milliseconds{0}
          : std::chrono::milliseconds{static_cast<std::int64_t>(options.timeout_seconds * 1000)};
  const Result<plan::Plan> plan =
      apply::provision(*desired, policy, options.dry_run, connections, wait, progress.get());
  if (!plan) {
    return fail_with(env, plan.error());
  }
  env.out << render_plan(*plan, options.output);
  if (!options.dry_run && plan->is_blocked()) {
    env.err << "specmesh: nothing was changed: the plan has blocked changes\n";
  }
  return plan_exit_code(*plan, options.dry_run);
}

} // namespace specmesh::cli
