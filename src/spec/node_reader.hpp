// What every part of the spec loader shares: where a node is, a problem reported at it (all of
// them collected, none stopping the read), the scalar and integer fields and the tags that
// channels and storage prefixes both have.
#pragma once

#include "yaml_document.hpp"

#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/load.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace specmesh::spec {

/// "a mapping", "a list", "'text'" or "nothing", for messages about what was found.
std::string describe(yaml::Node node);

class NodeReader {
public:
  explicit NodeReader(std::string file) : m_file(std::move(file)) {}

  const std::string& file() const { return m_file; }
  SourceLocation at(yaml::Node node) const;
  void report(yaml::Node node, std::string message);
  void report(yaml::Mark mark, std::string message);
  /// Reports what the YAML layer found wrong with a document it still read.
  void report_problems(std::span<const yaml::ParseError> problems);

  /// A scalar field; reports a non-scalar and returns nullopt for it and for an absent key.
  std::optional<std::string> scalar(yaml::Node parent, const char* key);

  /// An integer field up to `max`; reports anything else and returns nullopt for it and for an
  /// absent key. A number below what long long holds comes back as its least value, which the
  /// callers refuse as too small.
  std::optional<long long> integer(yaml::Node parent, const char* key, long long max);

  /// A `tags` list of mappings with a `name`; `grant-access:` without a domain is reported.
  std::vector<Tag> read_tags(yaml::Node tags);

  /// The spec, or every problem found in it sorted by position (with what could be read).
  LoadedDocument finish(ApiSpec spec);

private:
  std::string m_file;
  std::vector<Diagnostic> m_diagnostics;
};

} // namespace specmesh::spec
