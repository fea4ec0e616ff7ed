#include "commands.hpp"

#include <fmt/format.h>

namespace specmesh::cli {

namespace {

std::string count(std::size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

} // namespace

int run_validate(const CommandOptions& options, Environment& env) {
  if (!check_spec_given(options, "validate", env)) {
    return k_exit_error;
  }
  const std::optional<plan::DesiredState> state = load_desired(options, !options.sr_disabled, env);
  if (!state) {
    return k_exit_error;
  }
  if (!state->schema_failures.empty()) {
    for (const plan::SchemaFailure& failure : state->schema_failures) {
      env.err << failure.diagnostic.to_string() << '\n';
      if (failure.referenced_at != failure.diagnostic.where) {
        env.err << Diagnostic{failure.referenced_at, "note: referenced here"}.to_string() << '\n';
      }
    }
    env.err << fmt::format("specmesh: spec '{}' has {} schema problem{}\n",
                           options.spec_path,
                           state->schema_failures.size(),
                           state->schema_failures.size() == 1 ? "" : "s");
    return k_exit_error;
  }
  env.out << fmt::format("{}: valid; domain '{}': {}, {}, {}\n",
                         options.spec_path,
                         state->scope.domain,
                         count(state->topics.size(), "topic"),
                         count(state->acls.size(), "ACL"),
                         count(state->subjects.size(), "schema subject"));
  return k_exit_ok;
}

} // namespace specmesh::cli
