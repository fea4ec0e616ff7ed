// Chargeback metrics (Part B §8, Part A.5): how much each owned topic stores and who consumes
// it. measure_* read the cluster through ports::ClusterMetrics; the *_report functions and the
// renderers are pure, so the unit tests drive them with the in-memory fake. docs/metrics.md
// describes the output documents.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/ports/cluster_metrics.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace specmesh::metrics {

/// Storage of one topic.
struct TopicStorage {
  std::string topic;
  /// Bytes on disk, every replica on every broker and log dir (replication included).
  std::int64_t storage_bytes = 0;
  /// Σ (latest − earliest) over the partitions: the record count of a non-compacted,
  /// non-transactional topic. 0 for a topic the cluster does not have.
  std::int64_t offset_total = 0;

  friend bool operator==(const TopicStorage&, const TopicStorage&) = default;
};

/// One entry per topic asked for, sorted by name.
struct StorageReport {
  std::vector<TopicStorage> topics;

  friend bool operator==(const StorageReport&, const StorageReport&) = default;
};

/// What one consumer group consumes of one topic (or, in ConsumptionReport::groups, of every
/// owned topic).
struct GroupConsumption {
  std::string id;
  std::vector<ports::GroupMember> members;
  /// The group's committed offsets on the topic(s), sorted by (topic, partition).
  std::vector<ports::CommittedOffset> partitions;
  /// Σ of those committed offsets (absolute positions, not lag), as the original.
  std::int64_t offset_total = 0;

  friend bool operator==(const GroupConsumption&, const GroupConsumption&) = default;
};

/// Every group consuming one topic, sorted by group id.
struct TopicConsumption {
  std::string topic;
  std::vector<GroupConsumption> groups;

  friend bool operator==(const TopicConsumption&, const TopicConsumption&) = default;
};

struct ConsumptionReport {
  /// Only topics with at least one consuming group, sorted by name.
  std::vector<TopicConsumption> topics;
  /// Every group consuming at least one of the topics, sorted by id, with its committed
  /// offsets on all of them.
  std::vector<GroupConsumption> groups;

  friend bool operator==(const ConsumptionReport&, const ConsumptionReport&) = default;
};

/// The storage report of `topics` from the port's log-dir sizes and partition offsets.
/// Pure; topics missing from `bytes` or `offsets` count 0.
StorageReport storage_report(const std::vector<std::string>& topics,
                             const std::map<std::string, std::int64_t>& bytes,
                             const std::vector<ports::PartitionOffsets>& offsets);

/// Whether a listed group can count as a consumer (Part B §8.2 step 1): a non-simple group in
/// state Stable.
bool may_consume(const ports::ConsumerGroupListing& group);

/// The consumption report of `topics` from described groups (Part B §8.2 steps 2-4, per
/// exact topic name, keeping every group). A group consumes a topic when it may_consume and
/// one of its members is assigned a partition of exactly that topic. Pure.
ConsumptionReport consumption_report(const std::vector<std::string>& topics,
                                     const std::vector<ports::ConsumerGroup>& groups);

/// Reads sizes (one DescribeLogDirs per broker) and offsets (two ListOffsets) of `topics`.
Result<StorageReport> measure_storage(ports::ClusterMetrics& admin,
                                      const std::vector<std::string>& topics);

/// Lists the groups, describes those that may_consume (with their committed offsets) and
/// builds the consumption report of `topics`.
Result<ConsumptionReport> measure_consumption(ports::ClusterMetrics& admin,
                                              const std::vector<std::string>& topics);

/// One line: {"<topic>":{"storage-bytes":N,"offset-total":N},...} (Part B §6.2).
std::string render_storage_json(const StorageReport& report);
/// A table: topic, storage bytes, offset total, and a total row.
std::string render_storage_text(const StorageReport& report);

/// One line: per topic the first group's fields as the original ({"id","members",
/// "partitions","offsetTotal"}) plus "groups" with every group; and a top-level "groups"
/// list (docs/metrics.md).
std::string render_consumption_json(const ConsumptionReport& report);
/// A table with one row per (topic, group), then each group's members.
std::string render_consumption_text(const ConsumptionReport& report);

} // namespace specmesh::metrics
