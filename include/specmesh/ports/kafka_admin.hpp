// What the planner, the executor and the reports need from a Kafka cluster, in the core's
// vocabulary: the three narrow ports in one connection object. Implemented by
// kafka::make_kafka_admin (librdkafka) and by the in-memory fake the unit tests use. Never
// throws: failures come back as Errors with a coarse ErrorCode.
#pragma once

#include <specmesh/ports/acl_admin.hpp>
#include <specmesh/ports/cluster_metrics.hpp>
#include <specmesh/ports/topic_admin.hpp>

namespace specmesh::ports {

/// One connection to a cluster, serving topics, ACLs and the reports' reads. Code that needs
/// only one of them takes that port.
class KafkaAdmin : public TopicAdmin, public AclAdmin, public ClusterMetrics {};

} // namespace specmesh::ports
