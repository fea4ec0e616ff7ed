// ports::KafkaAdmin over librdkafka's C admin API. Builds against Debian 12's 2.0.2 and newer ones
// (2.8.0 from scripts/build-librdkafka.sh); where 2.0.2 lacks an API (local-environment.md
// §2.2) the fallback is noted where it is used. Translation only: each port call is one batched
// request (DescribeConfigs chunked), bounded by Connection::timeout. The calls are defined by
// subject: topics.cpp, acls.cpp, report_reads.cpp; connect.cpp creates the client.
// Private to src/kafka.
#pragma once

#include "admin_client.hpp"
#include "log_dirs.hpp"

#include <specmesh/ports/kafka_admin.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace specmesh::kafka {

/// A resource's configs as DescribeConfigs reports them: every value it shows, and the ones
/// set on the resource itself.
struct ResourceConfigs {
  plan::ConfigMap effective;
  plan::ConfigMap overrides;
};

/// DescribeConfigs' answer by resource name: the configs or why that resource has none.
using ConfigsByName = std::map<std::string, RequestResult<ResourceConfigs>, std::less<>>;

class RdKafkaAdmin final : public ports::KafkaAdmin {
public:
  RdKafkaAdmin(AdminClient client, LogDirsAccess log_dirs_access)
      : m_client(std::move(client)), m_log_dirs_access(std::move(log_dirs_access)) {}

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
  /// DescribeConfigs for the named resources of one type, chunked at 1,000 per request
  /// (topics.cpp).
  RequestResult<ConfigsByName> describe_configs(rd_kafka_ResourceType_t type,
                                                const std::vector<std::string>& names) const;

  /// The value of a broker config key ("" when unset), read from the first broker with
  /// DescribeConfigs (used to tell "no authorizer" and "not allowed" from "no ACLs"; acls.cpp).
  RequestResult<std::string> broker_config(const std::string& key) const;

  /// Metadata in which every one of `topics` that exists has all its partitions led, and those
  /// partitions (report_reads.cpp).
  Result<std::pair<MetadataHandle, PartitionsByTopic>>
  ready_metadata(const std::vector<std::string>& topics, std::string_view doing) const;

  AdminClient m_client;
  LogDirsAccess m_log_dirs_access;
};

} // namespace specmesh::kafka
