#include "commands.hpp"

#include <specmesh/cli/run.hpp>
#include <specmesh/did_you_mean.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace specmesh::cli {

namespace {

/// Every spelling of the options of `command`: `--spec`, `-D`, and the legacy `-spec`.
std::vector<std::string> option_spellings(const CLI::App& command) {
  std::vector<std::string> spellings;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) {
      spellings.push_back("--" + name);
    }
    for (const std::string& name : option->get_snames()) {
      spellings.push_back("-" + name);
    }
  }
  for (const LegacyFlag& flag : legacy_flags()) {
    if (command.get_option_no_throw(std::string(flag.modern)) != nullptr) {
      spellings.emplace_back(flag.legacy);
    }
  }
  return spellings;
}

/// "unknown option '--dry-runn' (did you mean '--dry-run'?)" for the first of the `extras`
/// (arguments no option took) that is close to an option of `command`; nullopt if none is.
std::optional<std::string> option_suggestion(const CLI::App& command,
                                             const std::vector<std::string>& extras) {
  const std::vector<std::string> spellings = option_spellings(command);
  for (const std::string& extra : extras) {
    const std::string name = extra.substr(0, extra.find('='));
    if (!name.starts_with('-') || name.size() < 3) {
      continue;
    }
    const std::vector<std::string_view> candidates(spellings.begin(), spellings.end());
    if (const std::optional<std::string_view> match = closest_match(name, candidates)) {
      return fmt::format("unknown option '{}' (did you mean '{}'?)", name, *match);
    }
  }
  return std::nullopt;
}

/// CLI11's message with the options the user wrote in a legacy form named as written too.
std::string parse_error_message(const CLI::ParseError& error, const CommandOptions& options) {
  std::string message = error.what();
  if (!message.empty()) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  for (const auto& [modern, written] : options.spelled_as) {
    const std::size_t at = message.find(modern);
    const std::size_t end = at + modern.size();
    if (at != std::string::npos
        && (end == message.size()
            || (std::isalnum(static_cast<unsigned char>(message[end])) == 0
                && message[end] != '-'))) {
      message.replace(at, modern.size(), flag_as_written(options, modern));
    }
  }
  return message;
}

/// The legacy spellings among `args` (`-pfc`), by the option they were translated to.
void record_spellings(const std::vector<std::string>& args,
                      const std::vector<std::string>& translated,
                      CommandOptions& options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != translated[i]) {
      const std::string modern = translated[i].substr(0, translated[i].find('='));
      options.spelled_as[modern] = args[i].substr(0, args[i].find('='));
    }
  }
}

} // namespace

int run(const std::vector<std::string>& args, Environment& env) {
  CLI::App app{"specmesh: specification-driven data mesh for Apache Kafka.\n"
               "Turns an AsyncAPI spec into Kafka topics, ACLs and schema-registry subjects.",
               "specmesh"};
  app.require_subcommand(1);
  app.set_version_flag("--version", specmesh_version());
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
    std::vector<std::string_view> names;
    names.reserve(commands.size());
    for (const Command& command : commands) {
      names.push_back(command.app->get_name());
    }
    const std::optional<std::string_view> match = closest_match(args.front(), names);
    env.err << fmt::format("specmesh: unknown command '{}' ({})\n",
                           args.front(),
                           match ? fmt::format("did you mean '{}'?", *match)
                                 : std::string("see 'specmesh --help'"));
    return k_exit_error;
  }

  const CLI::App* chosen_app = chosen != commands.end() ? chosen->app : nullptr;
  const std::vector<std::string> translated =
      translate_legacy_flags(args, [chosen_app](const std::string& name) {
        const CLI::Option* option =
            chosen_app != nullptr ? chosen_app->get_option_no_throw(name) : nullptr;
        return option != nullptr && option->get_expected_min() > 0;
      });
  record_spellings(args, translated, options);
  std::vector<std::string> reversed(translated.rbegin(), translated.rend()); // CLI11's order
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    env.out << app.help();
    return k_exit_ok;
  } catch (const CLI::CallForAllHelp&) {
    env.out << app.help("", CLI::AppFormatMode::All);
    return k_exit_ok;
  } catch (const CLI::CallForVersion&) {
    env.out << version_text(env);
    return k_exit_ok;
  } catch (const CLI::ParseError& e) {
    const CLI::App* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
    const std::optional<std::string> suggestion =
        dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr
            ? option_suggestion(sub != nullptr ? *sub : app, app.remaining(true))
            : std::nullopt;
    if (suggestion) {
      env.err << "specmesh: " << *suggestion << '\n';
    } else {
      env.err << fmt::format("specmesh: {} (see 'specmesh {}--help')\n",
                             parse_error_message(e, options),
                             sub != nullptr ? sub->get_name() + " " : "");
    }
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
