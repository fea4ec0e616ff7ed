#include "apply/kind_rendering.hpp"
#include "json_keys.hpp"

#include <specmesh/apply/render.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using nlohmann::ordered_json;
using plan::Action;
using ::testing::ElementsAre;

plan::AclBinding grant_to(const std::string& principal) {
  return {.resource_type = plan::ResourceType::topic,
          .resource_name = "acme.shop.a",
          .principal = principal};
}

plan::Plan small_plan() {
  plan::Plan plan{.domain = "acme.shop"};
  plan.topics.push_back({.action = Action::create, .resource = {"acme.shop.a", 3, -1, {}}});
  plan.topics.push_back({.action = Action::unchanged, .resource = {"acme.shop.b", 1, -1, {}}});
  plan.acls.push_back({.action = Action::create, .resource = grant_to("User:acme.finance")});
  plan::SubjectChange subject{.action = Action::ignored};
  subject.resource.subject = "acme.other.x-value";
  plan.subjects.push_back(subject);
  return plan;
}

TEST(RenderJson, TheDocumentHasDomainEachKindAndTheSummaryInThatOrder) {
  const std::string text = render_json(small_plan());
  ASSERT_TRUE(text.ends_with("}\n"));
  const ordered_json doc = ordered_json::parse(text);
  EXPECT_THAT(json_keys(doc),
              ElementsAre("domain", "topics", "acls", "schemas", "storage", "summary"));
  EXPECT_EQ(doc["domain"], "acme.shop");
  ASSERT_EQ(doc["topics"].size(), 2u);
  EXPECT_EQ(doc["topics"][0], to_json(small_plan().topics[0]));
  EXPECT_EQ(doc["topics"][1]["state"], "UNCHANGED");
  EXPECT_EQ(doc["acls"][0]["principal"], "User:acme.finance");
  EXPECT_EQ(doc["schemas"][0]["state"], "IGNORED");
}

TEST(RenderJson, AnEmptyPlanHasEmptyListsAndEveryStateWordCountedZero) {
  const ordered_json doc = ordered_json::parse(render_json(plan::Plan{.domain = "d"}));
  EXPECT_EQ(doc["topics"], ordered_json::array());
  EXPECT_EQ(doc["acls"], ordered_json::array());
  EXPECT_EQ(doc["schemas"], ordered_json::array());
  EXPECT_EQ(doc["storage"], ordered_json::array());
  EXPECT_EQ(doc["summary"],
            ordered_json::parse(R"({"BLOCKED": 0, "CREATE": 0, "DELETE": 0, "FAILED": 0,
                                    "IGNORED": 0, "UNCHANGED": 0, "UPDATE": 0})"));
}

TEST(RenderJson, SummaryCountsEveryKindByStateWord) {
  EXPECT_EQ(ordered_json::parse(render_json(small_plan()))["summary"],
            ordered_json::parse(R"({"BLOCKED": 0, "CREATE": 2, "DELETE": 0, "FAILED": 0,
                                    "IGNORED": 1, "UNCHANGED": 1, "UPDATE": 0})"));
}

TEST(RenderJson, SummaryOfAnExecutedPlanCountsWhatHappenedAndKeepsThePlannedWords) {
  plan::Plan plan = small_plan();
  plan.topics[0].outcome.succeed();
  plan.acls[0].outcome.fail({ErrorCode::unauthorized, "not authorized", {}});
  const ordered_json doc = ordered_json::parse(render_json(plan));
  EXPECT_EQ(doc["summary"],
            ordered_json::parse(R"({"BLOCKED": 0, "CREATE": 0, "CREATED": 1, "DELETE": 0,
                                    "FAILED": 1, "IGNORED": 1, "UNCHANGED": 1, "UPDATE": 0})"));
  EXPECT_EQ(doc["acls"][0]["exception"], "not authorized");
  EXPECT_TRUE(doc["topics"][0]["exception"].is_null());
}

TEST(RenderJson, ExceptionIsNullWithoutErrorsElseTheirMessagesJoined) {
  plan::Outcome outcome;
  EXPECT_TRUE(json_exception(outcome).is_null());
  outcome.succeed();
  EXPECT_TRUE(json_exception(outcome).is_null());
  outcome.fail({ErrorCode::invalid_input, "partitions refused", {}});
  EXPECT_EQ(json_exception(outcome), "partitions refused");
  outcome.fail({ErrorCode::timeout, "configs timed out", {}});
  EXPECT_EQ(json_exception(outcome), "partitions refused; configs timed out");
}

TEST(RenderJson, BytesThatAreNotUtf8AreReplacedNotThrown) {
  plan::Plan plan{.domain = "acme.shop"};
  plan.acls.push_back({.action = Action::create, .resource = grant_to("User:caf\xe9")});
  plan.topics.push_back(
      {.action = Action::create, .resource = {"acme.shop.a", 1, -1, {{"x", "\xff\xfe"}}}});

  std::string text;
  ASSERT_NO_THROW(text = render_json(plan));
  const ordered_json doc = ordered_json::parse(text);
  EXPECT_EQ(doc["acls"][0]["principal"], "User:caf\xef\xbf\xbd");
  EXPECT_EQ(doc["topics"][0]["config"]["x"], "\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(RenderJson, KeepsUtf8AsItIs) {
  plan::Plan plan{.domain = "acme.shop"};
  plan.acls.push_back({.action = Action::create, .resource = grant_to("User:caf\xc3\xa9")});
  EXPECT_NE(render_json(plan).find("\"principal\": \"User:caf\xc3\xa9\""), std::string::npos);
}

} // namespace
} // namespace specmesh::apply
