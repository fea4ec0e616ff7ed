// What the planner and executor need from a Kafka cluster, in the core's vocabulary.
// Implemented by kafka::make_kafka_admin (librdkafka) and by the in-memory fake the unit tests
// use. Never throws: failures come back as Errors with a coarse ErrorCode.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <specmesh/error.hpp>
#include <specmesh/plan/resources.hpp>

namespace specmesh::ports {

/// One item's outcome of a batched request, in the order of the request's items.
using Outcome = Result<void>;

struct TopicDescription {
  /// Partition count, replication factor (replicas of partition 0) and the effective value of
  /// every config key the broker reports.
  plan::Topic topic;
  /// Only the keys set on the topic itself (source DYNAMIC_TOPIC_CONFIG).
  plan::ConfigMap overrides;
};

class KafkaAdmin {
public:
  virtual ~KafkaAdmin() = default;

  /// Every non-internal topic whose name starts with `prefix` (a plain string prefix: the
  /// planner narrows it to the exact scope), described with one batched request, sorted by name.
  virtual Result<std::vector<TopicDescription>> describe_topics(std::string_view prefix) = 0;

  /// Every ACL binding on the cluster (one DescribeAcls request). Fails with code
  /// `unavailable` and a message saying so when the cluster has no authorizer.
  virtual Result<std::vector<plan::AclBinding>> describe_acls() = 0;

  /// One CreateTopics request. With `validate_only` the broker checks the request (names,
  /// partitions, replication, configs) without creating anything.
  virtual std::vector<Outcome> create_topics(const std::vector<plan::Topic>& topics,
                                             bool validate_only) = 0;

  /// One CreatePartitions request: each topic grows to the given total partition count.
  virtual std::vector<Outcome>
  create_partitions(const std::vector<std::pair<std::string, int>>& totals) = 0;

  /// Sets the given config keys on each topic and keeps every other key already set on it.
  virtual std::vector<Outcome>
  set_topic_configs(const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) = 0;

  /// One DeleteTopics request.
  virtual std::vector<Outcome> delete_topics(const std::vector<std::string>& names) = 0;

  /// One CreateAcls request.
  virtual std::vector<Outcome> create_acls(const std::vector<plan::AclBinding>& acls) = 0;

  /// One DeleteAcls request, each binding matched exactly (its own pattern type, principal,
  /// host, operation and permission), so nothing else is removed.
  virtual std::vector<Outcome> delete_acls(const std::vector<plan::AclBinding>& acls) = 0;
};

} // namespace specmesh::ports
