// `specmesh completion bash|zsh`: the scripts are generated from the CLI11 definition of the
// commands, so a new command or option completes without editing anything here. Options whose
// type name is FILE or DIR complete paths; options checked by CLI::IsMember complete their values.
#include "commands.hpp"

#include <fmt/format.h>

namespace specmesh::cli {

namespace {

enum class ValueKind { none, text, file, directory, choice };

struct OptionModel {
  std::vector<std::string> spellings; ///< `--output`, `-o`
  std::vector<std::string> legacy;    ///< `-bs` (completed after, never offered)
  std::string description;
  ValueKind value = ValueKind::none;
  std::vector<std::string> choices;
  bool repeatable = false;
};

struct CommandModel {
  std::string name;
  std::string description;
  std::vector<OptionModel> options;
  std::vector<std::string> argument_choices; ///< of a positional argument checked by IsMember
};

/// The values of a CLI::IsMember check, which CLI11 shows in the type name: `TEXT:{a,b}`.
std::vector<std::string> member_choices(const std::string& type_name) {
  const std::size_t open = type_name.find('{');
  const std::size_t close = type_name.find('}', open);
  std::vector<std::string> choices;
  if (open == std::string::npos || close == std::string::npos) {
    return choices;
  }
  const std::string list = type_name.substr(open + 1, close - open - 1);
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    choices.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return choices;
}

ValueKind value_kind(const CLI::Option& option, const std::vector<std::string>& choices) {
  if (option.get_expected_min() == 0) {
    return ValueKind::none;
  }
  const std::string type = option.get_type_name();
  if (type.starts_with("FILE")) {
    return ValueKind::file;
  }
  if (type.starts_with("DIR")) {
    return ValueKind::directory;
  }
  return choices.empty() ? ValueKind::text : ValueKind::choice;
}

/// The description up to its first sentence's end, for the one-line hints of zsh.
std::string first_sentence(const std::string& text) {
  const std::size_t end = std::min({text.find(". "), text.find("; "), text.find('\n')});
  std::string sentence = text.substr(0, end);
  if (!sentence.empty() && sentence.back() == '.') {
    sentence.pop_back();
  }
  return sentence;
}

CommandModel command_model(const CLI::App& command) {
  CommandModel model{command.get_name(), first_sentence(command.get_description()), {}, {}};
  for (const CLI::Option* option : command.get_options()) {
    if (option->get_positional()) {
      model.argument_choices = member_choices(option->get_type_name());
      continue;
    }
    OptionModel entry;
    for (const std::string& name : option->get_lnames()) {
      entry.spellings.push_back("--" + name);
    }
    for (const std::string& name : option->get_snames()) {
      entry.spellings.push_back("-" + name);
    }
    for (const LegacyFlag& flag : legacy_flags()) {
      if (command.get_option_no_throw(std::string(flag.modern)) == option) {
        entry.legacy.emplace_back(flag.legacy);
      }
    }
    entry.description = first_sentence(option->get_description());
    entry.choices = member_choices(option->get_type_name());
    entry.value = value_kind(*option, entry.choices);
    entry.repeatable = option->get_expected_max() > 1
                       || option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    model.options.push_back(std::move(entry));
  }
  return model;
}

std::vector<CommandModel> command_models(const CLI::App& app) {
  std::vector<CommandModel> models;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    models.push_back(command_model(*command));
  }
  return models;
}

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const std::string& word : words) {
    text += (text.empty() ? "" : separator) + word;
  }
  return text;
}

/// The bash `case` arm completing the value after `option`, or "" for a flag.
std::string bash_value_arm(const OptionModel& option) {
  std::vector<std::string> names = option.spellings;
  names.insert(names.end(), option.legacy.begin(), option.legacy.end());
  const std::string pattern = joined(names, "|");
  switch (option.value) {
  case ValueKind::none:
    return "";
  case ValueKind::file:
    return fmt::format("        {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", pattern);
  case ValueKind::directory:
    return fmt::format("        {}) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n", pattern);
  case ValueKind::choice:
    return fmt::format("        {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n",
                       pattern,
                       joined(option.choices, " "));
  case ValueKind::text:
    return fmt::format("        {}) return ;;\n", pattern);
  }
  return "";
}

std::string bash_script(const std::vector<CommandModel>& commands) {
  std::vector<std::string> names;
  std::string arms;
  for (const CommandModel& command : commands) {
    names.push_back(command.name);
    std::vector<std::string> words;
    std::string value_arms;
    for (const OptionModel& option : command.options) {
      words.insert(words.end(), option.spellings.begin(), option.spellings.end());
      value_arms += bash_value_arm(option);
    }
    words.insert(words.begin(), command.argument_choices.begin(), command.argument_choices.end());
    const std::string words_to_offer = joined(words, " ");
    arms += fmt::format("    {})\n      case \"$prev\" in\n{}      esac\n"
                        "      COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")) ;;\n",
                        command.name,
                        value_arms,
                        words_to_offer);
  }
  return fmt::format("# bash completion for specmesh, generated by 'specmesh completion bash'.\n"
                     "_specmesh() {{\n"
                     "  local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" prev=\"\"\n"
                     "  (( COMP_CWORD > 0 )) && prev=\"${{COMP_WORDS[COMP_CWORD-1]}}\"\n"
                     "  if (( COMP_CWORD == 1 )); then\n"
                     "    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\"))\n"
                     "    return\n"
                     "  fi\n"
                     "  case \"${{COMP_WORDS[1]}}\" in\n"
                     "{}"
                     "  esac\n"
                     "}}\n"
                     "complete -o filenames -F _specmesh specmesh\n",
                     joined(names, " "),
                     arms);
}

/// `text` for a single-quoted zsh word inside an `_arguments` description (`[...]`).
std::string zsh_description(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\'') {
      escaped += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      escaped += '\\';
      escaped += c;
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string zsh_action(const OptionModel& option) {
  switch (option.value) {
  case ValueKind::none:
    return "";
  case ValueKind::file:
    return ":file:_files";
  case ValueKind::directory:
    return ":directory:_files -/";
  case ValueKind::choice:
    return fmt::format(":value:({})", joined(option.choices, " "));
  case ValueKind::text:
    return ":value: ";
  }
  return "";
}

std::string zsh_script(const std::vector<CommandModel>& commands) {
  std::string described;
  std::string arms;
  for (const CommandModel& command : commands) {
    described += fmt::format("    '{}:{}'\n", command.name, zsh_description(command.description));
    std::string specs;
    for (const OptionModel& option : command.options) {
      for (const std::string& spelling : option.spellings) {
        specs += fmt::format(" \\\n        '{}{}[{}]{}'",
                             option.repeatable ? "*" : "",
                             spelling,
                             zsh_description(option.description),
                             zsh_action(option));
      }
    }
    if (!command.argument_choices.empty()) {
      specs += fmt::format(" \\\n        '1:argument:({})'", joined(command.argument_choices, " "));
    }
    arms += fmt::format("    {})\n      _arguments{} ;;\n", command.name, specs);
  }
  return fmt::format("#compdef specmesh\n"
                     "# zsh completion for specmesh, generated by 'specmesh completion zsh'.\n"
                     "_specmesh() {{\n"
                     "  local -a commands\n"
                     "  commands=(\n{}  )\n"
                     "  if (( CURRENT == 2 )); then\n"
                     "    _describe -t commands 'specmesh command' commands\n"
                     "    return\n"
                     "  fi\n"
                     "  local command=\"${{words[2]}}\"\n"
                     "  shift words\n"
                     "  (( CURRENT-- ))\n"
                     "  case \"$command\" in\n"
                     "{}"
                     "  esac\n"
                     "}}\n"
                     "if [[ \"${{funcstack[1]}}\" == _specmesh ]]; then\n"
                     "  _specmesh \"$@\"\n"
                     "else\n"
                     "  compdef _specmesh specmesh\n"
                     "fi\n",
                     described,
                     arms);
}

} // namespace

std::string completion_script(const CLI::App& app, const std::string& shell) {
  const std::vector<CommandModel> commands = command_models(app);
  return shell == "zsh" ? zsh_script(commands) : bash_script(commands);
}

} // namespace specmesh::cli
