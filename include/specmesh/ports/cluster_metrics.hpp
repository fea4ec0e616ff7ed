// What the chargeback reports (storage, consumption) read from a Kafka cluster, in the core's
// vocabulary. Never throws: failures come back as Errors with a coarse ErrorCode.
#pragma once

#include <specmesh/error.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace specmesh::ports {

/// The first and next offset of one partition (ListOffsets earliest and latest).
struct PartitionOffsets {
  std::string topic;
  int partition = 0;
  std::int64_t earliest = 0;
  std::int64_t latest = 0;

  friend bool operator==(const PartitionOffsets&, const PartitionOffsets&) = default;
};

/// One partition of a topic.
struct TopicPartition {
  std::string topic;
  int partition = 0;

  friend auto operator<=>(const TopicPartition&, const TopicPartition&) =
      default; // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads defaulted <=>
};

/// A group's committed offset of one partition.
struct CommittedOffset {
  std::string topic;
  int partition = 0;
  std::int64_t offset = 0;

  friend bool operator==(const CommittedOffset&, const CommittedOffset&) = default;
};

/// A consumer group as ListConsumerGroups reports it.
struct ConsumerGroupListing {
  std::string id;
  /// As Kafka names it: "Stable", "Empty", "PreparingRebalance", "CompletingRebalance",
  /// "Dead" or "Unknown".
  std::string state;
  /// A "simple" group: offsets committed without the group protocol (no members).
  bool simple = false;

  friend bool operator==(const ConsumerGroupListing&, const ConsumerGroupListing&) = default;
};

/// One member of a consumer group.
struct GroupMember {
  std::string id;        ///< the member (consumer) id the coordinator assigned
  std::string client_id; ///< the client's `client.id`
  std::string host;      ///< as the broker reports it, e.g. "/127.0.0.1"
  std::vector<TopicPartition> assignment;

  friend bool operator==(const GroupMember&, const GroupMember&) = default;
};

/// A described consumer group with every offset it has committed (any topic).
struct ConsumerGroup {
  std::string id;
  std::string state; ///< as in ConsumerGroupListing
  bool simple = false;
  std::vector<GroupMember> members;
  /// Sorted by (topic, partition).
  std::vector<CommittedOffset> offsets;

  friend bool operator==(const ConsumerGroup&, const ConsumerGroup&) = default;
};

class ClusterMetrics {
public:
  virtual ~ClusterMetrics() = default;

  /// Bytes on disk of each named topic: the size of every replica of every partition, summed
  /// over every broker and log dir (so replication counts). One DescribeLogDirs request per
  /// broker, whatever the number of topics. A topic the cluster does not have maps to 0; no
  /// request is sent for an empty list.
  virtual Result<std::map<std::string, std::int64_t>>
  describe_log_dirs(const std::vector<std::string>& topics) = 0;

  /// Earliest and latest offset of every partition of the named topics, sorted by (topic,
  /// partition): two batched ListOffsets requests (earliest, latest). Topics the cluster does
  /// not have are left out.
  virtual Result<std::vector<PartitionOffsets>>
  topic_offsets(const std::vector<std::string>& topics) = 0;

  /// Every consumer group of the cluster (one ListConsumerGroups request), sorted by id.
  virtual Result<std::vector<ConsumerGroupListing>> list_consumer_groups() = 0;

  /// The named groups with their members and committed offsets, in the order asked: one
  /// DescribeConsumerGroups request for all of them, then one OffsetFetch per group (sent
  /// together). Fails as a whole if any group cannot be described.
  virtual Result<std::vector<ConsumerGroup>>
  describe_consumer_groups(const std::vector<std::string>& group_ids) = 0;
};

} // namespace specmesh::ports
