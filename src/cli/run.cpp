#include "commands.hpp"

#include <specmesh/cli/run.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace specmesh::cli {

namespace {

constexpr const char* k_version = "0.1.0";

} // namespace

int run(const std::vector<std::string>& args, Environment& env) {
  CLI::App app{"specmesh: specification-driven data mesh for Apache Kafka.\n"
               "Turns an AsyncAPI spec into Kafka topics, ACLs and schema-registry subjects.",
               "specmesh"};
  app.require_subcommand(1);
  app.set_version_flag("--version", k_version);
  app.footer("Run 'specmesh <command> --help' for a command's options and an example.\n"
             "Exit codes: 0 ok (plan: nothing to change), 1 error, 2 changes pending, "
             "3 change blocked.");

  CommandOptions options;
  std::vector<Command> commands = register_commands(app, options);
  if (args.empty()) {
    env.err << app.help();
    return k_exit_error;
  }
  // `local` hands its arguments to local-env.sh untouched (they are that script's options).
  if (args.front() == "local" && args.size() > 1 && args[1] != "--help" && args[1] != "-h") {
    options.local_args.assign(args.begin() + 1, args.end());
    return run_local(options, env);
  }
  const auto chosen = std::find_if(commands.begin(), commands.end(), [&](const Command& command) {
    return command.app->get_name() == args.front();
  });
  if (!args.front().starts_with('-') && chosen == commands.end()) {
    env.err << fmt::format("specmesh: unknown command '{}' (see 'specmesh --help')\n",
                           args.front());
    return k_exit_error;
  }

  const CLI::App* chosen_app = chosen != commands.end() ? chosen->app : nullptr;
  std::vector<std::string> reversed =
      translate_legacy_flags(args, [chosen_app](const std::string& name) {
        const CLI::Option* option =
            chosen_app != nullptr ? chosen_app->get_option_no_throw(name) : nullptr;
        return option != nullptr && option->get_expected_min() > 0;
      });
  std::reverse(reversed.begin(), reversed.end()); // CLI11 takes its vector back to front
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    env.out << app.help();
    return k_exit_ok;
  } catch (const CLI::CallForAllHelp&) {
    env.out << app.help("", CLI::AppFormatMode::All);
    return k_exit_ok;
  } catch (const CLI::CallForVersion&) {
    env.out << "specmesh " << k_version << '\n';
    return k_exit_ok;
  } catch (const CLI::ParseError& e) {
    const auto* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
    std::string message = e.what();
    if (!message.empty()) {
      message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    env.err << fmt::format("specmesh: {} (see 'specmesh {}--help')\n",
                           message,
                           sub != nullptr ? sub->get_name() + " " : "");
    return k_exit_error;
  }
  try {
    for (const Command& command : commands) {
      if (!command.app->parsed()) {
        continue;
      }
      if (command.app->get_option_no_throw("--bootstrap-server") != nullptr) {
        if (auto applied = apply_properties_file(*command.app, options, env); !applied) {
          env.err << "specmesh: " << applied.error().message << '\n';
          return k_exit_error;
        }
      }
      return command.run(options, env);
    }
  } catch (const std::exception& e) {
    env.err << "specmesh: internal error: " << e.what() << '\n';
    return k_exit_error;
  }
  return k_exit_error;
}

} // namespace specmesh::cli
