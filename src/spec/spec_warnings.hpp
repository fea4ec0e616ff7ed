// The warnings of a spec: the AsyncAPI schema's and SpecMesh's bindings.kafka checks, attached to
// what the loader made of the document.
#pragma once

#include "yaml_document.hpp"

#include <specmesh/spec/api_spec.hpp>

#include <cstddef>
#include <string>

namespace specmesh::spec {

/// Checks `root` (the document of `file`, parsed from `text_size` bytes) and adds what the checks
/// find to `loaded`: to the spec's `warnings`, or, when the loader failed, to the error's
/// diagnostics beside its errors (a warning may explain an error: `bindngs:` is why a channel
/// has no bindings). A finding that repeats one of the loader's errors is left out. Both lists
/// end sorted by position.
void add_spec_warnings(yaml::Node root,
                       std::size_t text_size,
                       const std::string& file,
                       Result<ApiSpec>& loaded);

} // namespace specmesh::spec
