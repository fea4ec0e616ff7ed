// A spec checked against the official AsyncAPI JSON Schema of its version (embedded, see
// asyncapi_schemas.hpp) with valijson, as SpecMesh reads AsyncAPI: its own top-level `version`
// is allowed and `info` is optional (behaviour contract Part B §1.1; `export` writes none).
#pragma once

#include "findings.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace specmesh::spec {

/// The embedded AsyncAPI schema for a document that says `asyncapi: version`: the release of
/// the same major.minor ("2.4", "2.4.1" → "2.4.0"), or the newest one of the major for a later
/// or unreadable minor ("2.9.0" → "2.6.0"); nothing for a major without one ("1.2.0", "x").
std::optional<std::string_view> asyncapi_schema_version(std::string_view version);

/// The schema's findings on the document `root`, one per problem: unknown keys with
/// did-you-mean, missing required keys, wrong values, and an `asyncapi` version that is not a
/// release. Only 2.x documents are checked (the loader reads no other). A document whose
/// aliases expand it to more than `max_values` values is not checked (one finding says so).
std::vector<Finding> check_asyncapi_schema(yaml::Node root, std::size_t max_values);

} // namespace specmesh::spec
