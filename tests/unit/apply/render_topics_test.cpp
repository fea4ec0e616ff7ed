#include "apply/kind_rendering.hpp"
#include "json_keys.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::Action;
using ::testing::ElementsAre;

plan::TopicChange change_of(plan::Topic topic, Action action = Action::create) {
  return {.action = action, .resource = std::move(topic)};
}

TEST(RenderTopics, SectionIsTitledTopicsWithItsColumns) {
  const TextSection section = text_section(plan::Changes<plan::Topic>{});
  EXPECT_STREQ(section.title, "Topics");
  EXPECT_THAT(section.columns, ElementsAre("TOPIC", "PARTITIONS", "REPLICATION", "CONFIG"));
  EXPECT_STREQ(json_key(plan::Changes<plan::Topic>{}), "topics");
}

TEST(RenderTopics, RowShowsTheBrokerDefaultReplicationAndADashForNoConfig) {
  EXPECT_THAT(text_row(change_of({"acme.shop.a", 3, -1, {}})),
              ElementsAre("acme.shop.a", "3", "default", "-"));
}

TEST(RenderTopics, RowShowsAnExplicitReplicationAndEveryConfigKeySorted) {
  EXPECT_THAT(
      text_row(change_of(
          {"acme.shop.a", 6, 2, {{"retention.ms", "1000"}, {"cleanup.policy", "compact"}}})),
      ElementsAre("acme.shop.a", "6", "2", "cleanup.policy=compact retention.ms=1000"));
}

TEST(RenderTopics, JsonHasTheFieldsInOrderWithTheStateWordAndNoException) {
  plan::TopicChange change =
      change_of({"acme.shop.a", 6, -1, {{"retention.ms", "1000"}}}, Action::update);
  change.details = {"partitions 3 -> 6"};
  change.warnings = {"replication 1, spec wants 3"};

  const nlohmann::ordered_json json = to_json(change);
  EXPECT_THAT(json_keys(json),
              ElementsAre("name",
                          "state",
                          "partitions",
                          "replication",
                          "config",
                          "messages",
                          "warnings",
                          "exception"));
  EXPECT_EQ(json["name"], "acme.shop.a");
  EXPECT_EQ(json["state"], "UPDATE");
  EXPECT_EQ(json["partitions"], 6);
  EXPECT_EQ(json["replication"], -1);
  EXPECT_EQ(json["config"], (nlohmann::ordered_json{{"retention.ms", "1000"}}));
  EXPECT_EQ(json["messages"], (nlohmann::ordered_json{"partitions 3 -> 6"}));
  EXPECT_EQ(json["warnings"], (nlohmann::ordered_json{"replication 1, spec wants 3"}));
  EXPECT_TRUE(json["exception"].is_null());
}

TEST(RenderTopics, JsonOfAnExecutedChangeSaysWhatHappened) {
  plan::TopicChange created = change_of({"acme.shop.a", 1, -1, {}});
  created.outcome.succeed();
  EXPECT_EQ(to_json(created)["state"], "CREATED");

  plan::TopicChange failed = change_of({"acme.shop.a", 1, -1, {}});
  failed.outcome.fail({ErrorCode::invalid_input, "topic 'acme.shop.a': bad config", {}});
  const nlohmann::ordered_json json = to_json(failed);
  EXPECT_EQ(json["state"], "FAILED");
  EXPECT_EQ(json["exception"], "topic 'acme.shop.a': bad config");
  EXPECT_TRUE(json["config"].is_object());
}

} // namespace
} // namespace specmesh::apply
