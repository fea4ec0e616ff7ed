#include <specmesh/apply/execute.hpp>
#include <specmesh/apply/render.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::AclBinding;
using plan::AclOperation;
using plan::Action;
using plan::Outcome;
using ::testing::ElementsAre;

const plan::Scope k_scope{"acme.shop", '.'};

AclBinding read_grant(const std::string& topic, const std::string& principal) {
  return {plan::ResourceType::topic,
          topic,
          plan::PatternType::literal,
          principal,
          "*",
          AclOperation::read,
          plan::AclPermission::allow};
}

plan::DesiredState desired_shop() {
  return {.scope = k_scope,
          .topics = {{"acme.shop._protected.pay", 2, -1, {{"retention.ms", "1000"}}},
                     {"acme.shop._public.orders", 3, -1, {}}},
          .acls = {read_grant("acme.shop._protected.pay", "User:acme.finance")}};
}

plan::Plan plan_against(testing::FakeKafkaAdmin& kafka, const plan::DesiredState& desired) {
  const Result<plan::ActualState> actual = observe(kafka, desired.scope, {});
  EXPECT_TRUE(actual.has_value());
  return plan::diff(desired, actual ? *actual : plan::ActualState{}, {});
}

TEST(Execute, ProvisionsAnEmptyClusterThenHasNothingLeftToDo) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = plan_against(kafka, desired_shop());
  execute(plan, kafka, nullptr);

  EXPECT_FALSE(plan.has_failures());
  EXPECT_EQ(plan::state_word(plan.topics[0].action, plan.topics[0].outcome), "CREATED");
  EXPECT_EQ(plan::state_word(plan.acls[0].action, plan.acls[0].outcome), "CREATED");
  EXPECT_EQ(kafka.topics.at("acme.shop._public.orders").topic.partitions, 3);
  EXPECT_EQ(kafka.topics.at("acme.shop._protected.pay").overrides.at("retention.ms"), "1000");
  EXPECT_EQ(kafka.acls.size(), 1u);
  EXPECT_FALSE(plan_against(kafka, desired_shop()).has_changes());
}

TEST(Execute, GrowsPartitionsSetsOnlyChangedConfigsAndAddsAclsBeforeRemovingThem) {
  testing::FakeKafkaAdmin kafka;
  kafka.add_topic({"acme.shop._protected.pay", 1, 1, {{"retention.ms", "5"}, {"x", "y"}}});
  kafka.add_topic({"acme.shop._public.orders", 3, 1, {}});
  kafka.acls.insert(read_grant("acme.shop._protected.pay", "User:acme.audit"));
  kafka.calls.clear();

  plan::Plan plan = plan_against(kafka, desired_shop());
  kafka.calls.clear();
  execute(plan, kafka, nullptr);

  EXPECT_THAT(kafka.calls,
              ElementsAre("create_partitions acme.shop._protected.pay",
                          "set_topic_configs acme.shop._protected.pay",
                          "create_acls TOPIC:acme.shop._protected.pay:READ",
                          "delete_acls TOPIC:acme.shop._protected.pay:READ"));
  const auto& pay = kafka.topics.at("acme.shop._protected.pay");
  EXPECT_EQ(pay.topic.partitions, 2);
  EXPECT_EQ(pay.overrides.at("retention.ms"), "1000");
  EXPECT_EQ(pay.overrides.at("x"), "y");
  EXPECT_THAT(kafka.acls, ElementsAre(read_grant("acme.shop._protected.pay", "User:acme.finance")));
}

TEST(Execute, OneFailureDoesNotHideOrStopTheOthers) {
  testing::FakeKafkaAdmin kafka;
  kafka.failures["acme.shop._protected.pay"] =
      Error{ErrorCode::invalid_input, "topic 'acme.shop._protected.pay': bad config", {}};
  plan::Plan plan = plan_against(kafka, desired_shop());
  execute(plan, kafka, nullptr);

  EXPECT_TRUE(plan.has_failures());
  EXPECT_EQ(plan.topics[0].outcome,
            (Outcome{.status = Outcome::Status::failed,
                     .errors = {{ErrorCode::invalid_input,
                                 "topic 'acme.shop._protected.pay': bad config",
                                 {}}}}));
  EXPECT_EQ(plan.topics[1].outcome.status, Outcome::Status::done);
  EXPECT_EQ(plan.acls[0].outcome.status, Outcome::Status::done);
  EXPECT_NE(
      render_json(plan).find(R"("exception": "topic 'acme.shop._protected.pay': bad config")"),
      std::string::npos);
}

TEST(Execute, ATopicCreatedMeanwhileIsComparedNotFailed) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = plan_against(kafka, desired_shop());
  // Another run creates both topics between our read and our write: one exactly as the spec
  // says, one with fewer partitions.
  kafka.add_topic({"acme.shop._protected.pay", 2, 1, {{"retention.ms", "1000"}}});
  kafka.add_topic({"acme.shop._public.orders", 1, 1, {}});
  execute(plan, kafka, nullptr);

  EXPECT_FALSE(plan.has_failures()) << render_text(plan);
  EXPECT_EQ(plan::state_word(plan.topics[0].action, plan.topics[0].outcome), "UNCHANGED");
  EXPECT_EQ(plan::state_word(plan.topics[1].action, plan.topics[1].outcome), "UPDATED");
  EXPECT_THAT(plan.topics[1].details, ElementsAre("partitions 1 -> 3"));
  EXPECT_EQ(kafka.topics.at("acme.shop._public.orders").topic.partitions, 3);
  EXPECT_FALSE(plan_against(kafka, desired_shop()).has_changes());
}

TEST(Execute, ATopicCreatedMeanwhileIsReadAgainUntilTheMetadataShowsIt) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = plan_against(kafka, desired_shop());
  kafka.freeze_reads(2); // the broker's metadata lags the controller twice
  kafka.add_topic({"acme.shop._public.orders", 3, 1, {}});
  kafka.calls.clear();
  execute(plan, kafka, nullptr);

  EXPECT_FALSE(plan.has_failures()) << render_text(plan);
  EXPECT_EQ(plan::state_word(plan.topics[1].action, plan.topics[1].outcome), "UNCHANGED");
  EXPECT_EQ(std::count(kafka.calls.begin(), kafka.calls.end(), "describe_topics acme.shop"), 3);
}

TEST(Execute, ATopicCreatedMeanwhileWithMorePartitionsFailsWithTheReason) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = plan_against(kafka, desired_shop());
  kafka.add_topic({"acme.shop._public.orders", 6, 1, {}});
  execute(plan, kafka, nullptr);

  EXPECT_EQ(plan.topics[1].outcome.status, Outcome::Status::failed);
  EXPECT_EQ(plan.topics[1].outcome.message(), "partitions cannot decrease (live 6, spec 3)");
  EXPECT_EQ(plan.topics[0].outcome.status, Outcome::Status::done);
}

TEST(Execute, DeletingWhatIsAlreadyGoneIsDone) {
  testing::FakeKafkaAdmin kafka;
  kafka.add_topic({"acme.shop._private.old", 1, 1, {}});
  const AclBinding stale = read_grant("acme.shop._protected.pay", "User:acme.audit");
  kafka.acls.insert(stale);
  plan::Plan plan = plan::diff(
      desired_shop(), *observe(kafka, k_scope, {}), plan::Policy{.clean_unspecified = true});
  // A concurrent run deletes them first.
  kafka.topics.erase("acme.shop._private.old");
  kafka.acls.erase(stale);
  execute(plan, kafka, nullptr);

  EXPECT_FALSE(plan.has_failures()) << render_text(plan);
  EXPECT_NE(render_text(plan).find("DELETED"), std::string::npos);
}

TEST(Validate, MarksOnlyTheTopicsTheBrokerRejectsAndWritesNothing) {
  testing::FakeKafkaAdmin kafka;
  kafka.failures["acme.shop._public.orders"] =
      Error{ErrorCode::invalid_input, "topic 'acme.shop._public.orders': invalid config", {}};
  plan::Plan plan = plan_against(kafka, desired_shop());
  validate(plan, kafka);

  EXPECT_TRUE(kafka.topics.empty());
  EXPECT_EQ(plan.topics[0].outcome.status, Outcome::Status::pending);
  EXPECT_EQ(plan::state_word(plan.topics[0].action, plan.topics[0].outcome), "CREATE");
  EXPECT_EQ(plan.topics[1].outcome.status, Outcome::Status::failed);
  EXPECT_TRUE(plan.has_failures());
}

TEST(Observe, KeepsOnlyTheScopesAclsAndTopics) {
  testing::FakeKafkaAdmin kafka;
  kafka.add_topic({"acme.shop.a", 1, 1, {}});
  kafka.add_topic({"acme.shopping.b", 1, 1, {}});
  kafka.acls.insert(read_grant("acme.shop.a", "User:x"));
  kafka.acls.insert(read_grant("acme.shopping.b", "User:x"));
  const Result<plan::ActualState> actual = observe(kafka, k_scope, {});
  ASSERT_TRUE(actual.has_value());
  EXPECT_THAT(actual->acls, ElementsAre(read_grant("acme.shop.a", "User:x")));
  // describe_topics is a plain prefix read; diff narrows it to the exact scope.
  EXPECT_EQ(actual->topics.size(), 2u);
  const plan::Plan plan = plan::diff(
      plan::DesiredState{.scope = k_scope}, *actual, plan::Policy{.clean_unspecified = true});
  ASSERT_EQ(plan.topics.size(), 1u);
  EXPECT_EQ(plan.topics[0].resource.name, "acme.shop.a");
}

TEST(Observe, SkipsAclsWhenDisabledAndReportsAMissingAuthorizer) {
  testing::FakeKafkaAdmin kafka;
  kafka.authorizer = false;
  EXPECT_TRUE(observe(kafka, k_scope, plan::Policy{.acl_disabled = true}).has_value());
  const Result<plan::ActualState> actual = observe(kafka, k_scope, {});
  ASSERT_FALSE(actual.has_value());
  EXPECT_EQ(actual.error().code, ErrorCode::unavailable);
}

} // namespace
} // namespace specmesh::apply
