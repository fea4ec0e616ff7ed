// valijson's errors for a spec, turned into findings a person can act on. The validator lists
// every failed branch of every oneOf/anyOf, each at the path of the value it checked, without
// saying which branch an error came from; which branch the document meant is decided here by
// reading the schema along that path (the alternatives whose type and required keys the value
// fits), so each problem is reported once, at the deepest useful node, in one line.
#pragma once

#include "findings.hpp"

#include <nlohmann/json.hpp>

#include <valijson/validation_results.hpp>
#include <vector>

namespace specmesh::spec {

/// The problems `results` (valijson's, for `document` against `schema`) show in the spec whose
/// node tree is `root` (`document` is its JSON form): unknown keys with did-you-mean, missing
/// required keys, and values of the wrong type, outside an enum or otherwise refused.
std::vector<Finding> schema_findings(const valijson::ValidationResults& results,
                                     const nlohmann::json& schema,
                                     const nlohmann::json& document,
                                     yaml::Node root);

} // namespace specmesh::spec
