#include <specmesh/schema/load_schemas.hpp>

#include <map>

namespace specmesh::schema {

namespace {

/// Part B §5.1: plain concatenation with '/', so "/app" + "/x.avsc" reads "/app//x.avsc".
std::string schema_file_path(const std::string& schema_path, const std::string& ref) {
  return schema_path.empty() ? ref : schema_path + "/" + ref;
}

} // namespace

std::vector<LoadedSchema> load_schemas(const std::vector<SchemaRequest>& requests,
                                       const std::string& schema_path) {
  std::map<std::string, Result<std::vector<SchemaFile>>> by_path;
  std::vector<LoadedSchema> loaded;
  loaded.reserve(requests.size());
  for (const SchemaRequest& request : requests) {
    std::string path = schema_file_path(schema_path, request.ref);
    auto found = by_path.find(path);
    if (found == by_path.end()) {
      found = by_path.emplace(path, resolve_schema_file(path, {schema_path})).first;
    }
    loaded.push_back({request, std::move(path), found->second});
  }
  return loaded;
}

} // namespace specmesh::schema
