#include <specmesh/shell.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace specmesh {

namespace fs = std::filesystem;

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

int exit_code_of(int status) {
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

CommandOutput capture_output(const std::string& command) {
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 4096> buffer{};
  while (const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.out.append(buffer.data(), count);
  }
  result.exit_code = exit_code_of(pclose(pipe));
  return result;
}

fs::path script_beside_executable() {
  std::error_code ignored;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ignored);
  return exe.parent_path().parent_path() / "share/specmesh/scripts/local-env.sh";
}

std::optional<fs::path> find_local_env_script(const std::vector<fs::path>& candidates) {
  if (const char* path = std::getenv("SPECMESH_LOCAL_ENV"); path != nullptr && *path != '\0') {
    return fs::path(path);
  }
  std::error_code ignored;
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate, ignored)) {
      return candidate;
    }
  }
  return std::nullopt;
}

} // namespace specmesh
