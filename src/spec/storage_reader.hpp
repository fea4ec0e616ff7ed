// Reads `x-specmesh-storage`, the domain's storage prefixes (docs/storage.md). It is specmesh's
// own extension, so every key in it is known and anything else is an error (a misspelt `tags`
// would silently revoke a grant).
#pragma once

#include "node_reader.hpp"

#include <specmesh/spec/naming.hpp>

namespace specmesh::spec {

/// Reads `root`'s `x-specmesh-storage` into `spec.storage`, every problem reported to `reader`.
void read_storage(NodeReader& reader, yaml::Node root, const NamingOptions& naming, ApiSpec& spec);

} // namespace specmesh::spec
