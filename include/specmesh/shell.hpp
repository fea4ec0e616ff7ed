// Running scripts/local-env.sh (the `local` command, LocalEnvironment, the integration tests):
// finding it, quoting its arguments for the shell, capturing what it prints.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace specmesh {

/// `text` in single quotes for /bin/sh, any single quote in it escaped.
std::string shell_quoted(const std::string& text);

/// What a shell command wrote to its standard output, and its exit code (-1 when it could not
/// be run or did not exit normally).
struct CommandOutput {
  std::string out;
  int exit_code = -1;
};
CommandOutput capture_output(const std::string& command);

/// The exit code of a finished `std::system`/`pclose` status, or -1 when it did not exit.
int exit_code_of(int status);

/// `<prefix>/share/specmesh/scripts/local-env.sh` for the running executable in `<prefix>/bin`.
std::filesystem::path script_beside_executable();

/// `$SPECMESH_LOCAL_ENV` when it is set, else the first of `candidates` that exists.
std::optional<std::filesystem::path>
find_local_env_script(const std::vector<std::filesystem::path>& candidates);

} // namespace specmesh
