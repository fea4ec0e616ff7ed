#include <specmesh/error.hpp>

namespace specmesh {

std::string Diagnostic::to_string() const {
  const std::string text = severity == Severity::warning ? "warning: " + message : message;
  if (where.line <= 0) {
    return where.file.empty() ? text : where.file + ": " + text;
  }
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": "
         + text;
}

} // namespace specmesh
