// An in-memory Kafka cluster behind ports::KafkaAdmin, for fast tests of the core and of
// users' own code. Behaves like a broker with an authorizer: names are unique, partitions only
// grow, ACLs are exact bindings. Records every call as a readable line.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <specmesh/ports/kafka_admin.hpp>

namespace specmesh::testing {

class FakeKafkaAdmin final : public ports::KafkaAdmin {
public:
  /// The cluster's topics by name; `overrides` are what create/set_topic_configs set.
  std::map<std::string, ports::TopicDescription> topics;
  std::set<plan::AclBinding> acls;
  /// One line per call, e.g. "create_topics acme.shop.a acme.shop.b".
  std::vector<std::string> calls;
  /// Item name (topic name, or AclBinding::name()) -> the error its next request fails with.
  std::map<std::string, Error> failures;
  /// false: describe_acls fails like a cluster without an authorizer.
  bool authorizer = true;

  /// Adds a topic as if someone else had created it.
  void add_topic(const plan::Topic& topic);

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

private:
  /// The injected failure for `item`, consumed, if any.
  std::optional<Error> take_failure(const std::string& item);
};

} // namespace specmesh::testing
