#include <specmesh/apply/execute.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>
#include <specmesh/testing/fake_schema_registry.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using namespace std::chrono_literals;
using plan::Outcome;
using ::testing::HasSubstr;

const plan::Scope k_scope{"acme.shop", '.'};

plan::DesiredState desired_shop() {
  return {.scope = k_scope,
          .topics = {{"acme.shop._public.orders", 3, -1, {{"retention.ms", "1000"}}}},
          .acls = {{plan::ResourceType::topic,
                    "acme.shop._public.orders",
                    plan::PatternType::literal,
                    "User:acme.finance",
                    "*",
                    plan::AclOperation::read,
                    plan::AclPermission::allow}}};
}

/// Plans and executes the shop on `kafka`, whose next `stale_reads` reads after planning show
/// the cluster as it was before.
plan::Plan executed(testing::FakeKafkaAdmin& kafka, int stale_reads = 0) {
  const plan::DesiredState desired = desired_shop();
  plan::Plan plan = plan::diff(desired, *observe(kafka, desired.scope, {}), {});
  kafka.freeze_reads(stale_reads);
  execute(plan, kafka, nullptr);
  return plan;
}

TEST(AwaitVisible, ReadsAgainUntilALaggingClusterShowsTheChanges) {
  testing::FakeKafkaAdmin kafka;
  // Topics and ACLs are read once a round: three stale rounds, then the changes show.
  plan::Plan plan = executed(kafka, 3 * 2);
  kafka.calls.clear();
  await_visible(plan, kafka, nullptr, 10s);

  EXPECT_FALSE(plan.has_failures());
  EXPECT_EQ(std::count(kafka.calls.begin(), kafka.calls.end(), "describe_acls"), 4);
}

TEST(AwaitVisible, WhatIsStillNotVisibleWhenTheTimeIsUpFailsWithTheReason) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = executed(kafka, 1'000'000);
  await_visible(plan, kafka, nullptr, 100ms);

  ASSERT_EQ(plan.topics[0].outcome.status, Outcome::Status::failed);
  EXPECT_THAT(plan.topics[0].outcome.message(), HasSubstr("not visible after"));
  EXPECT_THAT(plan.topics[0].outcome.message(), HasSubstr("not in the metadata yet"));
  ASSERT_EQ(plan.acls[0].outcome.status, Outcome::Status::failed);
  EXPECT_THAT(plan.acls[0].outcome.message(), HasSubstr("not visible after"));
}

/// What await_visible told its progress port.
struct RecordedProgress final : Progress {
  std::vector<std::string> said;
  int dones = 0;
  void waiting(std::string what) override { said.push_back(std::move(what)); }
  void done() override { ++dones; }
};

TEST(AwaitVisible, ReadsNothingWhenNothingWasDone) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = executed(kafka);
  plan = plan::diff(desired_shop(), *observe(kafka, k_scope, {}), {});
  kafka.calls.clear();
  RecordedProgress progress;
  await_visible(plan, kafka, nullptr, 10s, &progress);
  EXPECT_TRUE(kafka.calls.empty());
  EXPECT_TRUE(progress.said.empty());
  EXPECT_EQ(progress.dones, 0);
}

TEST(AwaitVisible, TellsTheProgressHowManyChangesAreAwaitedUntilAllShow) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = executed(kafka, 2); // one stale round
  RecordedProgress progress;
  await_visible(plan, kafka, nullptr, 10s, &progress);
  ASSERT_FALSE(plan.has_failures());
  // Before the first read, and after the stale round; nothing once all show.
  EXPECT_EQ(progress.said,
            (std::vector<std::string>{"waiting for 2 changes to become visible",
                                      "waiting for 2 changes to become visible"}));
  EXPECT_EQ(progress.dones, 1);
}

TEST(AwaitVisible, OneChangeIsSingular) {
  testing::FakeKafkaAdmin kafka;
  plan::Plan plan = executed(kafka, 1'000'000);
  plan.acls.clear();
  RecordedProgress progress;
  await_visible(plan, kafka, nullptr, 50ms, &progress);
  ASSERT_FALSE(progress.said.empty());
  EXPECT_EQ(progress.said.front(), "waiting for 1 change to become visible");
  EXPECT_EQ(progress.dones, 1);
}

TEST(AwaitVisible, WaitsForNewSubjectsInTheRegistry) {
  testing::FakeKafkaAdmin kafka;
  testing::FakeSchemaRegistry registry;
  plan::Plan plan;
  plan.domain = "acme.shop";
  plan.subjects.push_back({.action = plan::Action::create,
                           .resource = plan::Subject{.subject = "acme.shop._public.orders-value"},
                           .outcome = Outcome{.status = Outcome::Status::done}});
  plan.subjects.push_back(plan.subjects[0]);
  plan.subjects[1].resource.subject = "acme.shop._public.orders-key";
  registry.add("acme.shop._public.orders-key", plan::Subject{.schema = "\"string\""});
  await_visible(plan, kafka, &registry, 50ms);
  EXPECT_EQ(plan.subjects[1].outcome.status, Outcome::Status::done);
  // The fake registry does not hold the first one: never written, so never visible.
  ASSERT_EQ(plan.subjects[0].outcome.status, Outcome::Status::failed);
  EXPECT_THAT(plan.subjects[0].outcome.message(), HasSubstr("not visible after"));
}

} // namespace
} // namespace specmesh::apply
