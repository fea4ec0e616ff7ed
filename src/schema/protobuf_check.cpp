#include "protobuf_check.hpp"

#include "json_document.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <optional>

namespace specmesh::schema {

namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;

/// Keeps the first error libprotobuf reports with a position, at its file on disk (a missing
/// import is first reported without one, then at the import); warnings are not problems.
class FirstError : public pb::compiler::MultiFileErrorCollector {
public:
  explicit FirstError(pb::compiler::DiskSourceTree& tree) : m_tree(tree) {}

  void
  AddError(const std::string& filename, int line, int column, const std::string& message) override {
    const bool positioned = line >= 0;
    if (m_error && (m_error->where.line > 0 || !positioned)) {
      return;
    }
    std::string disk_file;
    if (!m_tree.VirtualFileToDiskFile(filename, &disk_file)) {
      disk_file = filename;
    }
    // libprotobuf counts lines and columns from 0, and gives -1 when it has no position.
    m_error = Diagnostic{{fs::path(disk_file).lexically_normal().string(),
                          positioned ? line + 1 : 0,
                          positioned ? column + 1 : 0},
                         message};
  }

  const std::optional<Diagnostic>& error() const { return m_error; }

private:
  pb::compiler::DiskSourceTree& m_tree;
  std::optional<Diagnostic> m_error;
};

} // namespace

Result<void> check_protobuf(const std::string& path, const std::vector<std::string>& import_paths) {
  const fs::path file(path);
  pb::compiler::DiskSourceTree tree;
  const std::string directory = file.parent_path().empty() ? "." : file.parent_path().string();
  tree.MapPath("", directory);
  for (const std::string& import_path : import_paths) {
    tree.MapPath("", import_path.empty() ? "." : import_path);
  }
  FirstError errors(tree);
  pb::DescriptorPoolDatabase well_known(*pb::DescriptorPool::generated_pool());
  pb::compiler::SourceTreeDescriptorDatabase database(&tree, &well_known);
  database.RecordErrorsTo(&errors);
  pb::DescriptorPool pool(&database, database.GetValidationErrorCollector());
  pool.EnforceWeakDependencies(true);
  const pb::FileDescriptor* built = pool.FindFileByName(file.filename().string());
  if (built != nullptr && !errors.error()) {
    return {};
  }
  if (errors.error()) {
    return tl::unexpected(located_error(errors.error()->where, errors.error()->message));
  }
  return fail(ErrorCode::invalid_input,
              fmt::format("protobuf schema file '{}' cannot be compiled",
                          file.lexically_normal().string()));
}

} // namespace specmesh::schema
