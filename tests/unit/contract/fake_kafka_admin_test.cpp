// The Kafka ports' contract suites (tests/contract) on testing::FakeKafkaAdmin: the same test
// bodies run on the real adapter in tests/integration/kafka. Below them, what only the fake has.
#include "contract/acl_admin_contract.hpp"
#include "contract/cluster_metrics_contract.hpp"
#include "contract/topic_admin_contract.hpp"

#include <specmesh/testing/fake_kafka_admin.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace specmesh::testing {
namespace {

/// The fake for the contract suites; records and commits are written into its public state,
/// the way a client of a real cluster would change what it reports.
class FakeKafka {
public:
  std::string problem() const { return ""; }
  std::string run_prefix() const { return "fake."; }
  ports::KafkaAdmin& admin() { return m_fake; }

  std::string internal_topic(const std::string&) {
    m_fake.add_topic({"__consumer_offsets", 50, 1, {}});
    return "__consumer_offsets";
  }

  std::string produce(const std::string& topic, int records) {
    constexpr std::int64_t k_bytes_per_record = 70;
    const auto partition =
        std::find_if(m_fake.offsets.begin(), m_fake.offsets.end(), [&](const auto& p) {
          return p.topic == topic && p.partition == 0;
        });
    if (partition == m_fake.offsets.end()) {
      m_fake.offsets.push_back({topic, 0, 0, records});
    } else {
      partition->latest += records;
    }
    m_fake.storage_bytes[topic] += records * k_bytes_per_record;
    return "";
  }

  std::string
  commit(const std::string& group, const std::string& topic, int partition, std::int64_t offset) {
    ports::ConsumerGroup& committed = m_fake.groups[group];
    committed.state = "Empty";
    committed.simple = true;
    committed.offsets.push_back({topic, partition, offset});
    return "";
  }

private:
  FakeKafkaAdmin m_fake;
};

TEST(FakeKafkaAdmin, WithoutAnAuthorizerDescribeAclsIsUnavailable) {
  FakeKafkaAdmin fake;
  fake.authorizer = false;
  const auto acls = fake.describe_acls();
  ASSERT_FALSE(acls);
  EXPECT_EQ(acls.error().code, ErrorCode::unavailable);
}

TEST(FakeKafkaAdmin, AnInjectedFailureFailsItsItemOnceOnly) {
  FakeKafkaAdmin fake;
  fake.failures.emplace("acme.a", Error{ErrorCode::unauthorized, "no", {}});
  const auto first = fake.create_topics({{"acme.a", 1, -1, {}}, {"acme.b", 1, -1, {}}}, false);
  ASSERT_FALSE(first[0]);
  EXPECT_EQ(first[0].error().code, ErrorCode::unauthorized);
  EXPECT_TRUE(first[1]);
  EXPECT_TRUE(fake.create_topics({{"acme.a", 1, -1, {}}}, false)[0]);
}

} // namespace
} // namespace specmesh::testing

namespace specmesh::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Fake, TopicAdminContract, testing::FakeKafka);
INSTANTIATE_TYPED_TEST_SUITE_P(Fake, AclAdminContract, testing::FakeKafka);
INSTANTIATE_TYPED_TEST_SUITE_P(Fake, ClusterMetricsContract, testing::FakeKafka);
} // namespace specmesh::contract
