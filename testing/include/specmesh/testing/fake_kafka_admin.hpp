// An in-memory Kafka cluster behind ports::KafkaAdmin, for fast tests of the core and of
// users' own code. Behaves like a broker with an authorizer where the contract suites
// (tests/contract) say so: names are valid and unique, partitions only grow, ACLs are exact
// bindings. Records every call as a readable line.
#pragma once

#include <specmesh/ports/kafka_admin.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace specmesh::testing {

class FakeKafkaAdmin final : public ports::KafkaAdmin {
public:
  /// The cluster's topics by name; `overrides` are what create/set_topic_configs set.
  std::map<std::string, ports::TopicDescription> topics;
  std::set<plan::AclBinding> acls;
  /// One line per call, e.g. "create_topics acme.shop.a acme.shop.b".
  std::vector<std::string> calls;
  /// Bytes on disk per topic (all replicas), what describe_log_dirs reports; absent: 0.
  std::map<std::string, std::int64_t> storage_bytes;
  /// Earliest/latest offsets per partition, what topic_offsets reports for existing topics.
  std::vector<ports::PartitionOffsets> offsets;
  /// Consumer groups by id, with their state, members and committed offsets.
  std::map<std::string, ports::ConsumerGroup> groups;
  /// Item name (topic name, or AclBinding::name()) -> the error its next request fails with.
  /// For the whole-request calls (describe_log_dirs, topic_offsets, list_consumer_groups,
  /// describe_consumer_groups) the key is the call's name.
  std::map<std::string, Error> failures;
  /// false: describe_acls fails like a cluster without an authorizer.
  bool authorizer = true;

  /// Adds a topic as if someone else had created it.
  void add_topic(const plan::Topic& topic);

  /// The next `reads` describe_topics / describe_acls calls answer with the topics and ACLs as
  /// they are now, whatever is written meanwhile: a broker whose metadata lags the writes.
  void freeze_reads(int reads);

  Result<std::vector<ports::TopicDescription>> describe_topics(std::string_view prefix) override;
  Result<std::vector<plan::AclBinding>> describe_acls() override;
  std::vector<ports::Outcome> create_topics(const std::vector<plan::Topic>& topics,
                                            bool validate_only) override;
  std::vector<ports::Outcome>
  create_partitions(const std::vector<std::pair<std::string, int>>& totals) override;
  std::vector<ports::Outcome>
  set_topic_configs(const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) override;
  std::vector<ports::Outcome> delete_topics(const std::vector<std::string>& names) override;
  std::vector<ports::Outcome> create_acls(const std::vector<plan::AclBinding>& acls) override;
  std::vector<ports::Outcome> delete_acls(const std::vector<plan::AclBinding>& acls) override;
  Result<std::map<std::string, std::int64_t>>
  describe_log_dirs(const std::vector<std::string>& topics) override;
  Result<std::vector<ports::PartitionOffsets>>
  topic_offsets(const std::vector<std::string>& topics) override;
  Result<std::vector<ports::ConsumerGroupListing>> list_consumer_groups() override;
  Result<std::vector<ports::ConsumerGroup>>
  describe_consumer_groups(const std::vector<std::string>& group_ids) override;

private:
  /// The injected failure for `item`, consumed, if any.
  std::optional<Error> take_failure(const std::string& item);

  struct FrozenReads {
    int remaining = 0;
    std::map<std::string, ports::TopicDescription> topics;
    std::set<plan::AclBinding> acls;
  };
  /// Consumes one frozen read, if any is left.
  const FrozenReads* frozen_read();

  FrozenReads m_frozen;
};

} // namespace specmesh::testing
