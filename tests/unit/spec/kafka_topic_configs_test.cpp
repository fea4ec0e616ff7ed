#include "spec/kafka_topic_configs.hpp"

#include <gtest/gtest.h>

namespace specmesh::spec {
namespace {

std::string problem_of(std::string_view name, std::string_view value) {
  const TopicConfig* config = find_topic_config(name);
  EXPECT_NE(config, nullptr) << name;
  return config != nullptr ? value_problem(*config, value) : "unknown";
}

TEST(KafkaTopicConfigs, KnowsTheBrokersTopicConfigsByName) {
  EXPECT_NE(find_topic_config("retention.ms"), nullptr);
  EXPECT_NE(find_topic_config("cleanup.policy"), nullptr);
  EXPECT_NE(find_topic_config("min.insync.replicas"), nullptr);
  EXPECT_EQ(find_topic_config("retention.msx"), nullptr);
  EXPECT_EQ(find_topic_config("Retention.ms"), nullptr); // the broker's names are exact
}

TEST(KafkaTopicConfigs, EveryNameIsListedOnce) {
  for (const TopicConfig& config : kafka_topic_configs()) {
    EXPECT_EQ(find_topic_config(config.name), &config) << config.name;
  }
}

TEST(KafkaTopicConfigs, AcceptsWhatTheBrokerParses) {
  EXPECT_EQ(problem_of("retention.ms", "604800000"), "");
  EXPECT_EQ(problem_of("retention.ms", " -1 "), ""); // the broker trims values
  EXPECT_EQ(problem_of("cleanup.policy", "compact,delete"), "");
  EXPECT_EQ(problem_of("cleanup.policy", "delete , compact"), "");
  EXPECT_EQ(problem_of("unclean.leader.election.enable", "TRUE"), "");
  EXPECT_EQ(problem_of("compression.type", "zstd"), "");
  EXPECT_EQ(problem_of("min.cleanable.dirty.ratio", "0.5"), "");
}

TEST(KafkaTopicConfigs, NamesWhatIsWrongWithAValue) {
  EXPECT_EQ(problem_of("retention.ms", "7d"), "must be an integer, found '7d'");
  EXPECT_EQ(problem_of("min.insync.replicas", "99999999999"),
            "must be an integer (32 bits), found '99999999999'");
  EXPECT_EQ(problem_of("unclean.leader.election.enable", "yes"),
            "must be true or false, found 'yes'");
  EXPECT_EQ(problem_of("min.cleanable.dirty.ratio", "half"), "must be a number, found 'half'");
  EXPECT_EQ(problem_of("cleanup.policy", "compactt"),
            "must be delete, compact or both (compact,delete), found 'compactt' (did you mean "
            "'compact'?)");
  EXPECT_EQ(problem_of("cleanup.policy", "compact,"),
            "must be delete, compact or both (compact,delete), found 'compact,'");
  EXPECT_NE(problem_of("compression.type", "zstdd").find("(did you mean 'zstd'?)"),
            std::string::npos);
}

TEST(KafkaTopicConfigs, KnowsVendorConfigsAndRemovedOnes) {
  EXPECT_TRUE(is_vendor_topic_config("confluent.placement.constraints"));
  EXPECT_TRUE(is_vendor_topic_config("redpanda.remote.read"));
  EXPECT_FALSE(is_vendor_topic_config("retention.ms"));
  EXPECT_EQ(removed_in("message.format.version"), "4.0");
  EXPECT_EQ(removed_in("retention.ms"), std::nullopt);
}

} // namespace
} // namespace specmesh::spec
