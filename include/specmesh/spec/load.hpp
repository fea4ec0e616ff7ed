// Loading an AsyncAPI document into spec::ApiSpec, with every problem reported at once.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/naming.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace specmesh::spec {

/// Reads and validates the spec at `path`. On failure the Error has code invalid_spec and one
/// Diagnostic per problem found ("file:line:col: message"), code not_found when the file
/// cannot be read, or invalid_input when `path` is a directory. Never throws.
Result<ApiSpec> load_file(const std::string& path, const NamingOptions& naming = {});

/// As load_file, for a document held in memory; `file_name` is used in diagnostics.
Result<ApiSpec>
load_string(std::string_view text, const std::string& file_name, const NamingOptions& naming = {});

/// What loading a spec found: the spec, or why it is invalid together with what could be read of
/// it (its channels and schema references, so that the schema files it names are checked in the
/// same run as the spec).
struct LoadedDocument {
  Result<ApiSpec> spec;
  /// Set when `spec` failed with invalid_spec on a document that parsed as YAML.
  std::optional<ApiSpec> partial;
};

/// As load_file, keeping what was read of an invalid spec.
LoadedDocument load_file_keeping_partial(const std::string& path, const NamingOptions& naming = {});

/// As load_string, keeping what was read of an invalid spec.
LoadedDocument load_string_keeping_partial(std::string_view text,
                                           const std::string& file_name,
                                           const NamingOptions& naming = {});

} // namespace specmesh::spec
