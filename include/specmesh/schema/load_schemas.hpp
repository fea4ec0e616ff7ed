// Reading the schema files a spec refers to. The planner decides *which* schemas are needed
// (plan::schema_requests); this layer does the file I/O, so the planner stays pure.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/schema/schema_file.hpp>

#include <string>
#include <vector>

namespace specmesh::schema {

enum class SchemaRole { key, value, shared };

/// One `$ref` of the spec that must become registry subjects.
struct SchemaRequest {
  std::string topic; ///< canonical topic name; empty for a shared schema
  SchemaRole role = SchemaRole::value;
  std::string ref;             ///< the `$ref` as written
  std::string lookup_strategy; ///< message-level schemaLookupStrategy
  SourceLocation where;        ///< the `$ref` value in the spec
};

struct LoadedSchema {
  SchemaRequest request;
  std::string path; ///< the file read: `<schema_path>/<ref>`, or `ref` as is
  Result<std::vector<SchemaFile>> files;
};

/// Reads every requested schema (each distinct file once). A file problem is recorded on
/// its LoadedSchema, never thrown, so one bad schema does not hide the others.
std::vector<LoadedSchema> load_schemas(const std::vector<SchemaRequest>& requests,
                                       const std::string& schema_path);

} // namespace specmesh::schema
