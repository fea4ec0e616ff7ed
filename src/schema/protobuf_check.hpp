// Checks a .proto file with libprotobuf's own compiler front end: it is parsed and every import
// is resolved and built, as protoc would.
#pragma once

#include <specmesh/error.hpp>

#include <string>
#include <vector>

namespace specmesh::schema {

/// Ok, or the first problem as a located Error (the file it is in, 1-based line and column).
/// Imports are looked up beside `path`, then in each of `import_paths`; the well-known types
/// (google/protobuf/timestamp.proto, …) come from libprotobuf itself.
Result<void> check_protobuf(const std::string& path, const std::vector<std::string>& import_paths);

} // namespace specmesh::schema
