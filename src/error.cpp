#include <specmesh/error.hpp>

namespace specmesh {

std::string Diagnostic::to_string() const {
  if (where.line <= 0) {
    return where.file.empty() ? message : where.file + ": " + message;
  }
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": "
         + message;
}

} // namespace specmesh
