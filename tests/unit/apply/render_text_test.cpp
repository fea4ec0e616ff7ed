#include <specmesh/apply/render.hpp>

#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::Action;

plan::AclBinding read_grant(const std::string& topic) {
  return {.resource_type = plan::ResourceType::topic,
          .resource_name = topic,
          .principal = "User:acme.finance"};
}

plan::SubjectChange subject_change(Action action, const std::string& name) {
  plan::SubjectChange change{.action = action};
  change.resource.subject = name;
  change.resource.path = name + ".avsc";
  return change;
}

/// Two changed topics (one with a detail and a warning), one unchanged topic, one unchanged ACL.
plan::Plan small_plan() {
  plan::Plan plan{.domain = "acme.shop"};
  plan.topics.push_back({.action = Action::create, .resource = {"acme.shop.a", 3, -1, {}}});
  plan.topics.push_back({.action = Action::update,
                         .resource = {"acme.shop.bb", 6, 2, {{"retention.ms", "1000"}}},
                         .details = {"partitions 3 -> 6"},
                         .warnings = {"replication 1, spec wants 2"}});
  plan.topics.push_back({.action = Action::unchanged, .resource = {"acme.shop.c", 1, -1, {}}});
  plan.acls.push_back({.action = Action::unchanged, .resource = read_grant("acme.shop.a")});
  return plan;
}

TEST(RenderText, ListsChangedItemsInAlignedColumnsAndCountsTheUnchanged) {
  EXPECT_EQ(render_text(small_plan()),
            "Plan for domain 'acme.shop'\n"
            "\n"
            "Topics (3 in spec scope, 1 unchanged)\n"
            "  STATE   TOPIC         PARTITIONS  REPLICATION  CONFIG\n"
            "  CREATE  acme.shop.a   3           default      -\n"
            "  UPDATE  acme.shop.bb  6           2            retention.ms=1000\n"
            "            partitions 3 -> 6\n"
            "            replication 1, spec wants 2\n"
            "\n"
            "ACLs (1 in spec scope, 1 unchanged)\n"
            "\n"
            "Schemas (0 in spec scope)\n"
            "\n"
            "Summary: 1 to create, 1 to update, 0 to delete, 2 unchanged\n");
}

TEST(RenderText, ANoteDoesNotWidenItsColumns) {
  plan::Plan plan{.domain = "d"};
  plan.topics.push_back({.action = Action::create,
                         .resource = {"d.a", 1, -1, {}},
                         .details = {"a detail far longer than any of the columns above it"}});
  const std::string text = render_text(plan);
  EXPECT_NE(text.find("  STATE   TOPIC  PARTITIONS  REPLICATION  CONFIG\n"
                      "  CREATE  d.a    1           default      -\n"
                      "            a detail far longer than any of the columns above it\n"),
            std::string::npos)
      << text;
}

TEST(RenderText, AnExecutedPlanEndsWithTheResultAndShowsEachItemsErrors) {
  plan::Plan plan = small_plan();
  plan.topics[0].outcome.succeed();
  plan.topics[1].outcome.fail({ErrorCode::invalid_input, "partitions refused", {}});
  plan.topics[1].outcome.fail({ErrorCode::invalid_input, "config refused", {}});
  const std::string text = render_text(plan);

  EXPECT_NE(text.find("  CREATED  acme.shop.a   3           default      -\n"
                      "  FAILED   acme.shop.bb  6           2            retention.ms=1000\n"
                      "             partitions 3 -> 6\n"
                      "             replication 1, spec wants 2\n"
                      "             error: partitions refused; config refused\n"),
            std::string::npos)
      << text;
  EXPECT_TRUE(text.ends_with("Result: 1 created, 0 updated, 0 deleted, 2 unchanged, 1 FAILED\n"))
      << text;
  EXPECT_EQ(text.find("Summary:"), std::string::npos);
}

TEST(RenderText, UnchangedItemsAreCountedButNotListed) {
  const std::string text = render_text(small_plan());
  EXPECT_EQ(text.find("acme.shop.c"), std::string::npos);
  EXPECT_EQ(text.find("User:acme.finance"), std::string::npos);
  EXPECT_EQ(text.find("UNCHANGED"), std::string::npos);
}

TEST(RenderText, SummaryAppendsIgnoredBlockedAndFailedOnlyWhenThereAreAny) {
  plan::Plan plan{.domain = "acme.shop"};
  plan.acls.push_back({.action = Action::remove, .resource = read_grant("acme.shop.a")});
  plan.subjects.push_back(subject_change(Action::ignored, "acme.other.x-value"));
  plan.subjects.push_back(subject_change(Action::blocked, "acme.shop.a-value"));
  plan.subjects.push_back(subject_change(Action::blocked, "acme.shop.b-value"));
  const std::string text = render_text(plan);

  EXPECT_TRUE(
      text.ends_with("Summary: 0 to create, 0 to update, 1 to delete, 0 unchanged, 1 IGNORED, "
                     "2 BLOCKED\n"))
      << text;
  EXPECT_NE(text.find("Schemas (3 in spec scope)\n"
                      "  STATE    SUBJECT             TYPE  FILE\n"
                      "  IGNORED  acme.other.x-value  AVRO  acme.other.x-value.avsc\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ACLs (1 in spec scope)\n"
                      "  STATE   RESOURCE  NAME         PATTERN  PRINCIPAL          OPERATION\n"
                      "  DELETE  TOPIC     acme.shop.a  LITERAL  User:acme.finance  READ\n"),
            std::string::npos)
      << text;
}

TEST(Render, ChoosesTheRendererByFormat) {
  const plan::Plan plan = small_plan();
  EXPECT_EQ(render(plan, OutputFormat::text), render_text(plan));
  EXPECT_EQ(render(plan, OutputFormat::json), render_json(plan));
}

} // namespace
} // namespace specmesh::apply
