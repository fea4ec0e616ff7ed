#include <specmesh/schema/schema_file.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

namespace specmesh::schema {

const char* to_string(SchemaType type) {
  switch (type) {
  case SchemaType::avro:
    return "AVRO";
  case SchemaType::json:
    return "JSON";
  case SchemaType::protobuf:
    return "PROTOBUF";
  }
  return "UNKNOWN";
}

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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

bool is_avro_keyword(std::string_view name) {
  return std::find(k_avro_keywords.begin(), k_avro_keywords.end(), name) != k_avro_keywords.end();
}

bool is_named_kind(std::string_view kind) {
  return kind == "record" || kind == "enum" || kind == "fixed";
}

/// The path as the user gave it (relative stays relative), tidied: `a//b/./c` -> `a/b/c`.
std::string display_path(const fs::path& path) {
  return path.lexically_normal().string();
}

void append_unique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    names.push_back(name);
  }
}

/// A file's text, or the errno that prevented reading it.
struct FileText {
  std::string text;
  int error_number = 0;
};

FileText read_file(const fs::path& path) {
  std::error_code ignored;
  if (fs::is_directory(path, ignored)) {
    return FileText{{}, EISDIR};
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return FileText{{}, errno != 0 ? errno : ENOENT};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return FileText{buffer.str(), 0};
}

ErrorCode read_error_code(int error_number) {
  return error_number == ENOENT ? ErrorCode::not_found : ErrorCode::invalid_input;
}

Result<std::string> read_schema_file(const fs::path& path) {
  FileText file = read_file(path);
  if (file.error_number != 0) {
    return fail(read_error_code(file.error_number),
                fmt::format("schema file '{}' cannot be read: {}",
                            display_path(path),
                            std::strerror(file.error_number)));
  }
  return std::move(file.text);
}

/// nlohmann's what() is "[json.exception.parse_error.101] parse error at line L, column C: why".
std::string describe_parse_error(const json::parse_error& error, const fs::path& path) {
  static const std::regex k_position(R"(line (\d+), column (\d+): (.*))");
  const std::string what = error.what();
  std::smatch match;
  if (std::regex_search(what, match, k_position)) {
    return fmt::format("invalid JSON in '{}' at line {}, column {}: {}",
                       display_path(path),
                       match[1].str(),
                       match[2].str(),
                       match[3].str());
  }
  return fmt::format("invalid JSON in '{}': {}", display_path(path), what);
}

Result<json> parse_json(const std::string& text, const fs::path& path) {
  try {
    return json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& error) {
    return fail(ErrorCode::invalid_input, describe_parse_error(error, path));
  }
}

std::string string_member(const json& node, const char* key) {
  const auto found = node.find(key);
  return found != node.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

std::string kind_of(const json& node) {
  return node.is_object() ? string_member(node, "type") : std::string{};
}

std::string qualify(const std::string& name, const std::string& name_space) {
  if (name.find('.') != std::string::npos || name_space.empty()) {
    return name;
  }
  return name_space + "." + name;
}

struct NamedType {
  std::string full_name;
  std::string name_space;
};

/// The full name of a record, enum or fixed definition, if `node` is one.
std::optional<NamedType> named_type(const json& node, const std::string& enclosing_namespace) {
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
  const bool has_namespace = node.contains("namespace") && node["namespace"].is_string();
  const std::string name_space =
      has_namespace ? string_member(node, "namespace") : enclosing_namespace;
  return NamedType{qualify(name, name_space), name_space};
}

/// Avro type keyword of a whole schema: union for a JSON array, the keyword otherwise.
std::string avro_kind_of(const json& root) {
  if (root.is_array()) {
    return "union";
  }
  const std::string kind = root.is_string() ? root.get<std::string>() : kind_of(root);
  return is_avro_keyword(kind) ? kind : std::string{};
}

/// Named types defined in one file and the types it references but does not define.
struct AvroScan {
  std::set<std::string> defined;
  std::vector<std::string> references; ///< in order of first appearance
};

void scan_type(const json& type, const std::string& name_space, AvroScan& scan);

void scan_named_type(const json& node, const NamedType& named, AvroScan& scan) {
  // Defined before its fields are walked, so a recursive record refers to itself internally.
  scan.defined.insert(named.full_name);
  const auto fields = node.find("fields");
  if (kind_of(node) != "record" || fields == node.end() || !fields->is_array()) {
    return;
  }
  for (const json& field : *fields) {
    if (field.is_object() && field.contains("type")) {
      scan_type(field["type"], named.name_space, scan);
    }
  }
}

void scan_type(const json& type, const std::string& name_space, AvroScan& scan) {
  if (type.is_string()) {
    const std::string name = type.get<std::string>();
    if (!is_avro_keyword(name) && !scan.defined.contains(qualify(name, name_space))) {
      append_unique(scan.references, qualify(name, name_space));
    }
    return;
  }
  if (type.is_array()) {
    for (const json& member : type) {
      scan_type(member, name_space, scan);
    }
    return;
  }
  if (const auto named = named_type(type, name_space)) {
    scan_named_type(type, *named, scan);
    return;
  }
  const std::string kind = kind_of(type);
  if (kind == "array" && type.contains("items")) {
    scan_type(type["items"], name_space, scan);
  } else if (kind == "map" && type.contains("values")) {
    scan_type(type["values"], name_space, scan);
  }
  // Any other object, including {"type": "ns.X"}, is not a reference (invalid Avro).
}

/// Resolves one root Avro file: loads every referenced type once and lists them leaf-first.
class AvroResolver {
public:
  explicit AvroResolver(fs::path directory) : m_directory(std::move(directory)) {}

  /// Adds `file` after everything it references; returns its transitive references.
  Result<std::vector<std::string>>
  resolve(SchemaFile file, const json& root, const std::vector<std::string>& chain) {
    if (!file.full_name.empty()) {
      m_in_progress.insert(file.full_name);
    }
    AvroScan scan;
    scan_type(root, "", scan);
    std::vector<std::string> references;
    for (const std::string& reference : scan.references) {
      auto dependencies = dependencies_of(reference, chain);
      if (!dependencies) {
        return tl::unexpected(std::move(dependencies.error()));
      }
      for (const std::string& dependency : *dependencies) {
        append_unique(references, dependency);
      }
    }
    file.references = references;
    if (!file.full_name.empty()) {
      m_in_progress.erase(file.full_name);
      m_references_of.emplace(file.full_name, references);
    }
    m_resolved.push_back(std::move(file));
    return references;
  }

  std::vector<SchemaFile> take_resolved() { return std::move(m_resolved); }

private:
  /// `reference` preceded by its own transitive references; empty for a cycle back.
  Result<std::vector<std::string>> dependencies_of(const std::string& reference,
                                                   const std::vector<std::string>& chain) {
    std::vector<std::string> dependencies;
    if (m_in_progress.contains(reference)) {
      return dependencies;
    }
    if (const auto known = m_references_of.find(reference); known != m_references_of.end()) {
      dependencies = known->second;
    } else {
      auto loaded = load_referenced(reference, chain);
      if (!loaded) {
        return loaded;
      }
      dependencies = std::move(*loaded);
    }
    dependencies.push_back(reference);
    return dependencies;
  }

  Result<std::vector<std::string>> load_referenced(const std::string& full_name,
                                                   const std::vector<std::string>& chain) {
    const fs::path path = m_directory / (full_name + ".avsc");
    FileText file_text = read_file(path);
    if (file_text.error_number != 0) {
      const std::string problem =
          file_text.error_number == ENOENT
              ? "not found"
              : fmt::format("cannot be read: {}", std::strerror(file_text.error_number));
      return fail(read_error_code(file_text.error_number),
                  fmt::format("avro type '{}' referenced via {}: file '{}' {}",
                              full_name,
                              fmt::join(chain, " -> "),
                              display_path(path),
                              problem));
    }
    std::string content = std::move(file_text.text);
    auto root = parse_json(content, path);
    if (!root) {
      return tl::unexpected(std::move(root.error()));
    }
    const auto named = named_type(*root, "");
    if (!named) {
      return fail(
          ErrorCode::invalid_input,
          fmt::format("'{}' is not a named Avro type (record, enum or fixed)", display_path(path)));
    }
    if (named->full_name != full_name) {
      return fail(
          ErrorCode::invalid_input,
          fmt::format(
              "'{}' defines '{}', expected '{}'", display_path(path), named->full_name, full_name));
    }
    SchemaFile file{.type = SchemaType::avro,
                    .full_name = named->full_name,
                    .name_space = named->name_space,
                    .avro_kind = kind_of(*root),
                    .content = std::move(content),
                    .path = path.string(),
                    .references = {}};
    std::vector<std::string> longer_chain = chain;
    longer_chain.push_back(path.filename().string());
    return resolve(std::move(file), *root, longer_chain);
  }

  fs::path m_directory;
  std::vector<SchemaFile> m_resolved;                              ///< leaf-first
  std::map<std::string, std::vector<std::string>> m_references_of; ///< fully resolved types
  std::set<std::string> m_in_progress;
};

Result<std::vector<SchemaFile>> resolve_avro(const fs::path& path, std::string content) {
  auto root = parse_json(content, path);
  if (!root) {
    return tl::unexpected(std::move(root.error()));
  }
  const auto named = named_type(*root, "");
  SchemaFile file{.type = SchemaType::avro,
                  .full_name = named ? named->full_name : std::string{},
                  .name_space = named ? named->name_space : std::string{},
                  .avro_kind = avro_kind_of(*root),
                  .content = std::move(content),
                  .path = path.string(),
                  .references = {}};
  AvroResolver resolver(path.parent_path());
  auto resolved = resolver.resolve(std::move(file), *root, {path.filename().string()});
  if (!resolved) {
    return tl::unexpected(std::move(resolved.error()));
  }
  return resolver.take_resolved();
}

/// A JSON Schema or Protobuf schema: registered as one unit, without Avro names.
SchemaFile single_file(SchemaType type, const fs::path& path, std::string content) {
  return SchemaFile{.type = type,
                    .full_name = {},
                    .name_space = {},
                    .avro_kind = {},
                    .content = std::move(content),
                    .path = path.string(),
                    .references = {}};
}

Result<std::vector<SchemaFile>> resolve_json_schema(const fs::path& path, std::string content) {
  if (auto parsed = parse_json(content, path); !parsed) {
    Error error = std::move(parsed.error());
    if (path.extension() != ".json") {
      error.message += " (JSON Schema files must hold JSON text; YAML syntax is not supported)";
    }
    return tl::unexpected(std::move(error));
  }
  return std::vector<SchemaFile>{single_file(SchemaType::json, path, std::move(content))};
}

Result<std::vector<SchemaFile>> resolve_protobuf(const fs::path& path, std::string content) {
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return fail(ErrorCode::invalid_input,
                fmt::format("protobuf schema file '{}' is empty", display_path(path)));
  }
  return std::vector<SchemaFile>{single_file(SchemaType::protobuf, path, std::move(content))};
}

std::optional<SchemaType> type_by_extension(const fs::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".avsc") {
    return SchemaType::avro;
  }
  if (extension == ".json" || extension == ".yml" || extension == ".yaml") {
    return SchemaType::json;
  }
  if (extension == ".proto") {
    return SchemaType::protobuf;
  }
  return std::nullopt;
}

} // namespace

Result<std::vector<SchemaFile>> resolve_schema_file(const std::string& path) {
  const fs::path file(path);
  const auto type = type_by_extension(file);
  if (!type) {
    return fail(ErrorCode::invalid_input,
                fmt::format("unsupported schema file '{}': the extension must be .avsc, .json, "
                            ".yml, .yaml or .proto",
                            display_path(file)));
  }
  auto content = read_schema_file(file);
  if (!content) {
    return tl::unexpected(std::move(content.error()));
  }
  switch (*type) {
  case SchemaType::avro:
    return resolve_avro(file, std::move(*content));
  case SchemaType::json:
    return resolve_json_schema(file, std::move(*content));
  case SchemaType::protobuf:
    return resolve_protobuf(file, std::move(*content));
  }
  return fail(ErrorCode::internal, "unknown schema type");
}

} // namespace specmesh::schema
