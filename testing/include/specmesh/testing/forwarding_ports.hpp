// Ports that pass every call on to another implementation the caller keeps. apply::provision
// and cli::Environment own the ports they connect and destroy them when done; handing them a
// forwarder to a fake lets a test look at what was left behind.
#pragma once

#include <specmesh/ports/kafka_admin.hpp>
#include <specmesh/ports/schema_registry.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace specmesh::testing {

/// Not final: a test may override one call to inject a fault at that point.
class ForwardingKafkaAdmin : public ports::KafkaAdmin {
public:
  explicit ForwardingKafkaAdmin(ports::KafkaAdmin& target) : m_target(target) {}

  Result<std::vector<ports::TopicDescription>> describe_topics(std::string_view prefix) override {
    return m_target.describe_topics(prefix);
  }
  Result<std::vector<plan::AclBinding>> describe_acls() override {
    return m_target.describe_acls();
  }
  std::vector<ports::Outcome> create_topics(const std::vector<plan::Topic>& topics,
                                            bool validate_only) override {
    return m_target.create_topics(topics, validate_only);
  }
  std::vector<ports::Outcome>
  create_partitions(const std::vector<std::pair<std::string, int>>& totals) override {
    return m_target.create_partitions(totals);
  }
  std::vector<ports::Outcome>
  set_topic_configs(const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) override {
    return m_target.set_topic_configs(changes);
  }
  std::vector<ports::Outcome> delete_topics(const std::vector<std::string>& names) override {
    return m_target.delete_topics(names);
  }
  std::vector<ports::Outcome> create_acls(const std::vector<plan::AclBinding>& acls) override {
    return m_target.create_acls(acls);
  }
  std::vector<ports::Outcome> delete_acls(const std::vector<plan::AclBinding>& acls) override {
    return m_target.delete_acls(acls);
  }
  Result<std::map<std::string, std::int64_t>>
  describe_log_dirs(const std::vector<std::string>& topics) override {
    return m_target.describe_log_dirs(topics);
  }
  Result<std::vector<ports::PartitionOffsets>>
  topic_offsets(const std::vector<std::string>& topics) override {
    return m_target.topic_offsets(topics);
  }
  Result<std::vector<ports::ConsumerGroupListing>> list_consumer_groups() override {
    return m_target.list_consumer_groups();
  }
  Result<std::vector<ports::ConsumerGroup>>
  describe_consumer_groups(const std::vector<std::string>& group_ids) override {
    return m_target.describe_consumer_groups(group_ids);
  }

private:
  ports::KafkaAdmin& m_target;
};

class ForwardingSchemaRegistry final : public ports::SchemaRegistry {
public:
  explicit ForwardingSchemaRegistry(ports::SchemaRegistry& target) : m_target(target) {}

  Result<std::vector<std::string>> list_subjects(std::string_view prefix) override {
    return m_target.list_subjects(prefix);
  }
  Result<std::vector<ports::RegisteredSchema>>
  latest_versions(const std::vector<std::string>& subjects) override {
    return m_target.latest_versions(subjects);
  }
  Result<std::optional<ports::RegisteredSchema>> lookup(const std::string& subject,
                                                        const plan::Subject& schema) override {
    return m_target.lookup(subject, schema);
  }
  Result<ports::Compatibility> check_compatibility(const std::string& subject,
                                                   const plan::Subject& schema) override {
    return m_target.check_compatibility(subject, schema);
  }
  Result<int> register_schema(const std::string& subject, const plan::Subject& schema) override {
    return m_target.register_schema(subject, schema);
  }
  Result<std::optional<std::string>> compatibility_level(const std::string& subject) override {
    return m_target.compatibility_level(subject);
  }
  Result<void> set_compatibility_level(const std::string& subject,
                                       const std::string& level) override {
    return m_target.set_compatibility_level(subject, level);
  }
  Result<std::vector<int>> delete_subject(const std::string& subject, bool permanent) override {
    return m_target.delete_subject(subject, permanent);
  }
  int concurrency() const override { return m_target.concurrency(); }

private:
  ports::SchemaRegistry& m_target;
};

} // namespace specmesh::testing
