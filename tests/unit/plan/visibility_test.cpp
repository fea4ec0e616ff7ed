#include <specmesh/plan/visibility.hpp>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::plan {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Outcome k_done{.status = Outcome::Status::done};

AclBinding grant(const std::string& principal) {
  return {ResourceType::topic,
          "acme.shop._protected.pay",
          PatternType::literal,
          principal,
          "*",
          AclOperation::read,
          AclPermission::allow};
}

Plan executed_plan() {
  Plan plan;
  plan.domain = "acme.shop";
  plan.topics = {
      {.action = Action::create, .resource = {"acme.shop.a", 3, -1, {{"retention.ms", "100"}}}},
      {.action = Action::remove, .resource = {"acme.shop.old", 1, 1, {}}},
      {.action = Action::unchanged, .resource = {"acme.shop.same", 1, -1, {}}}};
  plan.acls = {{Action::create, grant("User:acme.finance")},
               {Action::remove, grant("User:acme.audit")}};
  plan.subjects = {{.action = Action::create, .resource = {.subject = "acme.shop.a-value"}},
                   {.action = Action::update, .resource = {.subject = "acme.shop.b-value"}}};
  for (TopicChange& change : plan.topics) {
    change.outcome = change.action == Action::unchanged ? Outcome{} : k_done;
  }
  for (AclChange& change : plan.acls) {
    change.outcome = k_done;
  }
  for (SubjectChange& change : plan.subjects) {
    change.outcome = k_done;
  }
  return plan;
}

TEST(AwaitedChanges, AreTheDoneChangesExceptSubjectUpdates) {
  const Unseen awaited = awaited_changes(executed_plan());
  EXPECT_THAT(awaited.topics, ElementsAre(0u, 1u));
  EXPECT_THAT(awaited.acls, ElementsAre(0u, 1u));
  EXPECT_THAT(awaited.subjects, ElementsAre(0u));
}

TEST(UnseenChanges, AKindNotReadStaysUnseenAndOnlyTheAwaitedAreChecked) {
  const Plan plan = executed_plan();
  const Observation topics_only{.topics = {{"acme.shop.a", 3, 1, {{"retention.ms", "100"}}}},
                                .topics_read = true};
  const Unseen unseen = unseen_changes(plan, topics_only, awaited_changes(plan));
  EXPECT_THAT(unseen.topics, IsEmpty());
  EXPECT_THAT(unseen.acls, ElementsAre(0u, 1u));
  EXPECT_THAT(unseen.subjects, ElementsAre(0u));
  // A later read that skips the topics (none are awaited any more) leaves them seen.
  const Observation acls_only{.acls = {grant("User:acme.finance")}, .acls_read = true};
  const Unseen later = unseen_changes(plan, acls_only, unseen);
  EXPECT_THAT(later.topics, IsEmpty());
  EXPECT_THAT(later.acls, IsEmpty());
  EXPECT_THAT(later.subjects, ElementsAre(0u));
}

TEST(UnseenChanges, AChangeIsSeenWhenTheReadShowsItsResult) {
  const Observation seen{.topics = {{"acme.shop.a", 3, 1, {{"retention.ms", "0100"}}}},
                         .acls = {grant("User:acme.finance")},
                         .subjects = {"acme.shop.a-value"},
                         .topics_read = true,
                         .acls_read = true,
                         .subjects_read = true};
  const Plan plan = executed_plan();
  EXPECT_TRUE(unseen_changes(plan, seen, awaited_changes(plan)).empty());
}

TEST(UnseenChanges, LaggingReadsKeepChangesUnseen) {
  const Observation seen{.topics = {{"acme.shop.a", 1, 1, {}}, {"acme.shop.old", 1, 1, {}}},
                         .acls = {grant("User:acme.audit")},
                         .topics_read = true,
                         .acls_read = true,
                         .subjects_read = true};
  const Plan plan = executed_plan();
  const Unseen unseen = unseen_changes(plan, seen, awaited_changes(plan));
  EXPECT_THAT(unseen.topics, ElementsAre(0u, 1u));
  EXPECT_THAT(unseen.acls, ElementsAre(0u, 1u));
  EXPECT_THAT(unseen.subjects, ElementsAre(0u));
  EXPECT_EQ(unseen_reason(plan.topics[0], seen, 2.0),
            "not visible after 2.0 s: the cluster still shows partitions 1 -> 3, config "
            "retention.ms: (not set) -> 100");
  EXPECT_EQ(unseen_reason(plan.topics[1], seen, 2.0),
            "not visible after 2.0 s: the topic is still listed");
  EXPECT_EQ(unseen_reason(plan.acls[0], seen, 2.0),
            fmt::format("not visible after 2.0 s: the last DescribeAcls listed {} bindings, not "
                        "this one; raise --timeout to wait longer",
                        seen.acls.size()));
  EXPECT_EQ(unseen_reason(plan.acls[1], seen, 2.0),
            fmt::format("not visible after 2.0 s: the last DescribeAcls listed {} bindings, this "
                        "one still among them; raise --timeout to wait longer",
                        seen.acls.size()));
  EXPECT_EQ(unseen_reason(plan.subjects[0], seen, 2.0), "not visible after 2.0 s");
}

TEST(UnseenReason, AcceptedButNotConfirmedWhenTheKindCouldNotBeRead) {
  const Plan plan = executed_plan();
  const Observation nothing_read;
  const std::string unconfirmed =
      "accepted, but not confirmed: the cluster could not be read back within 1.5 s";
  EXPECT_EQ(unseen_reason(plan.topics[0], nothing_read, 1.5), unconfirmed);
  EXPECT_EQ(unseen_reason(plan.acls[0], nothing_read, 1.5), unconfirmed);
  EXPECT_EQ(unseen_reason(plan.subjects[0], nothing_read, 1.5), unconfirmed);
}

TEST(AwaitedChanges, FailedAndPendingItemsAreNotAwaited) {
  Plan plan = executed_plan();
  plan.topics[0].outcome.fail({ErrorCode::invalid_input, "bad config", {}});
  plan.topics[1].outcome = {};
  plan.acls.clear();
  plan.subjects.clear();
  EXPECT_THAT(awaited_changes(plan).topics, IsEmpty());
}

} // namespace
} // namespace specmesh::plan
