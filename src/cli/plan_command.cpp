#include "commands.hpp"

#include <specmesh/apply/render.hpp>

namespace specmesh::cli {

int run_plan(const CommandOptions& options, Environment& env) {
  if (!options.offline) {
    CommandOptions dry_run = options;
    dry_run.dry_run = true;
    return run_provision(dry_run, env);
  }
  if (!check_spec_given(options, "plan", env)) {
    return k_exit_error;
  }
  const Result<plan::DesiredOptions> desired = desired_options(options);
  if (!desired) {
    env.err << "specmesh: " << desired.error().message << '\n';
    return k_exit_error;
  }
  const std::optional<LoadedSpec> loaded = load_spec_and_schemas(options, *desired, env);
  if (!loaded) {
    return k_exit_error;
  }
  const Result<plan::DesiredState> state =
      plan::desired_state(loaded->spec, loaded->schemas, *desired);
  if (!state) {
    env.err << "specmesh: " << state.error().message << '\n';
    return k_exit_error;
  }
  const plan::Policy policy{false, options.acl_disabled, options.sr_disabled};
  const plan::Plan plan = plan::diff(*state, plan::ActualState{}, policy);
  const auto format =
      options.output == "json" ? apply::OutputFormat::json : apply::OutputFormat::text;
  env.out << apply::render(plan, format);
  if (plan.has_failures()) {
    return k_exit_error;
  }
  if (plan.is_blocked()) {
    return k_exit_blocked;
  }
  return plan.has_changes() ? k_exit_changes : k_exit_ok;
}

} // namespace specmesh::cli
