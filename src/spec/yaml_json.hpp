// The YAML node tree as JSON, for checking a spec against a JSON Schema, and the way back from a
// validator's path to the node (and so to its line and column).
#pragma once

#include "yaml_document.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace specmesh::spec::yaml {

/// A plain scalar as YAML 1.2's core schema types it: true/false, integers (decimal, `0x`,
/// `0o`), floats (`.inf`, `.nan` too); anything else stays a string (null is a node kind).
nlohmann::json plain_value(std::string_view text);

/// `node` as JSON: a mapping as an object (the first of duplicate keys wins, as in the loader; an
/// entry whose key is not a scalar is left out), a sequence as an array, a plain scalar typed as
/// YAML 1.2's core schema reads it (`true`, `3`, `0x1f`, `1.5e3`, `.inf`; null is already a
/// node kind) and every other scalar as a string. Aliases are expanded, so a small text can
/// stand for a huge tree: nothing when it has more than `max_values` values.
std::optional<nlohmann::json> to_json(Node node, std::size_t max_values);

/// The node that `path` (mapping keys and sequence indexes, as text) leads to from `root`;
/// absent when it leads nowhere.
Node node_at(Node root, std::span<const std::string> path);

} // namespace specmesh::spec::yaml
