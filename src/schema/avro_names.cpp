#include "avro_names.hpp"

#include <algorithm>
#include <array>

namespace specmesh::schema {

namespace {

constexpr std::array<std::string_view, 13> k_avro_keywords{"null",
                                                           "boolean",
                                                           "int",
                                                           "long",
                                                           "float",
                                                           "double",
                                                           "bytes",
                                                           "string",
                                                           "record",
                                                           "enum",
                                                           "array",
                                                           "map",
                                                           "fixed"};

bool is_named_kind(std::string_view kind) {
  return kind == "record" || kind == "enum" || kind == "fixed";
}

} // namespace

bool is_avro_keyword(std::string_view name) {
  return std::find(k_avro_keywords.begin(), k_avro_keywords.end(), name) != k_avro_keywords.end();
}

std::string string_member(const Json& node, const char* key) {
  const auto found = node.find(key);
  return found != node.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

std::string kind_of(const Json& node) {
  return node.is_object() ? string_member(node, "type") : std::string{};
}

std::string qualify(const std::string& name, const std::string& name_space) {
  if (name.find('.') != std::string::npos || name_space.empty()) {
    return name;
  }
  return name_space + "." + name;
}

std::optional<NamedType> named_type(const Json& node, const std::string& enclosing_namespace) {
  if (!is_named_kind(kind_of(node))) {
    return std::nullopt;
  }
  const std::string name = string_member(node, "name");
  if (name.empty()) {
    return std::nullopt;
  }
  // Per the Avro spec a dotted name is already a full name and its namespace wins.
  if (const auto dot = name.rfind('.'); dot != std::string::npos) {
    return NamedType{name, name.substr(0, dot)};
  }
  const auto name_space = node.find("namespace");
  const bool has_namespace = name_space != node.end() && name_space->is_string();
  const std::string own = has_namespace ? name_space->get<std::string>() : enclosing_namespace;
  return NamedType{qualify(name, own), own};
}

} // namespace specmesh::schema
