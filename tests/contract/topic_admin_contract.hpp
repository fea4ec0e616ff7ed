// The contract of ports::TopicAdmin: the same test bodies run against the fake
// (tests/unit/contract) and the real adapter on the local broker (tests/integration/kafka), so
// the fake cannot drift from what a broker does. Instantiate with a Maker (see
// kafka_contract_fixture.hpp):
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Fake, TopicAdminContract, FakeKafka);
#pragma once

#include "kafka_contract_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace specmesh::contract {

template <typename Maker> class TopicAdminContract : public KafkaContractTest<Maker> {};

TYPED_TEST_SUITE_P(TopicAdminContract);

TYPED_TEST_P(TopicAdminContract, CreatesTopicsInOneBatchAndDescribesThem) {
  const plan::Topic a{
      this->topic("a"), 3, -1, {{"cleanup.policy", "compact"}, {"retention.ms", "3600000"}}};
  const plan::Topic b{this->topic("b"), 1, 1, {}};
  const auto outcomes = this->topic_admin().create_topics({a, b}, false);
  ASSERT_EQ(outcomes.size(), 2u);
  ASSERT_TRUE(outcomes[0] && outcomes[1]) << messages(outcomes);

  const auto described = this->describe_until([](const auto& d) { return d.size() == 2; });
  ASSERT_EQ(described.size(), 2u);
  EXPECT_EQ(described[0].topic.name, a.name); // sorted by name
  EXPECT_EQ(described[0].topic.partitions, 3);
  EXPECT_EQ(described[0].topic.replication, 1); // -1: the broker's default
  EXPECT_EQ(described[0].topic.config.at("cleanup.policy"), "compact");
  EXPECT_EQ(described[0].topic.config.at("retention.ms"), "3600000");
  EXPECT_TRUE(described[0].topic.config.contains("segment.bytes")); // broker defaults too
  EXPECT_EQ(described[0].overrides, a.config);
  EXPECT_EQ(described[1].topic.name, b.name);
  EXPECT_EQ(described[1].topic.partitions, 1);
  EXPECT_EQ(described[1].topic.config.at("cleanup.policy"), "delete");
  EXPECT_TRUE(described[1].overrides.empty());
}

TYPED_TEST_P(TopicAdminContract, DescribeTopicsIsAPlainPrefixWithoutInternalTopics) {
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({{this->topic("b"), 1, -1, {}},
                                                 {this->topic("ab"), 1, -1, {}},
                                                 {this->topic("a"), 1, -1, {}}}));
  const auto a = this->topic_admin().describe_topics(this->topic("a"));
  ASSERT_TRUE(a) << a.error().message;
  std::vector<std::string> names;
  for (const auto& description : *a) {
    names.push_back(description.topic.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{this->topic("a"), this->topic("ab")}));

  const auto none = this->topic_admin().describe_topics(this->topic("nothing-here."));
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());

  const std::string internal = this->m_maker.internal_topic(this->topic("a"));
  ASSERT_FALSE(internal.empty());
  for (const std::string& prefix : {std::string(), internal}) {
    const auto all = this->topic_admin().describe_topics(prefix);
    ASSERT_TRUE(all) << all.error().message;
    for (const auto& description : *all) {
      EXPECT_FALSE(description.topic.name.starts_with("__")) << description.topic.name;
    }
  }
}

TYPED_TEST_P(TopicAdminContract, ValidateOnlyCreatesNothingAndReportsABadConfigPerTopic) {
  const plan::Topic good{this->topic("good"), 2, -1, {{"cleanup.policy", "delete"}}};
  const plan::Topic bad{this->topic("bad"), 2, -1, {{"cleanup.policy", "nonsense"}}};
  const auto outcomes = this->topic_admin().create_topics({good, bad}, true);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0]) << messages(outcomes);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(outcomes[1].error().message.starts_with("topic '" + bad.name + "': "))
      << outcomes[1].error().message;
  EXPECT_NE(outcomes[1].error().message.find("nonsense"), std::string::npos)
      << outcomes[1].error().message;
  EXPECT_FALSE(outcomes[1].error().message.ends_with("."));

  // Nothing shows up, however long the broker takes.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto described = this->topic_admin().describe_topics(this->prefix());
  ASSERT_TRUE(described) << described.error().message;
  EXPECT_TRUE(described->empty());
}

TYPED_TEST_P(TopicAdminContract, AnInvalidNameFailsThatItemOnly) {
  const plan::Topic fine{this->topic("fine"), 1, -1, {}};
  for (const std::string& name :
       {this->topic("has space"), this->topic("slash/ed"), this->topic(std::string(250, 'x'))}) {
    for (const bool validate_only : {true, false}) {
      const auto outcomes =
          this->topic_admin().create_topics({{name, 1, -1, {}}, fine}, validate_only);
      ASSERT_EQ(outcomes.size(), 2u);
      ASSERT_FALSE(outcomes[0]) << name;
      EXPECT_EQ(outcomes[0].error().code, ErrorCode::invalid_input) << outcomes[0].error().message;
      EXPECT_TRUE(
          outcomes[0].error().message.starts_with("topic '" + name + "': Topic name is invalid: "))
          << outcomes[0].error().message;
      EXPECT_TRUE(outcomes[1] || outcomes[1].error().code == ErrorCode::conflict)
          << outcomes[1].error().message;
    }
  }
}

TYPED_TEST_P(TopicAdminContract, CreatingAnExistingTopicIsAConflictForThatItemOnly) {
  const plan::Topic existing{this->topic("existing"), 1, -1, {}};
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({existing}));
  const plan::Topic fresh{this->topic("fresh"), 1, -1, {}};
  for (const bool validate_only : {true, false}) {
    const auto outcomes = this->topic_admin().create_topics({existing, fresh}, validate_only);
    ASSERT_EQ(outcomes.size(), 2u);
    ASSERT_FALSE(outcomes[0]);
    EXPECT_EQ(outcomes[0].error().code, ErrorCode::conflict);
    EXPECT_TRUE(outcomes[0].error().message.starts_with("topic '" + existing.name + "': "))
        << outcomes[0].error().message;
    EXPECT_FALSE(outcomes[0].error().message.ends_with("."));
    EXPECT_TRUE(outcomes[1]) << outcomes[1].error().message;
  }
}

TYPED_TEST_P(TopicAdminContract, PartitionsOnlyGrow) {
  const plan::Topic t{this->topic("grow"), 2, -1, {}};
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({t}));
  const auto outcomes =
      this->topic_admin().create_partitions({{t.name, 4}, {this->topic("missing"), 2}});
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0]) << messages(outcomes);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::not_found) << outcomes[1].error().message;
  const auto described = this->describe_until(
      [](const auto& d) { return d.size() == 1 && d[0].topic.partitions == 4; });
  ASSERT_EQ(described.size(), 1u);
  EXPECT_EQ(described[0].topic.partitions, 4);

  for (const int same_or_fewer : {4, 3}) {
    const auto refused = this->topic_admin().create_partitions({{t.name, same_or_fewer}});
    ASSERT_EQ(refused.size(), 1u);
    ASSERT_FALSE(refused[0]) << same_or_fewer;
    EXPECT_EQ(refused[0].error().code, ErrorCode::invalid_input) << refused[0].error().message;
    EXPECT_TRUE(refused[0].error().message.starts_with("topic '" + t.name + "': "))
        << refused[0].error().message;
  }
}

TYPED_TEST_P(TopicAdminContract, SetTopicConfigsKeepsOtherOverrides) {
  const plan::Topic t{this->topic("cfg"), 1, -1, {{"cleanup.policy", "compact"}}};
  const plan::Topic u{this->topic("cfg2"), 1, -1, {{"segment.ms", "600000"}}};
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({t, u}));
  const auto outcomes =
      this->topic_admin().set_topic_configs({{t.name, {{"retention.ms", "7200000"}}},
                                             {u.name, {{"segment.ms", "700000"}}},
                                             {this->topic("missing"), {{"retention.ms", "1"}}}});
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0] && outcomes[1]) << messages(outcomes);
  ASSERT_FALSE(outcomes[2]);
  EXPECT_EQ(outcomes[2].error().code, ErrorCode::not_found) << outcomes[2].error().message;

  const auto described = this->describe_until([](const auto& d) {
    return d.size() == 2 && d[0].overrides.contains("retention.ms")
           && d[1].overrides.at("segment.ms") == "700000";
  });
  ASSERT_EQ(described.size(), 2u);
  const plan::ConfigMap expected_t{{"cleanup.policy", "compact"}, {"retention.ms", "7200000"}};
  EXPECT_EQ(described[0].overrides, expected_t);
  EXPECT_EQ(described[0].topic.config.at("cleanup.policy"), "compact");
  EXPECT_EQ(described[0].topic.config.at("retention.ms"), "7200000");
  const plan::ConfigMap expected_u{{"segment.ms", "700000"}};
  EXPECT_EQ(described[1].overrides, expected_u);
}

TYPED_TEST_P(TopicAdminContract, DeleteTopicsReportsEachItem) {
  const plan::Topic t{this->topic("gone"), 1, -1, {}};
  ASSERT_NO_FATAL_FAILURE(this->create_and_wait({t}));
  const auto outcomes = this->topic_admin().delete_topics({t.name, this->topic("never-existed")});
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0]) << messages(outcomes);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::not_found) << outcomes[1].error().message;
  const auto described = this->describe_until([](const auto& d) { return d.empty(); });
  EXPECT_TRUE(described.empty());
}

REGISTER_TYPED_TEST_SUITE_P(TopicAdminContract,
                            CreatesTopicsInOneBatchAndDescribesThem,
                            DescribeTopicsIsAPlainPrefixWithoutInternalTopics,
                            ValidateOnlyCreatesNothingAndReportsABadConfigPerTopic,
                            AnInvalidNameFailsThatItemOnly,
                            CreatingAnExistingTopicIsAConflictForThatItemOnly,
                            PartitionsOnlyGrow,
                            SetTopicConfigsKeepsOtherOverrides,
                            DeleteTopicsReportsEachItem);

} // namespace specmesh::contract
