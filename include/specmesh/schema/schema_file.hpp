// Schema files referenced by a spec, read from disk and resolved into registrable units
// (Part B §5.1, §5.2). Avro references are followed to files beside the root schema.
#pragma once

#include <specmesh/error.hpp>

#include <string>
#include <vector>

namespace specmesh::schema {

enum class SchemaType { avro, json, protobuf };

/// "AVRO" | "JSON" | "PROTOBUF", the registry's spelling.
const char* to_string(SchemaType type);

/// One schema as the registry will see it.
struct SchemaFile {
  SchemaType type = SchemaType::avro;
  /// Avro full name of a named type (record, enum, fixed); empty for unnamed Avro roots
  /// (union, map, array, primitive) and for JSON Schema and Protobuf.
  std::string full_name;
  /// The Avro namespace of a named type (empty otherwise); decides ownership (Part B §5.4).
  std::string name_space;
  /// Avro type keyword of the root: "record", "enum", "fixed", "union", "map", "array", or a
  /// primitive name. Empty for JSON Schema and Protobuf.
  std::string avro_kind;
  std::string content; ///< the file's text as read
  std::string path;    ///< the file it was read from
  /// Full names of every type this one depends on, transitively, leaf-first (Avro only).
  std::vector<std::string> references;

  friend bool operator==(const SchemaFile&, const SchemaFile&) = default;
};

/// Reads the schema file at `path` and, for Avro, every type it references. The result is
/// leaf-first and de-duplicated: the file's own schema is last, each referenced type appears
/// once before anything that uses it, and circular references are broken.
/// The type is chosen by extension: .avsc Avro; .json .yml .yaml JSON Schema (JSON, or YAML in a
/// .yml/.yaml file: its content is then the JSON it converts to); .proto Protobuf.
/// Each file is checked by its format's own library: Avro by avro-c (plus field defaults and
/// enum symbols), Protobuf by libprotobuf's compiler (imports looked up beside the file, then in
/// `import_paths`), JSON Schema against the draft-07 meta-schema by valijson.
/// Errors have code invalid_input or not_found. A problem inside a schema file carries one
/// Diagnostic at its `file:line:col`; the message says what is wrong, e.g. "unknown Avro type
/// 'some.unknown.Type': not defined before this use, and no file '/dir/some.unknown.Type.avsc'
/// defines it (referenced via a.avsc -> b.avsc)". A file that cannot be read has no Diagnostic.
Result<std::vector<SchemaFile>>
resolve_schema_file(const std::string& path, const std::vector<std::string>& import_paths = {});

} // namespace specmesh::schema
