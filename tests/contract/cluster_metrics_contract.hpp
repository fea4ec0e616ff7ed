// The contract of ports::ClusterMetrics (the chargeback reports' reads): the same test bodies
// run against the fake (tests/unit/contract) and the real adapter on the local broker
// (tests/integration/kafka). Records and committed offsets come from the Maker's `produce` and
// `commit` (see kafka_contract_fixture.hpp). Instantiate with a Maker:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Fake, ClusterMetricsContract, FakeKafka);
#pragma once

#include "kafka_contract_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace specmesh::contract {

template <typename Maker> class ClusterMetricsContract : public KafkaContractTest<Maker> {};

TYPED_TEST_SUITE_P(ClusterMetricsContract);

TYPED_TEST_P(ClusterMetricsContract, StorageIsZeroForEmptyOrMissingTopicsAndGrowsWithRecords) {
  const auto nothing = this->metrics().describe_log_dirs({});
  ASSERT_TRUE(nothing) << nothing.error().message;
  EXPECT_TRUE(nothing->empty());

  const std::string full = this->topic("full");
  const std::string empty = this->topic("empty");
  const std::string missing = this->topic("missing");
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({{full, 1, -1, {}}, {empty, 2, -1, {}}}));
  const auto before = this->metrics().describe_log_dirs({full, empty, missing});
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(*before, (std::map<std::string, std::int64_t>{{empty, 0}, {full, 0}, {missing, 0}}));

  ASSERT_EQ(this->m_maker.produce(full, 3), "");
  std::map<std::string, std::int64_t> after;
  eventually([&] {
    auto bytes = this->metrics().describe_log_dirs({full, empty});
    EXPECT_TRUE(bytes) << bytes.error().message;
    after = bytes ? *bytes : after;
    return !bytes || after[full] > 0;
  });
  EXPECT_GT(after[full], 0);
  EXPECT_EQ(after[empty], 0);
}

TYPED_TEST_P(ClusterMetricsContract, OffsetsOfEveryPartitionSortedWithoutMissingTopics) {
  const std::string a = this->topic("a");
  const std::string b = this->topic("b");
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({{b, 1, -1, {}}, {a, 2, -1, {}}}));
  // A new partition's leader may not serve ListOffsets yet ("Not leader for partition").
  const auto offsets = [&](const std::vector<std::string>& topics) {
    Result<std::vector<ports::PartitionOffsets>> read;
    eventually([&] {
      read = this->metrics().topic_offsets(topics);
      return read.has_value();
    });
    return read;
  };
  const auto empty = offsets({b, this->topic("missing"), a});
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_EQ(*empty,
            (std::vector<ports::PartitionOffsets>{{a, 0, 0, 0}, {a, 1, 0, 0}, {b, 0, 0, 0}}));

  ASSERT_EQ(this->m_maker.produce(b, 3), "");
  const auto produced = offsets({b});
  ASSERT_TRUE(produced) << produced.error().message;
  EXPECT_EQ(*produced, (std::vector<ports::PartitionOffsets>{{b, 0, 0, 3}}));

  const auto none = this->metrics().topic_offsets({});
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
}

TYPED_TEST_P(ClusterMetricsContract, GroupsWithCommittedOffsetsAreListedAndDescribedAsAsked) {
  const std::string t = this->topic("t");
  const std::string first = this->prefix() + "first";
  const std::string second = this->prefix() + "second";
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({{t, 2, -1, {}}}));
  ASSERT_EQ(this->m_maker.commit(second, t, 1, 0), "");
  ASSERT_EQ(this->m_maker.commit(first, t, 0, 0), "");

  std::vector<ports::ConsumerGroupListing> ours;
  eventually([&] {
    const auto listed = this->metrics().list_consumer_groups();
    EXPECT_TRUE(listed) << listed.error().message;
    if (!listed) {
      return true;
    }
    EXPECT_TRUE(std::is_sorted(
        listed->begin(), listed->end(), [](const auto& x, const auto& y) { return x.id < y.id; }));
    ours.clear();
    std::copy_if(listed->begin(), listed->end(), std::back_inserter(ours), [&](const auto& g) {
      return g.id.starts_with(this->prefix());
    });
    return ours.size() == 2;
  });
  // Offsets committed without joining the group: a simple group without members.
  EXPECT_EQ(
      ours,
      (std::vector<ports::ConsumerGroupListing>{{first, "Empty", true}, {second, "Empty", true}}));

  const auto described = this->metrics().describe_consumer_groups({second, first});
  ASSERT_TRUE(described) << described.error().message;
  EXPECT_EQ(*described,
            (std::vector<ports::ConsumerGroup>{{second, "Empty", true, {}, {{t, 1, 0}}},
                                               {first, "Empty", true, {}, {{t, 0, 0}}}}));
}

TYPED_TEST_P(ClusterMetricsContract, AGroupNobodyUsesIsDescribedAsDead) {
  const std::string nobody = this->prefix() + "nobody";
  const auto described = this->metrics().describe_consumer_groups({nobody});
  ASSERT_TRUE(described) << described.error().message;
  // No protocol type, so the broker calls it simple too.
  EXPECT_EQ(*described, (std::vector<ports::ConsumerGroup>{{nobody, "Dead", true, {}, {}}}));
}

REGISTER_TYPED_TEST_SUITE_P(ClusterMetricsContract,
                            StorageIsZeroForEmptyOrMissingTopicsAndGrowsWithRecords,
                            OffsetsOfEveryPartitionSortedWithoutMissingTopics,
                            GroupsWithCommittedOffsetsAreListedAndDescribedAsAsked,
                            AGroupNobodyUsesIsDescribedAsDead);

} // namespace specmesh::contract
