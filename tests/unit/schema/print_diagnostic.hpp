// Readable GoogleTest output for located problems: `file:line:col: message`.
#pragma once

#include <specmesh/error.hpp>

#include <ostream>

namespace specmesh {

// GoogleTest looks these up by name. NOLINTNEXTLINE(readability-identifier-naming)
inline void PrintTo(const SourceLocation& where, std::ostream* out) {
  *out << where.file << ':' << where.line << ':' << where.column;
}

// NOLINTNEXTLINE(readability-identifier-naming)
inline void PrintTo(const Diagnostic& diagnostic, std::ostream* out) {
  *out << diagnostic.to_string();
}

} // namespace specmesh
