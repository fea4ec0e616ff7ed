#include "avro_check.hpp"

#include "avro_names.hpp"

#include <fmt/format.h>

#include <avro.h>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string_view>

namespace specmesh::schema {

namespace {

struct SchemaRelease {
  void operator()(avro_schema_t schema) const { avro_schema_decref(schema); }
};
using AvroSchema = std::unique_ptr<avro_obj_t, SchemaRelease>;

bool is_identifier(std::string_view name) {
  const auto letter = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  if (name.empty() || !letter(name[0])) {
    return false;
  }
  for (const char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9')) {
      return false;
    }
  }
  return true;
}

/// The last part of a possibly dotted name, which is what avro-c checks as an identifier.
std::string_view simple_name(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

/// Replaces the first use of each name of `definitions` by its definition, in the order avro-c
/// reads a schema (fields, union branches, items and values in turn), so every later use is a
/// name avro-c already knows.
class Inliner {
public:
  explicit Inliner(const AvroDefinitions& definitions) : m_definitions(definitions) {}

  void inline_into(Json& type, const std::string& name_space) {
    if (type.is_string()) {
      const std::string name = type.get<std::string>();
      const std::string full_name = qualify(name, name_space);
      if (is_avro_keyword(name) || m_defined.contains(full_name)) {
        return;
      }
      if (const auto found = m_definitions.find(full_name); found != m_definitions.end()) {
        type = *found->second; // a root definition: its own namespace, nothing enclosing
        inline_into(type, "");
      }
      return;
    }
    if (type.is_array()) {
      for (Json& branch : type) {
        inline_into(branch, name_space);
      }
      return;
    }
    if (const auto named = named_type(type, name_space)) {
      m_defined.insert(named->full_name);
      const auto fields = type.find("fields");
      if (kind_of(type) == "record" && fields != type.end() && fields->is_array()) {
        for (Json& field : *fields) {
          if (field.is_object() && field.contains("type")) {
            inline_into(field["type"], named->name_space);
          }
        }
      }
      return;
    }
    const std::string kind = kind_of(type);
    if (kind == "array" && type.contains("items")) {
      inline_into(type["items"], name_space);
    } else if (kind == "map" && type.contains("values")) {
      inline_into(type["values"], name_space);
    }
  }

private:
  const AvroDefinitions& m_definitions;
  std::set<std::string> m_defined;
};

/// Finds the value an avro-c message is about: avro-c says what is wrong but not where, so this
/// walks the schema in avro-c's order and returns the first value its message describes.
class CulpritFinder {
public:
  explicit CulpritFinder(std::string_view message) : m_message(message) {}

  const Json* find(const Json& type) const {
    if (type.is_string()) {
      const std::string name = type.get<std::string>();
      return is_avro_keyword(name) ? nullptr : when(type, unknown_type(name));
    }
    if (type.is_array()) {
      if (type.empty()) {
        return when(type, "Union type must have at least one branch");
      }
      return first_of(type, [this](const Json& branch) { return find(branch); });
    }
    if (!type.is_object()) {
      return when(type, R"("type" field must be a string)");
    }
    const auto kind = type.find("type");
    if (kind == type.end() || !kind->is_string()) {
      return when(type, R"("type" field must be a string)");
    }
    return find_in_definition(type, *kind);
  }

private:
  static std::string unknown_type(const std::string& name) {
    return fmt::format(R"(Unknown Avro "type": {})", name);
  }

  const Json* when(const Json& value, const std::string& message) const {
    return message == m_message ? &value : nullptr;
  }

  template <typename Visit> static const Json* first_of(const Json& values, Visit visit) {
    for (const Json& value : values) {
      if (const Json* culprit = visit(value)) {
        return culprit;
      }
    }
    return nullptr;
  }

  const Json* find_in_definition(const Json& type, const Json& kind_value) const {
    const std::string kind = kind_value.get<std::string>();
    if (kind == "record" || kind == "enum" || kind == "fixed") {
      const std::string title = kind == "record" ? "Record" : kind == "enum" ? "Enum" : "Fixed";
      const auto name = type.find("name");
      if (name == type.end() || !name->is_string()) {
        return when(type, fmt::format(R"({} type must have a "name")", title));
      }
      if (!is_identifier(simple_name(name->get<std::string>()))) {
        return when(*name, "Invalid Avro identifier");
      }
    }
    if (kind == "record") {
      return find_in_fields(type);
    }
    if (kind == "enum") {
      return find_in_symbols(type);
    }
    if (kind == "fixed") {
      return type.contains("size") ? nullptr : when(type, R"(Fixed type must have a "size")");
    }
    if (kind == "array" || kind == "map") {
      const char* member = kind == "array" ? "items" : "values";
      const auto inner = type.find(member);
      if (inner == type.end()) {
        return when(
            type,
            fmt::format(R"({} type must have "{}")", kind == "array" ? "Array" : "Map", member));
      }
      return find(*inner);
    }
    return is_avro_keyword(kind) ? nullptr : when(kind_value, unknown_type(kind));
  }

  const Json* find_in_fields(const Json& record) const {
    const auto fields = record.find("fields");
    if (fields == record.end() || !fields->is_array()) {
      return when(record, R"(Record type must have "fields")");
    }
    for (std::size_t i = 0; i < fields->size(); ++i) {
      const Json& field = (*fields)[i];
      if (!field.is_object()) {
        return when(field, fmt::format("Record field {} must be an array", i));
      }
      const auto name = field.find("name");
      if (name == field.end() || !name->is_string()) {
        return when(field, fmt::format(R"(Record field {} must have a "name")", i));
      }
      if (!is_identifier(name->get<std::string>())) {
        return when(*name, "Invalid Avro identifier");
      }
      const auto type = field.find("type");
      if (type == field.end()) {
        return when(field, fmt::format(R"(Record field {} must have a "type")", i));
      }
      if (const Json* culprit = find(*type)) {
        return culprit;
      }
    }
    return nullptr;
  }

  const Json* find_in_symbols(const Json& enumeration) const {
    const auto symbols = enumeration.find("symbols");
    if (symbols == enumeration.end() || !symbols->is_array()) {
      return when(enumeration, R"(Enum type must have "symbols")");
    }
    if (symbols->empty()) {
      return when(*symbols, "Enum type must have at least one symbol");
    }
    for (std::size_t i = 0; i < symbols->size(); ++i) {
      if (!(*symbols)[i].is_string()) {
        return when((*symbols)[i], fmt::format("Enum symbol {} must be a string", i));
      }
    }
    return nullptr;
  }

  std::string_view m_message;
};

avro_schema_t resolved(avro_schema_t schema) {
  return is_avro_link(schema) ? avro_schema_link_target(schema) : schema;
}

std::string describe(avro_schema_t schema) {
  schema = resolved(schema);
  switch (avro_typeof(schema)) {
  case AVRO_RECORD:
    return fmt::format("record '{}'", avro_schema_type_name(schema));
  case AVRO_ENUM:
    return fmt::format("enum '{}'", avro_schema_type_name(schema));
  case AVRO_FIXED:
    return fmt::format("fixed '{}'", avro_schema_type_name(schema));
  default:
    return avro_schema_type_name(schema);
  }
}

bool valid_default(const Json& value, avro_schema_t schema);

bool all_valid(const Json& values, avro_schema_t schema) {
  for (const Json& value : values) {
    if (!valid_default(value, schema)) {
      return false;
    }
  }
  return true;
}

bool valid_record_default(const Json& value, avro_schema_t record) {
  if (!value.is_object()) {
    return false;
  }
  for (std::size_t i = 0; i < avro_schema_record_size(record); ++i) {
    const auto index = static_cast<int>(i);
    const auto member = value.find(avro_schema_record_field_name(record, index));
    if (member != value.end()
        && !valid_default(*member, avro_schema_record_field_get_by_index(record, index))) {
      return false;
    }
  }
  return true;
}

/// Whether `value` is a valid default for `schema` (the Avro specification's table; a union's
/// default is one of its first branch).
bool valid_default(const Json& value, avro_schema_t schema) {
  schema = resolved(schema);
  switch (avro_typeof(schema)) {
  case AVRO_STRING:
  case AVRO_BYTES:
  case AVRO_FIXED:
    return value.is_string();
  case AVRO_INT32:
    return value.is_number_integer() && value >= std::numeric_limits<std::int32_t>::min()
           && value <= std::numeric_limits<std::int32_t>::max();
  case AVRO_INT64:
    return value.is_number_integer() && value <= std::numeric_limits<std::int64_t>::max();
  case AVRO_FLOAT:
  case AVRO_DOUBLE:
    return value.is_number();
  case AVRO_BOOLEAN:
    return value.is_boolean();
  case AVRO_NULL:
    return value.is_null();
  case AVRO_RECORD:
    return valid_record_default(value, schema);
  case AVRO_ENUM:
    return value.is_string()
           && avro_schema_enum_get_by_name(schema, value.get<std::string>().c_str()) >= 0;
  case AVRO_MAP:
    return value.is_object() && all_valid(value, avro_schema_map_values(schema));
  case AVRO_ARRAY:
    return value.is_array() && all_valid(value, avro_schema_array_items(schema));
  case AVRO_UNION:
    return avro_schema_union_size(schema) > 0
           && valid_default(value, avro_schema_union_branch(schema, 0));
  default:
    return true;
  }
}

std::string shortened(const Json& value) {
  std::string text = value.dump();
  constexpr std::size_t k_limit = 40;
  return text.size() > k_limit ? text.substr(0, k_limit) + "…" : text;
}

/// What avro-c accepts but the Avro specification does not: a default that does not match its
/// field's type, an enum symbol that is not a name or appears twice. It walks the file's value
/// beside the schema avro-c parsed from it, and stops at names (their definitions are checked
/// where they are defined).
class SpecificationChecker {
public:
  explicit SpecificationChecker(const JsonDocument& document) : m_document(document) {}

  std::optional<Error> check(const Json& type, avro_schema_t schema) const {
    schema = resolved(schema);
    if (type.is_array() && is_avro_union(schema)) {
      for (std::size_t i = 0; i < type.size() && i < avro_schema_union_size(schema); ++i) {
        if (auto problem = check(type[i], avro_schema_union_branch(schema, static_cast<int>(i)))) {
          return problem;
        }
      }
      return std::nullopt;
    }
    if (!type.is_object()) {
      return std::nullopt;
    }
    if (is_avro_record(schema)) {
      return check_fields(type, schema);
    }
    if (is_avro_enum(schema)) {
      return check_symbols(type);
    }
    if (is_avro_array(schema) && type.contains("items")) {
      return check(type["items"], avro_schema_array_items(schema));
    }
    if (is_avro_map(schema) && type.contains("values")) {
      return check(type["values"], avro_schema_map_values(schema));
    }
    return std::nullopt;
  }

private:
  std::optional<Error> check_fields(const Json& record, avro_schema_t schema) const {
    const Json& fields = record["fields"];
    for (std::size_t i = 0; i < fields.size() && i < avro_schema_record_size(schema); ++i) {
      const Json& field = fields[i];
      avro_schema_t field_schema =
          avro_schema_record_field_get_by_index(schema, static_cast<int>(i));
      const auto value = field.find("default");
      if (value != field.end() && !valid_default(*value, field_schema)) {
        const bool union_type = is_avro_union(resolved(field_schema));
        const std::string expected =
            union_type ? fmt::format("{}, the union's first branch",
                                     describe(avro_schema_union_branch(resolved(field_schema), 0)))
                       : describe(field_schema);
        return located_error(m_document.where(*value),
                             fmt::format("field '{}': default {} is not a valid {}",
                                         string_member(field, "name"),
                                         shortened(*value),
                                         expected));
      }
      if (auto problem = check(field["type"], field_schema)) {
        return problem;
      }
    }
    return std::nullopt;
  }

  std::optional<Error> check_symbols(const Json& enumeration) const {
    std::set<std::string> seen;
    for (const Json& symbol : enumeration["symbols"]) {
      const std::string text = symbol.get<std::string>();
      if (!is_identifier(text)) {
        return located_error(m_document.where(symbol),
                             fmt::format("enum symbol '{}' is not a valid Avro name (a letter or "
                                         "'_', then letters, digits or '_')",
                                         text));
      }
      if (!seen.insert(text).second) {
        return located_error(m_document.where(symbol),
                             fmt::format("duplicate enum symbol '{}'", text));
      }
    }
    return std::nullopt;
  }

  const JsonDocument& m_document;
};

} // namespace

Result<void> check_avro(const JsonDocument& document, const AvroDefinitions& definitions) {
  Json combined = document.root();
  Inliner(definitions).inline_into(combined, "");
  const std::string text = combined.dump();
  avro_schema_t parsed = nullptr;
  if (avro_schema_from_json_length(text.data(), text.size(), &parsed) != 0) {
    const std::string message = avro_strerror();
    const Json* culprit = CulpritFinder(message).find(document.root());
    return tl::unexpected(
        located_error(document.where(culprit != nullptr ? *culprit : document.root()),
                      "invalid Avro schema: " + message));
  }
  const AvroSchema schema(parsed);
  if (auto problem = SpecificationChecker(document).check(document.root(), schema.get())) {
    return tl::unexpected(std::move(*problem));
  }
  return {};
}

} // namespace specmesh::schema
