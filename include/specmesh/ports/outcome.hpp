// The outcome of one item of a batched port call.
#pragma once

#include <specmesh/error.hpp>

namespace specmesh::ports {

/// One item's outcome of a batched request, in the order of the request's items.
using Outcome = Result<void>;

} // namespace specmesh::ports
