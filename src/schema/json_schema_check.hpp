// Checks a JSON Schema file against the draft-07 meta-schema (the copy inside the embedded
// official AsyncAPI 2.6.0 schema) with valijson.
#pragma once

#include "json_document.hpp"

namespace specmesh::schema {

/// Ok, or the most specific meta-schema violation as a located Error at the offending value.
Result<void> check_json_schema(const JsonDocument& document);

} // namespace specmesh::schema
