// `specmesh local up|down|status|logs`: the local Kafka + schema registry for development and
// tests, delegated to the script that ships with specmesh (scripts/local-env.sh).
#include "commands.hpp"

#include <specmesh/shell.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

namespace specmesh::cli {

int run_local(const CommandOptions& options, Environment& env) {
  // $SPECMESH_LOCAL_ENV, else the script of an installed binary, else the source tree's.
  const std::optional<std::filesystem::path> script =
      find_local_env_script({script_beside_executable(),
                             std::filesystem::path(SPECMESH_SOURCE_DIR) / "scripts/local-env.sh"});
  if (!script) {
    env.err << "specmesh: local-env.sh not found; set SPECMESH_LOCAL_ENV to its path\n";
    return k_exit_error;
  }
  std::string command = "bash " + shell_quoted(script->string());
  for (const std::string& arg : options.local_args) {
    command += " " + shell_quoted(arg);
  }
  env.out.flush();
  const int exit_code = exit_code_of(std::system(command.c_str()));
  if (exit_code < 0) {
    env.err << fmt::format("specmesh: could not run {}\n", script->string());
    return k_exit_error;
  }
  return exit_code;
}

} // namespace specmesh::cli
