// valijson 1.0 reads every value a `format` keyword applies to as a string, and throws on any
// other (`info: {contact: {url: {a: 1}}}` stopped `validate` with an internal error). The
// standard says a format constrains strings only, and valijson checks only date, time and
// date-time, which none of the embedded AsyncAPI schemas (nor their draft-07 meta-schema) uses:
// so each schema loses its `format` keywords before valijson compiles it, and no check is lost.
#pragma once

#include <nlohmann/json.hpp>

namespace specmesh::spec {

/// Removes every `format` keyword (a string value beside other schema keywords) from `schema`,
/// leaving data (`examples`, `default`, `enum`, `const`) and properties named "format" alone.
void remove_format_keywords(nlohmann::json& schema);

} // namespace specmesh::spec
