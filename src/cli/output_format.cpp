#include "output_format.hpp"

#include <specmesh/apply/render.hpp>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <regex>

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

} // namespace

bool reads_as_other_type(std::string_view text) {
  // YAML 1.1 and 1.2 numbers (ints, floats, octal, hex, sexagesimal, .inf, .nan) and dates
  // all start with a digit, or with a sign or a dot before one.
  static const std::regex k_number_like{R"([-+]?\.?[0-9]\S*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"};
  static const std::regex k_reserved_word{"~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|"
                                          "True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"};
  const std::string value(text);
  return value.empty() || std::regex_match(value, k_number_like)
         || std::regex_match(value, k_reserved_word);
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
