// What the planner and executor need to read and change a Kafka cluster's topics, in the
// core's vocabulary. Never throws: failures come back as Errors with a coarse ErrorCode.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/resources.hpp>
#include <specmesh/ports/outcome.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace specmesh::ports {

struct TopicDescription {
  /// Partition count, replication factor (replicas of partition 0) and the effective value of
  /// every config key the broker reports.
  plan::Topic topic;
  /// Only the keys set on the topic itself (source DYNAMIC_TOPIC_CONFIG).
  plan::ConfigMap overrides;
};

class TopicAdmin {
public:
  virtual ~TopicAdmin() = default;

  /// Every non-internal topic whose name starts with `prefix` (a plain string prefix: the
  /// planner narrows it to the exact scope), described with one batched request, sorted by name.
  virtual Result<std::vector<TopicDescription>> describe_topics(std::string_view prefix) = 0;

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
};

} // namespace specmesh::ports
