// What the spec checks (the AsyncAPI schema, SpecMesh's bindings.kafka) find: warnings at a node,
// and the words that say where in the spec a node is.
#pragma once

#include "yaml_document.hpp"

#include <span>
#include <string>

namespace specmesh::spec {

struct Finding {
  yaml::Node at; ///< reported at this node's position
  std::string message;
  /// A required key that is absent: the loader may report the same as an error.
  std::string missing_key;
  /// An unknown key is never a problem the loader reports too.
  bool unknown_key = false;
};

/// Where the mapping or list at `path` (keys and indexes from `root`) is, in words: "at the top
/// level", "in channel 'x'", "in 'publish.message' of channel 'x'", "in 'info'".
std::string where(yaml::Node root, std::span<const std::string> path);

/// The value at `path` named for a message: "'info'", "'partitions' in 'bindings.kafka' of
/// channel 'x'", "'tags[1]' in 'publish' of channel 'x'".
std::string subject(yaml::Node root, std::span<const std::string> path);

} // namespace specmesh::spec
