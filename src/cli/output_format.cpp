#include "output_format.hpp"

#include <specmesh/apply/render.hpp>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <string>

namespace specmesh::cli {

namespace {

using Json = nlohmann::ordered_json;

void emit_string(YAML::Emitter& out, const std::string& text) {
  if (reads_as_other_type(text)) {
    out << YAML::DoubleQuoted << text;
  } else {
    out << text; // yaml-cpp quotes what YAML syntax needs (": ", "#", a leading "-", ...)
  }
}

void emit(YAML::Emitter& out, const Json& value) {
  switch (value.type()) {
  case Json::value_t::object:
    if (value.empty()) {
      out << YAML::Flow; // `{}` beside its key, as `[]` below
    }
    out << YAML::BeginMap;
    for (const auto& [key, item] : value.items()) {
      out << YAML::Key;
      emit_string(out, key);
      out << YAML::Value;
      emit(out, item);
    }
    out << YAML::EndMap;
    break;
  case Json::value_t::array:
    if (value.empty()) {
      out << YAML::Flow;
    }
    out << YAML::BeginSeq;
    for (const Json& item : value) {
      emit(out, item);
    }
    out << YAML::EndSeq;
    break;
  case Json::value_t::string:
    emit_string(out, value.get<std::string>());
    break;
  case Json::value_t::null:
    out << YAML::Null;
    break;
  default: // numbers and booleans: JSON's spelling is YAML's
    out << value.dump();
    break;
  }
}

/// YAML 1.1 and 1.2 numbers (ints, floats, octal, hex, sexagesimal, .inf, .nan) and dates all
/// start with a digit, or with a sign or a dot before one: `[-+]?\.?[0-9]\S*`, `[-+]?\.inf`,
/// `\.nan` (in three cases each). Not a std::regex: libstdc++'s recurses once per character
/// of `\S*` and overflows the stack on a value of some 50,000 characters.
bool is_number_like(std::string_view text) {
  constexpr std::array<std::string_view, 3> k_nan{"nan", "NaN", "NAN"};
  constexpr std::array<std::string_view, 3> k_inf{"inf", "Inf", "INF"};
  const auto is_one_of = [](std::string_view word, const auto& words) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (text.starts_with('.') && is_one_of(text.substr(1), k_nan)) {
    return true;
  }
  std::string_view rest = text;
  if (rest.starts_with('+') || rest.starts_with('-')) {
    rest.remove_prefix(1);
  }
  if (rest.starts_with('.') && is_one_of(rest.substr(1), k_inf)) {
    return true;
  }
  if (rest.starts_with('.')) {
    rest.remove_prefix(1);
  }
  return !rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0])) != 0
         && std::none_of(rest.begin(), rest.end(), [](char c) {
              return std::isspace(static_cast<unsigned char>(c)) != 0;
            });
}

} // namespace

bool reads_as_other_type(std::string_view text) {
  static const std::regex k_reserved_word{"~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|"
                                          "True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"};
  return text.empty() || is_number_like(text)
         || std::regex_match(std::string(text), k_reserved_word);
}

std::string json_to_yaml(std::string_view json) {
  YAML::Emitter out;
  out << YAML::BeginDoc;
  emit(out, Json::parse(json));
  return std::string(out.c_str()) + "\n";
}

std::string render_plan(const plan::Plan& plan, const std::string& output) {
  if (output == "text") {
    return apply::render(plan, apply::OutputFormat::text);
  }
  const std::string json = apply::render(plan, apply::OutputFormat::json);
  return output == "yaml" ? json_to_yaml(json) : json;
}

} // namespace specmesh::cli
