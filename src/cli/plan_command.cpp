#include "commands.hpp"
#include "output_format.hpp"

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
  const std::optional<plan::DesiredState> state = load_desired(options, !options.sr_disabled, env);
  if (!state) {
    return k_exit_error;
  }
  const plan::Policy policy{.acl_disabled = options.acl_disabled,
                            .sr_disabled = options.sr_disabled,
                            .storage_disabled = options.s3_disabled};
  const plan::Plan plan = plan::diff(*state, plan::ActualState{}, policy);
  env.out << render_plan(plan, options.output);
  return plan_exit_code(plan, true);
}

} // namespace specmesh::cli
