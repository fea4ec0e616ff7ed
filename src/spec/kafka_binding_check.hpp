// SpecMesh's reading of `bindings.kafka` (behaviour contract Part B §1.3), which the AsyncAPI
// schema leaves open: a misspelt key there silently means a default (`partitons: 3` is one
// partition), a key at the wrong level is silently ignored, and the broker refuses an unknown
// topic config or a value it cannot parse only when the topic is created.
#pragma once

#include "findings.hpp"

#include <vector>

namespace specmesh::spec {

/// Findings in the channel, operation and message `bindings.kafka` of every channel of the
/// document `root`: unknown keys (with did-you-mean), keys that have no effect where they are,
/// unknown Kafka topic configs and values the broker would not parse. Shapes the loader rejects
/// (a binding that is not a mapping) are left to it.
std::vector<Finding> check_kafka_bindings(yaml::Node root);

} // namespace specmesh::spec
