// `specmesh version` (and `--version`) and `specmesh completion bash|zsh`: the commands about
// specmesh itself.
#include "build_info.hpp"
#include "commands.hpp"

#include <fmt/format.h>

namespace specmesh::cli {

std::string specmesh_version() {
  return SPECMESH_VERSION;
}

std::string version_text(const Environment& env) {
  std::string text = fmt::format("specmesh {} (commit {})\n", SPECMESH_VERSION, SPECMESH_COMMIT);
  for (const auto& [library, version] : env.library_versions) {
    text += fmt::format("{} {}\n", library, version);
  }
  return text;
}

void register_tool_commands(CLI::App& app,
                            CommandOptions& options,
                            std::vector<Command>& commands) {
  CLI::App* version = app.add_subcommand(
      "version", "Print the versions of specmesh and its client libraries, and the build commit.");
  version->footer("The commit is the one the build was configured at ('unknown' outside git).");
  commands.push_back({version, [](const CommandOptions&, Environment& env) {
                        env.out << version_text(env);
                        return k_exit_ok;
                      }});

  CLI::App* completion =
      app.add_subcommand("completion", "Print the shell completion script for bash or zsh.");
  completion->add_option("shell", options.shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  completion->footer("Example:\n"
                     "  source <(specmesh completion bash)              # bash, e.g. in ~/.bashrc\n"
                     "  specmesh completion zsh > ~/.zfunc/_specmesh   # zsh, with ~/.zfunc in "
                     "$fpath before compinit");
  commands.push_back({completion, [&app](const CommandOptions& given, Environment& env) {
                        env.out << completion_script(app, given.shell);
                        return k_exit_ok;
                      }});
}

} // namespace specmesh::cli
