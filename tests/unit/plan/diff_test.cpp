#include <specmesh/plan/plan.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::plan {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Scope k_scope{"acme.shop", '.'};

AclBinding grant(const std::string& topic, const std::string& principal, AclOperation operation) {
  return {ResourceType::topic,
          topic,
          PatternType::literal,
          principal,
          "*",
          operation,
          AclPermission::allow};
}

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
  const AclBinding kept = grant("acme.shop._protected.a", "User:acme.finance", AclOperation::read);
  const AclBinding stale = grant("acme.shop._protected.a", "User:acme.audit", AclOperation::read);
  const AclBinding neighbour = grant("acme.shopping.x", "User:acme.audit", AclOperation::read);
  const AclBinding granted_to_us = grant("acme.warehouse.x", "User:acme.shop", AclOperation::read);
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
                             .acls = {grant("acme.shop.a", "User:x", AclOperation::read)}};
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

} // namespace
} // namespace specmesh::plan
