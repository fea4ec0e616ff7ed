// `specmesh local up|down|status|logs`: the local Kafka + schema registry for development and
// tests, delegated to the script that ships with specmesh (scripts/local-env.sh).
#include "commands.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace specmesh::cli {

namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

/// $SPECMESH_LOCAL_ENV, else <prefix>/share/specmesh/scripts of an installed binary, else the
/// source tree it was built from.
std::optional<fs::path> local_env_script() {
  if (const char* path = std::getenv("SPECMESH_LOCAL_ENV"); path != nullptr && *path != '\0') {
    return fs::path(path);
  }
  std::error_code ignored;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ignored);
  for (const fs::path& candidate :
       {exe.parent_path().parent_path() / "share/specmesh/scripts/local-env.sh",
        fs::path(SPECMESH_SOURCE_DIR) / "scripts/local-env.sh"}) {
    if (fs::exists(candidate, ignored)) {
      return candidate;
    }
  }
  return std::nullopt;
}

} // namespace

int run_local(const CommandOptions& options, Environment& env) {
  const std::optional<fs::path> script = local_env_script();
  if (!script) {
    env.err << "specmesh: local-env.sh not found; set SPECMESH_LOCAL_ENV to its path\n";
    return k_exit_error;
  }
  std::string command = "bash " + quoted(script->string());
  for (const std::string& arg : options.local_args) {
    command += " " + quoted(arg);
  }
  env.out.flush();
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) {
    env.err << fmt::format("specmesh: could not run {}\n", script->string());
    return k_exit_error;
  }
  return WEXITSTATUS(status);
}

} // namespace specmesh::cli
