// The official AsyncAPI JSON Schemas (@asyncapi/specs, fetched by the set-up and embedded by the
// build, see cmake/EmbedAsyncApiSchemas.cmake), so validating a spec needs no files at run time.
#pragma once

#include <string_view>

namespace specmesh::spec {

/// The JSON Schema text of AsyncAPI `version` ("2.6.0"); empty when it is not embedded. Each is
/// self-contained: every `$ref` is a pointer into the same document.
std::string_view official_asyncapi_schema(std::string_view version);

} // namespace specmesh::spec
