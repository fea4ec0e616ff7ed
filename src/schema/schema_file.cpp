#include "avro_check.hpp"
#include "avro_names.hpp"
#include "json_document.hpp"
#include "json_schema_check.hpp"
#include "protobuf_check.hpp"

#include <specmesh/schema/schema_file.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
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

/// Avro type keyword of a whole schema: union for a JSON array, the keyword otherwise.
std::string avro_kind_of(const Json& root) {
  if (root.is_array()) {
    return "union";
  }
  const std::string kind = root.is_string() ? root.get<std::string>() : kind_of(root);
  return is_avro_keyword(kind) ? kind : std::string{};
}

/// A type the file uses but does not define, and its first use.
struct AvroReference {
  std::string full_name;
  const Json* first_use = nullptr;
};

/// Named types defined in one file and the types it references but does not define.
struct AvroScan {
  std::set<std::string> defined;
  std::vector<AvroReference> references; ///< in order of first appearance
};

void scan_type(const Json& type, const std::string& name_space, AvroScan& scan);

void scan_named_type(const Json& node, const NamedType& named, AvroScan& scan) {
  // Defined before its fields are walked, so a recursive record refers to itself internally.
  scan.defined.insert(named.full_name);
  const auto fields = node.find("fields");
  if (kind_of(node) != "record" || fields == node.end() || !fields->is_array()) {
    return;
  }
  for (const Json& field : *fields) {
    if (const auto type = field.is_object() ? field.find("type") : field.end();
        type != field.end()) {
      scan_type(*type, named.name_space, scan);
    }
  }
}

void scan_type(const Json& type, const std::string& name_space, AvroScan& scan) {
  if (type.is_string()) {
    const std::string name = type.get<std::string>();
    const std::string full_name = qualify(name, name_space);
    const bool known =
        std::any_of(scan.references.begin(), scan.references.end(), [&](const AvroReference& seen) {
          return seen.full_name == full_name;
        });
    if (!is_avro_keyword(name) && !scan.defined.contains(full_name) && !known) {
      scan.references.push_back({full_name, &type});
    }
    return;
  }
  if (type.is_array()) {
    for (const Json& member : type) {
      scan_type(member, name_space, scan);
    }
    return;
  }
  if (const auto named = named_type(type, name_space)) {
    scan_named_type(type, *named, scan);
    return;
  }
  const std::string kind = kind_of(type);
  const char* inner = kind == "array" ? "items" : kind == "map" ? "values" : nullptr;
  if (const auto member = inner != nullptr ? type.find(inner) : type.end(); member != type.end()) {
    scan_type(*member, name_space, scan);
  }
  // Any other object, including {"type": "ns.X"}, is not a reference (avro-c judges it).
}

/// Resolves one root Avro file: loads every referenced type once and lists them leaf-first,
/// then checks each file with avro-c, leaf-first, so a problem is found in the file it is in.
class AvroResolver {
public:
  explicit AvroResolver(fs::path directory) : m_directory(std::move(directory)) {}

  /// Adds `file` (parsed as `document`) after everything it references.
  Result<std::vector<std::string>>
  resolve(SchemaFile file, JsonDocument document, const std::vector<std::string>& chain) {
    const JsonDocument& parsed = remember(file, std::move(document));
    if (!file.full_name.empty()) {
      m_in_progress.insert(file.full_name);
    }
    AvroScan scan;
    scan_type(parsed.root(), "", scan);
    std::vector<std::string> references;
    for (const AvroReference& reference : scan.references) {
      auto dependencies = dependencies_of(reference, parsed, chain);
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

  /// Every resolved file, leaf-first, once avro-c and the specification checks accept them all.
  Result<std::vector<SchemaFile>> checked() {
    for (const SchemaFile& file : m_resolved) {
      if (auto checked = check_avro(m_documents.at(file.path), m_definitions); !checked) {
        return tl::unexpected(std::move(checked.error()));
      }
    }
    return std::move(m_resolved);
  }

private:
  const JsonDocument& remember(const SchemaFile& file, JsonDocument document) {
    const JsonDocument& kept = m_documents.emplace(file.path, std::move(document)).first->second;
    if (!file.full_name.empty()) {
      m_definitions.emplace(file.full_name, &kept.root());
    }
    return kept;
  }

  /// `reference` preceded by its own transitive references; empty for a cycle back.
  Result<std::vector<std::string>> dependencies_of(const AvroReference& reference,
                                                   const JsonDocument& user,
                                                   const std::vector<std::string>& chain) {
    std::vector<std::string> dependencies;
    if (m_in_progress.contains(reference.full_name)) {
      return dependencies;
    }
    if (const auto known = m_references_of.find(reference.full_name);
        known != m_references_of.end()) {
      dependencies = known->second;
    } else {
      auto loaded = load_referenced(reference, user, chain);
      if (!loaded) {
        return loaded;
      }
      dependencies = std::move(*loaded);
    }
    dependencies.push_back(reference.full_name);
    return dependencies;
  }

  Result<std::vector<std::string>> load_referenced(const AvroReference& reference,
                                                   const JsonDocument& user,
                                                   const std::vector<std::string>& chain) {
    const fs::path path = m_directory / (reference.full_name + ".avsc");
    FileText file_text = read_file(path);
    if (file_text.error_number == ENOENT) {
      return tl::unexpected(located_error(
          user.where(*reference.first_use),
          fmt::format("unknown Avro type '{}': not defined before this use, and no file '{}' "
                      "defines it (referenced via {})",
                      reference.full_name,
                      display_path(path),
                      fmt::join(chain, " -> ")),
          ErrorCode::not_found));
    }
    if (file_text.error_number != 0) {
      return tl::unexpected(
          located_error(user.where(*reference.first_use),
                        fmt::format("avro type '{}': file '{}' cannot be read: {}",
                                    reference.full_name,
                                    display_path(path),
                                    std::strerror(file_text.error_number))));
    }
    std::string content = std::move(file_text.text);
    auto document = parse_json_document(content, display_path(path));
    if (!document) {
      return tl::unexpected(std::move(document.error()));
    }
    const Json& root = document->root();
    const auto named = named_type(root, "");
    if (!named) {
      return tl::unexpected(
          located_error(document->where(root),
                        fmt::format("'{}' is not a named Avro type (record, enum or fixed)",
                                    display_path(path))));
    }
    if (named->full_name != reference.full_name) {
      return tl::unexpected(located_error(document->where(root),
                                          fmt::format("'{}' defines '{}', expected '{}'",
                                                      display_path(path),
                                                      named->full_name,
                                                      reference.full_name)));
    }
    SchemaFile file{.type = SchemaType::avro,
                    .full_name = named->full_name,
                    .name_space = named->name_space,
                    .avro_kind = kind_of(root),
                    .content = std::move(content),
                    .path = path.string(),
                    .references = {}};
    std::vector<std::string> longer_chain = chain;
    longer_chain.push_back(path.filename().string());
    return resolve(std::move(file), std::move(*document), longer_chain);
  }

  fs::path m_directory;
  std::vector<SchemaFile> m_resolved;                              ///< leaf-first
  std::map<std::string, std::vector<std::string>> m_references_of; ///< fully resolved types
  std::set<std::string> m_in_progress;
  std::map<std::string, JsonDocument> m_documents; ///< by path
  AvroDefinitions m_definitions;                   ///< the named roots of m_documents
};

Result<std::vector<SchemaFile>> resolve_avro(const fs::path& path, std::string content) {
  auto document = parse_json_document(content, display_path(path));
  if (!document) {
    return tl::unexpected(std::move(document.error()));
  }
  const auto named = named_type(document->root(), "");
  SchemaFile file{.type = SchemaType::avro,
                  .full_name = named ? named->full_name : std::string{},
                  .name_space = named ? named->name_space : std::string{},
                  .avro_kind = avro_kind_of(document->root()),
                  .content = std::move(content),
                  .path = path.string(),
                  .references = {}};
  AvroResolver resolver(path.parent_path());
  auto resolved =
      resolver.resolve(std::move(file), std::move(*document), {path.filename().string()});
  if (!resolved) {
    return tl::unexpected(std::move(resolved.error()));
  }
  return resolver.checked();
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

bool looks_like_json(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

/// A .json file is JSON; a .yml or .yaml file JSON or YAML. The registry is given JSON text: a
/// JSON file as it is, a YAML one converted.
Result<std::vector<SchemaFile>> resolve_json_schema(const fs::path& path, std::string content) {
  const std::string file = display_path(path);
  auto document = parse_json_document(content, file);
  if (!document && path.extension() != ".json") {
    auto yaml = parse_yaml_document(content, file);
    if (yaml) {
      content = yaml->root().dump(2);
      document = std::move(yaml);
    } else if (!looks_like_json(content)) {
      document = std::move(yaml);
    }
  }
  if (!document) {
    return tl::unexpected(std::move(document.error()));
  }
  if (auto checked = check_json_schema(*document); !checked) {
    return tl::unexpected(std::move(checked.error()));
  }
  return std::vector<SchemaFile>{single_file(SchemaType::json, path, std::move(content))};
}

Result<std::vector<SchemaFile>> resolve_protobuf(const fs::path& path,
                                                 std::string content,
                                                 const std::vector<std::string>& import_paths) {
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return fail(ErrorCode::invalid_input,
                fmt::format("protobuf schema file '{}' is empty", display_path(path)));
  }
  if (auto checked = check_protobuf(path.string(), import_paths); !checked) {
    return tl::unexpected(std::move(checked.error()));
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

Result<std::vector<SchemaFile>> resolve_schema_file(const std::string& path,
                                                    const std::vector<std::string>& import_paths) {
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
    return resolve_protobuf(file, std::move(*content), import_paths);
  }
  return fail(ErrorCode::internal, "unknown schema type");
}

} // namespace specmesh::schema
