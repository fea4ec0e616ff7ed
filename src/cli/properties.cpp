#include "commands.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace specmesh::cli {

std::optional<std::string> property(const CommandOptions& options, const std::string& key) {
  std::optional<std::string> value;
  for (const std::string& entry : options.properties) {
    KeyValue property = split_key_value(entry);
    if (property.key == key) {
      value = std::move(property.value);
    }
  }
  return value;
}

bool check_spec_given(const CommandOptions& options, const char* command, Environment& env) {
  if (!options.spec_path.empty()) {
    return true;
  }
  env.err << fmt::format("specmesh: --spec is required (see 'specmesh {} --help')\n", command);
  return false;
}

Result<void>
apply_properties_file(CLI::App& command, const CommandOptions& options, Environment& env) {
  const std::optional<std::string> named = property(options, "provision.properties");
  const std::string path = named.value_or("provision.properties");
  std::ifstream in(path);
  if (!in) {
    // Part A.1: a missing properties file is not an error (the original's Docker wrapper always
    // names one), but a named one that is missing is worth a note.
    if (named) {
      note_line(
          options,
          env,
          fmt::format("note: properties file '{}' not found; using the command line only", path));
    }
    return {};
  }
  verbose_line(options, env, fmt::format("reading the properties file {}", path));
  std::set<const CLI::Option*> set_by_file;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line.starts_with('#') || line.starts_with('!')) {
      continue;
    }
    const std::size_t equals = line.find_first_of("=:");
    const std::string key = trim(line.substr(0, equals));
    const std::string value = equals == std::string::npos ? "" : trim(line.substr(equals + 1));
    std::string option_name = "--" + key;
    std::replace(option_name.begin(), option_name.end(), '.', '-');
    CLI::Option* option = command.get_option_no_throw(option_name);
    if (option == nullptr) {
      note_line(options,
                env,
                fmt::format("{}:{}: ignoring '{}': no such option of '{}'",
                            path,
                            number,
                            key,
                            command.get_name()));
      continue;
    }
    if (option->count() > 0 && !set_by_file.contains(option)) {
      continue; // the command line wins
    }
    const bool is_flag = option->get_expected_min() == 0;
    if (is_flag && value != "true" && value != "false") {
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}:{}: '{}' must be true or false", path, number, key));
    }
    set_by_file.insert(option);
    option->clear(); // as in Java properties, a key's last line wins
    try {
      option->add_result(value);
      option->run_callback();
    } catch (const CLI::Error& e) {
      return fail(ErrorCode::invalid_input, fmt::format("{}:{}: {}", path, number, e.what()));
    }
  }
  return {};
}

} // namespace specmesh::cli
