#include "test_specs.hpp"

#include <specmesh/plan/plan.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace specmesh::plan {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using testing::topic_grant;

const Scope k_scope{"acme.shop", '.'};

std::vector<std::pair<Action, std::string>> topic_actions(const Plan& plan) {
  std::vector<std::pair<Action, std::string>> out;
  for (const TopicChange& change : plan.topics) {
    out.emplace_back(change.action, change.resource.name);
  }
  return out;
}

TEST(DiffTopics, CreatesWhatIsMissing) {
  const DesiredState desired{.scope = k_scope, .topics = {{"acme.shop.a", 3, -1, {}}}};
  const Plan plan = diff(desired, {}, {});
  EXPECT_THAT(topic_actions(plan), ElementsAre(std::pair{Action::create, "acme.shop.a"}));
  EXPECT_TRUE(plan.has_changes());
  EXPECT_FALSE(plan.is_blocked());
}

TEST(DiffTopics, GrowsPartitionsAndUpdatesChangedConfigs) {
  const DesiredState desired{.scope = k_scope,
                             .topics = {{"acme.shop.a", 6, -1, {{"retention.ms", "2000"}}}}};
  const ActualState actual{.topics = {{"acme.shop.a", 3, 1, {{"retention.ms", "1000"}}}}};
  const Plan plan = diff(desired, actual, {});
  ASSERT_EQ(plan.topics.size(), 1u);
  EXPECT_EQ(plan.topics[0].action, Action::update);
  EXPECT_THAT(plan.topics[0].details,
              ElementsAre("partitions 3 -> 6", "config retention.ms: 1000 -> 2000"));
}

TEST(DiffTopics, NeverShrinksPartitionsAndBlocksInstead) {
  const DesiredState desired{.scope = k_scope, .topics = {{"acme.shop.a", 6, -1, {}}}};
  const ActualState actual{.topics = {{"acme.shop.a", 12, 1, {}}}};
  const Plan plan = diff(desired, actual, {});
  EXPECT_EQ(plan.topics[0].action, Action::blocked);
  EXPECT_THAT(plan.topics[0].details, ElementsAre("partitions cannot decrease (live 12, spec 6)"));
  EXPECT_TRUE(plan.is_blocked());
}

TEST(DiffTopics, ComparesWhatConfigValuesMeanNotHowTheyAreWritten) {
  const DesiredState desired{
      .scope = k_scope,
      .topics = {{"acme.shop.a", 1, -1, {{"cleanup.policy", "compact, delete"}, {"x", "0100"}}}}};
  const ActualState actual{
      .topics = {
          {"acme.shop.a",
           1,
           1,
           {{"cleanup.policy", "compact,delete"}, {"x", "100"}, {"retention.ms", "604800000"}}}}};
  const Plan plan = diff(desired, actual, {});
  EXPECT_EQ(plan.topics[0].action, Action::unchanged);
  EXPECT_FALSE(plan.has_changes());
}

TEST(DiffTopics, ReportsReplicationDriftWithoutChangingIt) {
  const DesiredState desired{.scope = k_scope, .topics = {{"acme.shop.a", 1, 3, {}}}};
  const ActualState actual{.topics = {{"acme.shop.a", 1, 1, {}}}};
  const Plan plan = diff(desired, actual, {});
  EXPECT_EQ(plan.topics[0].action, Action::unchanged);
  EXPECT_THAT(plan.topics[0].warnings,
              ElementsAre("replication factor is 1, spec asks 3; specmesh does not reassign "
                          "replicas"));
}

TEST(DiffTopics, CleanUpDeletesOnlyUnspecifiedTopicsInsideTheScope) {
  const DesiredState desired{.scope = k_scope, .topics = {{"acme.shop.a", 1, -1, {}}}};
  const ActualState actual{.topics = {{"acme.shop.a", 1, 1, {}},
                                      {"acme.shop._private.extra", 1, 1, {}},
                                      {"acme.shopping.x", 1, 1, {}},
                                      {"__consumer_offsets", 1, 1, {}},
                                      {"other.topic", 1, 1, {}}}};
  EXPECT_THAT(topic_actions(diff(desired, actual, {})),
              ElementsAre(std::pair{Action::unchanged, "acme.shop.a"}));
  EXPECT_THAT(topic_actions(diff(desired, actual, Policy{.clean_unspecified = true})),
              ElementsAre(std::pair{Action::remove, "acme.shop._private.extra"},
                          std::pair{Action::unchanged, "acme.shop.a"}));
}

TEST(DiffAcls, RemovedGrantRemovesItsAclsButLeavesOthersAlone) {
  const AclBinding kept =
      topic_grant("acme.shop._protected.a", "User:acme.finance", AclOperation::read);
  const AclBinding stale =
      topic_grant("acme.shop._protected.a", "User:acme.audit", AclOperation::read);
  const AclBinding neighbour =
      topic_grant("acme.shopping.x", "User:acme.audit", AclOperation::read);
  const AclBinding granted_to_us =
      topic_grant("acme.warehouse.x", "User:acme.shop", AclOperation::read);
  const DesiredState desired{.scope = k_scope, .acls = {kept}};
  const ActualState actual{.acls = {kept, stale, neighbour, granted_to_us}};
  const Plan plan = diff(desired, actual, {});
  ASSERT_EQ(plan.acls.size(), 2u);
  EXPECT_EQ(plan.acls[0].resource, stale);
  EXPECT_EQ(plan.acls[0].action, Action::remove);
  EXPECT_EQ(plan.acls[1].resource, kept);
  EXPECT_EQ(plan.acls[1].action, Action::unchanged);
}

TEST(DiffAcls, CleanUpRemovesAnyUnspecifiedAclOnTheScopesResources) {
  const AclBinding group{ResourceType::group,
                         "acme.shop.old",
                         PatternType::prefixed,
                         "User:acme.shop",
                         "*",
                         AclOperation::read,
                         AclPermission::allow};
  const AclBinding neighbour{ResourceType::group,
                             "acme.shopping",
                             PatternType::prefixed,
                             "User:acme.shopping",
                             "*",
                             AclOperation::read,
                             AclPermission::allow};
  const ActualState actual{.acls = {group, neighbour}};
  EXPECT_THAT(diff(DesiredState{.scope = k_scope}, actual, {}).acls, IsEmpty());
  const Plan plan = diff(DesiredState{.scope = k_scope}, actual, Policy{.clean_unspecified = true});
  ASSERT_EQ(plan.acls.size(), 1u);
  EXPECT_EQ(plan.acls[0].resource, group);
  EXPECT_EQ(plan.acls[0].action, Action::remove);
}

TEST(DiffAcls, CleanUpKeepsTheAclsOfThePrincipalSpecmeshRunsAs) {
  const AclBinding own{ResourceType::topic,
                       "acme.shop.",
                       PatternType::prefixed,
                       "User:provisioner",
                       "*",
                       AclOperation::alter,
                       AclPermission::allow};
  const ActualState actual{.acls = {own}};
  const Policy clean{.clean_unspecified = true};
  EXPECT_EQ(diff(DesiredState{.scope = k_scope}, actual, clean).acls.size(), 1u);
  Policy keeping = clean;
  keeping.kept_principals = {"User:provisioner"};
  EXPECT_THAT(diff(DesiredState{.scope = k_scope}, actual, keeping).acls, IsEmpty());
}

TEST(DiffAcls, SupersededOwnerAclsAreReplacedWithoutCleanUp) {
  const AclBinding exact{ResourceType::group,
                         "acme.shop.",
                         PatternType::prefixed,
                         "User:acme.shop",
                         "*",
                         AclOperation::read,
                         AclPermission::allow};
  AclBinding original = exact;
  original.resource_name = "acme.shop";
  const DesiredState desired{.scope = k_scope, .acls = {exact}, .superseded_acls = {original}};
  const Plan plan = diff(desired, ActualState{.acls = {original}}, {});
  ASSERT_EQ(plan.acls.size(), 2u);
  EXPECT_EQ(plan.acls[0].action, Action::remove);
  EXPECT_EQ(plan.acls[0].resource, original);
  EXPECT_EQ(plan.acls[1].action, Action::create);
  EXPECT_EQ(plan.acls[1].resource, exact);
  // Once replaced, nothing is left to do.
  EXPECT_FALSE(diff(desired, ActualState{.acls = {exact}}, {}).has_changes());
}

TEST(DiffAcls, DisabledAclsArePlannedNotAtAll) {
  const DesiredState desired{.scope = k_scope,
                             .acls = {topic_grant("acme.shop.a", "User:x", AclOperation::read)}};
  EXPECT_THAT(diff(desired, {}, Policy{.acl_disabled = true}).acls, IsEmpty());
}

Subject subject(const std::string& name, bool owned, bool topic_schema, const std::string& text) {
  Subject out;
  out.subject = name;
  out.owned = owned;
  out.topic_schema = topic_schema;
  out.schema = text;
  return out;
}

TEST(DiffSubjects, CreateUpdateUnchangedAndIgnored) {
  const DesiredState desired{.scope = k_scope,
                             .subjects = {subject("acme.shared.Currency", false, false, "c"),
                                          subject("acme.shop.a-value", true, true, "new"),
                                          subject("acme.shop.b-value", true, true, "same"),
                                          subject("acme.shop.c-value", true, true, "x")}};
  const ActualState actual{.subjects = {subject("acme.shop.a-value", true, true, "old"),
                                        subject("acme.shop.b-value", true, true, "same")}};
  const Plan plan = diff(desired, actual, {});
  std::vector<Action> actions;
  for (const SubjectChange& change : plan.subjects) {
    actions.push_back(change.action);
  }
  EXPECT_THAT(actions,
              ElementsAre(Action::ignored, Action::update, Action::unchanged, Action::create));
}

TEST(DiffSubjects, SchemaFailuresBecomeFailedItems) {
  DesiredState desired{.scope = k_scope};
  desired.schema_failures.push_back(
      {"acme.shop.a-value", "x.avsc", {{"spec.yaml", 3, 4}, "schema file 'x.avsc' is missing"}});
  const Plan plan = diff(desired, {}, {});
  ASSERT_EQ(plan.subjects.size(), 1u);
  EXPECT_EQ(plan.subjects[0].action, Action::failed);
  EXPECT_THAT(plan.subjects[0].details,
              ElementsAre("spec.yaml:3:4: schema file 'x.avsc' is missing"));
  EXPECT_TRUE(plan.has_failures());
}

TEST(DiffSubjects, ACreatedSubjectIsThenGivenThePolicysCompatibilityLevel) {
  const DesiredState desired{.scope = k_scope,
                             .subjects = {subject("acme.shop.a-value", true, true, "x")}};
  const Plan plan = diff(desired, {}, {});
  ASSERT_EQ(plan.subjects.size(), 1u);
  EXPECT_EQ(plan.subjects[0].action, Action::create);
  EXPECT_EQ(plan.subjects[0].resource.compatibility, "FULL_TRANSITIVE");
  EXPECT_THAT(plan.subjects[0].details,
              ElementsAre("then set compatibility level FULL_TRANSITIVE"));

  const Plan backward = diff(desired, {}, Policy{.new_subject_compatibility = "BACKWARD"});
  EXPECT_EQ(backward.subjects[0].resource.compatibility, "BACKWARD");
  EXPECT_THAT(backward.subjects[0].details, ElementsAre("then set compatibility level BACKWARD"));
}

TEST(DiffSubjects, AnEmptyPolicyLevelLeavesANewSubjectsLevelAlone) {
  const DesiredState desired{.scope = k_scope,
                             .subjects = {subject("acme.shop.a-value", true, true, "x")}};
  const Plan plan = diff(desired, {}, Policy{.new_subject_compatibility = ""});
  ASSERT_EQ(plan.subjects.size(), 1u);
  EXPECT_EQ(plan.subjects[0].action, Action::create);
  EXPECT_EQ(plan.subjects[0].resource.compatibility, "");
  EXPECT_THAT(plan.subjects[0].details, IsEmpty());
}

TEST(DiffSubjects, ExistingSubjectsKeepTheirCompatibilityLevel) {
  const DesiredState desired{.scope = k_scope,
                             .subjects = {subject("acme.shop.a-value", true, true, "new"),
                                          subject("acme.shop.b-value", true, true, "same")}};
  const ActualState actual{.subjects = {subject("acme.shop.a-value", true, true, "old"),
                                        subject("acme.shop.b-value", true, true, "same")}};
  const Plan plan = diff(desired, actual, {});
  ASSERT_EQ(plan.subjects.size(), 2u);
  for (const SubjectChange& change : plan.subjects) {
    EXPECT_NE(change.action, Action::create) << change.resource.subject;
    EXPECT_EQ(change.resource.compatibility, "") << change.resource.subject;
    EXPECT_THAT(change.details, IsEmpty()) << change.resource.subject;
  }
}

TEST(ConfigToSet, ListsTheDesiredValuesTheLiveTopicLacks) {
  const Topic desired{
      "acme.shop.a", 1, -1, {{"retention.ms", "2000"}, {"cleanup.policy", "compact"}, {"x", "1"}}};
  const Topic live{"acme.shop.a", 1, 1, {{"retention.ms", "1000"}, {"x", "1"}, {"y", "2"}}};
  EXPECT_THAT(config_to_set(desired, live),
              ElementsAre(Pair("cleanup.policy", "compact"), Pair("retention.ms", "2000")));
}

TEST(ConfigToSet, ComparesWhatValuesMean) {
  const Topic desired{
      "acme.shop.a", 1, -1, {{"cleanup.policy", " compact , delete "}, {"retention.ms", "0100"}}};
  const Topic live{
      "acme.shop.a", 1, 1, {{"cleanup.policy", "compact,delete"}, {"retention.ms", "100"}}};
  EXPECT_THAT(config_to_set(desired, live), IsEmpty());
  const Topic other{
      "acme.shop.a", 1, 1, {{"cleanup.policy", "delete,compact"}, {"retention.ms", "10"}}};
  EXPECT_THAT(
      config_to_set(desired, other),
      ElementsAre(Pair("cleanup.policy", " compact , delete "), Pair("retention.ms", "0100")));
}

/// Which kind a change list holds, to see the order for_each_kind visits them in.
template <typename Changes> std::string kind_of(const Changes& /*changes*/) {
  using Resource = decltype(Changes::value_type::resource);
  if constexpr (std::is_same_v<Resource, Topic>) {
    return "topics";
  } else if constexpr (std::is_same_v<Resource, AclBinding>) {
    return "acls";
  } else if constexpr (std::is_same_v<Resource, Subject>) {
    return "subjects";
  } else {
    return "storage";
  }
}

Plan one_of_each() {
  Plan plan{.domain = "acme.shop"};
  plan.topics.push_back({.action = Action::create, .resource = {"acme.shop.a", 1, -1, {}}});
  plan.acls.push_back({.action = Action::create,
                       .resource = topic_grant("acme.shop.a", "User:x", AclOperation::read)});
  plan.acls.push_back({.action = Action::create,
                       .resource = topic_grant("acme.shop.a", "User:y", AclOperation::read)});
  plan.subjects.push_back(
      {.action = Action::create, .resource = subject("acme.shop.a-value", true, true, "x")});
  plan.storage.push_back(
      {.action = Action::create, .resource = {.kind = StorageKind::bucket, .bucket = "acme.shop"}});
  return plan;
}

TEST(ForEachKind, VisitsTopicsThenAclsThenSubjectsThenStorage) {
  const Plan plan = one_of_each();
  std::vector<std::pair<std::string, std::size_t>> visited;
  for_each_kind(
      [&visited](const auto& changes) { visited.emplace_back(kind_of(changes), changes.size()); },
      plan);
  EXPECT_THAT(
      visited,
      ElementsAre(Pair("topics", 1u), Pair("acls", 2u), Pair("subjects", 1u), Pair("storage", 1u)));
}

TEST(ForEachKind, VisitsTheSameKindOfTwoPlansTogether) {
  Plan target;
  const Plan source = one_of_each();
  std::vector<std::string> visited;
  for_each_kind(
      [&visited](auto& into, const auto& from) {
        visited.push_back(kind_of(into) + "<-" + kind_of(from));
        into = from;
      },
      target,
      source);
  EXPECT_THAT(
      visited,
      ElementsAre("topics<-topics", "acls<-acls", "subjects<-subjects", "storage<-storage"));
  EXPECT_EQ(target.topics, source.topics);
  EXPECT_EQ(target.acls, source.acls);
  EXPECT_EQ(target.subjects, source.subjects);
  EXPECT_EQ(target.storage, source.storage);
}

TEST(ItemName, NamesTheKindAndTheResource) {
  const Plan plan = one_of_each();
  EXPECT_EQ(item_name(plan.topics[0]), "topic acme.shop.a");
  EXPECT_EQ(item_name(plan.acls[0]), "acl " + plan.acls[0].resource.name());
  EXPECT_EQ(item_name(plan.subjects[0]), "subject acme.shop.a-value");
  EXPECT_EQ(item_name(plan.storage[0]), "bucket acme.shop");
}

TEST(FailedItems, NoneWhenNothingIsBlockedOrFailed) {
  Plan plan = one_of_each();
  plan.topics[0].outcome.succeed();
  EXPECT_THAT(failed_items(plan), IsEmpty());
}

TEST(FailedItems, OneLinePerBlockedOrFailedItemOfAnyKind) {
  Plan plan = one_of_each();
  plan.topics[0].action = Action::blocked;
  plan.topics[0].details = {"partitions cannot decrease (live 12, spec 6)", "second reason"};
  plan.acls[1].outcome.fail(Error{ErrorCode::unauthorized, "not authorised", {}});
  plan.acls[1].outcome.fail(Error{ErrorCode::timeout, "timed out", {}});
  plan.subjects[0].action = Action::failed;
  plan.subjects[0].details = {"spec.yaml:3:4: schema file 'x.avsc' is missing"};
  EXPECT_THAT(
      failed_items(plan),
      ElementsAre("BLOCKED topic acme.shop.a: partitions cannot decrease (live 12, spec "
                  "6); second reason",
                  "FAILED acl " + plan.acls[1].resource.name() + ": not authorised; timed out",
                  "FAILED subject acme.shop.a-value: spec.yaml:3:4: schema file 'x.avsc' "
                  "is missing"));
}

TEST(FailedItems, PrefersTheExecutionsErrorsToThePlannersDetails) {
  Plan plan = one_of_each();
  plan.topics[0].details = {"partitions 3 -> 6"};
  plan.topics[0].outcome.fail(Error{ErrorCode::unavailable, "broker down", {}});
  EXPECT_THAT(failed_items(plan), ElementsAre("FAILED topic acme.shop.a: broker down"));
}

TEST(UndoCreated, RemovesOnlyWhatWasCreated) {
  Plan executed = one_of_each();
  executed.topics.push_back({.action = Action::update, .resource = {"acme.shop.b", 6, -1, {}}});
  executed.topics.push_back({.action = Action::create, .resource = {"acme.shop.c", 1, -1, {}}});
  executed.subjects.push_back(
      {.action = Action::unchanged, .resource = subject("acme.shop.b-value", true, true, "y")});
  for_each_kind(
      [](auto& changes) {
        for (auto& change : changes) {
          change.outcome.succeed();
        }
      },
      executed);
  executed.topics[2].outcome.fail(Error{ErrorCode::conflict, "exists", {}}); // created nothing
  executed.acls[1].outcome = {};                                             // never ran

  const Plan undo = undo_created(executed);
  EXPECT_EQ(undo.domain, "acme.shop");
  ASSERT_EQ(undo.topics.size(), 1u);
  EXPECT_EQ(undo.topics[0].action, Action::remove);
  EXPECT_EQ(undo.topics[0].resource, executed.topics[0].resource);
  ASSERT_EQ(undo.acls.size(), 1u);
  EXPECT_EQ(undo.acls[0].action, Action::remove);
  EXPECT_EQ(undo.acls[0].resource, executed.acls[0].resource);
  ASSERT_EQ(undo.subjects.size(), 1u);
  EXPECT_EQ(undo.subjects[0].action, Action::remove);
  EXPECT_EQ(undo.subjects[0].resource, executed.subjects[0].resource);
  for_each_kind(
      [](const auto& changes) {
        for (const auto& change : changes) {
          EXPECT_EQ(change.outcome, Outcome{});
        }
      },
      undo);
}

TEST(UndoCreated, AnUnexecutedPlanUndoesNothing) {
  EXPECT_FALSE(undo_created(one_of_each()).has_changes());
}

} // namespace
} // namespace specmesh::plan
