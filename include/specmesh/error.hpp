// Errors and diagnostics shared by every layer. Expected failures are values (Result<T>);
// exceptions are reserved for bugs and for CLI11's parse errors.
#pragma once

#include <tl/expected.hpp>

#include <string>
#include <vector>

namespace specmesh {

/// Coarse classes of failure; adapters map their foreign errors onto these.
enum class ErrorCode {
  invalid_spec,
  invalid_input,
  not_found,
  conflict,
  unauthorized,
  unavailable,
  timeout,
  internal
};

/// A place in an input file. Line and column are 1-based; 0 means "unknown".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// One problem found in an input file, printed compiler style.
struct Diagnostic {
  /// A warning does not stop the input from being used (unless `--strict`).
  enum class Severity { error, warning };

  SourceLocation where;
  std::string message;
  Severity severity = Severity::error;

  /// "file:line:col: message" (or "file: message" when the position is unknown); a warning's
  /// message starts with "warning: ".
  std::string to_string() const;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  /// One line, lower case, no final period: "registry 'http://sr:8081': connection refused".
  std::string message;
  /// Every problem, not only the first; filled for invalid_spec.
  std::vector<Diagnostic> diagnostics;

  friend bool operator==(const Error&, const Error&) = default;
};

template <typename T> using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message), {}});
}

} // namespace specmesh
