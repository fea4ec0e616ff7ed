#include <specmesh/apply/execute.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>
#include <specmesh/testing/fake_schema_registry.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::Action;
using plan::Subject;
using ::testing::ElementsAre;

const plan::Scope k_scope{"acme.shop", '.'};

Subject subject(const std::string& name,
                const std::string& text,
                bool owned = true,
                bool topic_schema = true,
                std::vector<plan::SchemaReference> references = {}) {
  Subject out;
  out.subject = name;
  out.schema = text;
  out.owned = owned;
  out.topic_schema = topic_schema;
  out.references = std::move(references);
  out.avro_kind = "record";
  out.full_name = name;
  return out;
}

const Subject k_item = subject("acme.shop.Item", R"({"type":"record","name":"Item"})", true, false);
const Subject k_orders = subject("acme.shop.orders-value",
                                 R"({"type":"record","name":"Order"})",
                                 true,
                                 true,
                                 {{"acme.shop.Item", "acme.shop.Item", -1}});

struct Cluster {
  testing::FakeKafkaAdmin kafka;
  testing::FakeSchemaRegistry registry;

  plan::Plan plan(const plan::DesiredState& desired, const plan::Policy& policy = {}) {
    Result<plan::ActualState> actual = observe(kafka, desired.scope, policy);
    EXPECT_TRUE(actual.has_value());
    EXPECT_TRUE(observe_registry(registry, desired, *actual).has_value());
    return plan::diff(desired, *actual, policy);
  }
};

std::vector<std::string> states(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::SubjectChange& change : plan.subjects) {
    out.push_back(change.resource.subject + " " + state_word(change.action, change.outcome));
  }
  return out;
}

TEST(Schemas, RegistersLeafFirstSetsNewSubjectsToFullTransitiveThenHasNothingToDo) {
  Cluster run;
  const plan::DesiredState desired{.scope = k_scope, .subjects = {k_item, k_orders}};
  plan::Plan plan = run.plan(desired);
  execute(plan, run.kafka, &run.registry);

  EXPECT_THAT(states(plan),
              ElementsAre("acme.shop.Item CREATED", "acme.shop.orders-value CREATED"));
  EXPECT_EQ(run.registry.levels.at("acme.shop.orders-value"), "FULL_TRANSITIVE");
  EXPECT_THAT(states(run.plan(desired)),
              ElementsAre("acme.shop.Item UNCHANGED", "acme.shop.orders-value UNCHANGED"));
}

TEST(Schemas, AReferencedSubjectIsWrittenBeforeItsUsersWhateverThePlanOrder) {
  // The registry writes a round of independent subjects at once; a user of a subject written
  // in the same run must wait for it, even when the plan lists it first (an update that
  // starts referencing a new type).
  Cluster run;
  run.registry.add("acme.shop.orders-value",
                   subject("acme.shop.orders-value", R"({"type":"record","name":"Old"})"));
  plan::Plan plan = run.plan({.scope = k_scope, .subjects = {k_item, k_orders}});
  std::swap(plan.subjects[0], plan.subjects[1]);
  ASSERT_EQ(plan.subjects[0].resource.subject, "acme.shop.orders-value");
  ASSERT_EQ(plan.subjects[0].action, Action::update);
  run.registry.calls.clear();
  execute(plan, run.kafka, &run.registry);

  EXPECT_THAT(run.registry.calls,
              ElementsAre("register acme.shop.Item",
                          "set_compatibility_level acme.shop.Item FULL_TRANSITIVE",
                          "check_compatibility acme.shop.orders-value",
                          "register acme.shop.orders-value"));
}

TEST(Schemas, FormattingIsNotAChange) {
  Cluster run;
  run.registry.add("acme.shop.Item",
                   subject("acme.shop.Item", R"({ "name": "Item", "type": "record" })"));
  const plan::DesiredState desired{.scope = k_scope, .subjects = {k_item}};
  EXPECT_THAT(states(run.plan(desired)), ElementsAre("acme.shop.Item UNCHANGED"));
}

TEST(Schemas, WhatTheRegistryAlreadyHoldsUnderTheSubjectIsNotAChange) {
  Cluster run;
  run.registry.add("acme.shop.orders-value", k_orders);
  run.registry.add("acme.shop.orders-value", subject("acme.shop.orders-value", R"({"v":2})"));
  const plan::DesiredState desired{.scope = k_scope, .subjects = {k_orders}};
  EXPECT_THAT(states(run.plan(desired)), ElementsAre("acme.shop.orders-value UNCHANGED"));
}

TEST(Schemas, IncompatibleUpdateIsBlockedInTheDryRunAndFailsAloneInARealRun) {
  Cluster run;
  run.registry.add("acme.shop.Item", k_item);
  run.registry.add("acme.shop.orders-value", subject("acme.shop.orders-value", R"({"old":1})"));
  run.registry.incompatible["acme.shop.orders-value"] = {"READER_FIELD_MISSING_DEFAULT_VALUE"};
  const Subject changed_item = subject("acme.shop.Item", R"({"new":1})", true, false);
  const plan::DesiredState desired{.scope = k_scope, .subjects = {changed_item, k_orders}};

  plan::Plan dry = run.plan(desired);
  check_compatibility(dry, run.registry);
  EXPECT_THAT(states(dry), ElementsAre("acme.shop.Item UPDATE", "acme.shop.orders-value BLOCKED"));
  EXPECT_THAT(dry.subjects[1].details,
              ElementsAre(::testing::HasSubstr("READER_FIELD_MISSING_DEFAULT_VALUE")));
  EXPECT_TRUE(dry.is_blocked());

  plan::Plan real = run.plan(desired);
  execute(real, run.kafka, &run.registry);
  EXPECT_THAT(states(real), ElementsAre("acme.shop.Item UPDATED", "acme.shop.orders-value FAILED"));
  EXPECT_THAT(real.subjects[1].outcome.message(),
              ::testing::HasSubstr("READER_FIELD_MISSING_DEFAULT_VALUE"));
  EXPECT_EQ(run.registry.subjects.at("acme.shop.orders-value").size(), 1u);
}

TEST(Schemas, OtherDomainsReferencedSchemasAreIgnoredAndTheirTopicSchemasMustExistFirst) {
  Cluster run;
  const Subject currency = subject("acme.shared.Currency", R"({"type":"enum"})", false, false);
  Subject foreign_value =
      subject("acme.shop.prices-value", R"({"type":"record","name":"Price"})", false, true);
  foreign_value.full_name = "acme.shared.Price";
  const plan::DesiredState desired{.scope = k_scope, .subjects = {currency, foreign_value}};

  const plan::Plan before = run.plan(desired);
  EXPECT_THAT(states(before),
              ElementsAre("acme.shared.Currency IGNORED", "acme.shop.prices-value FAILED"));
  EXPECT_THAT(
      before.subjects[1].details,
      ElementsAre("topic schema 'acme.shared.Price' belongs to another domain and must first be "
                  "registered by its owner under subject 'acme.shared.Price'"));

  run.registry.add("acme.shared.Price", foreign_value);
  plan::Plan after = run.plan(desired);
  execute(after, run.kafka, &run.registry);
  EXPECT_THAT(states(after),
              ElementsAre("acme.shared.Currency IGNORED", "acme.shop.prices-value CREATED"));
  EXPECT_FALSE(run.registry.subjects.contains("acme.shared.Currency"));
}

TEST(Schemas, CleanUpDeletesUnspecifiedSubjectsOfTheScopeOnly) {
  Cluster run;
  run.registry.add("acme.shop.old-value", subject("acme.shop.old-value", "{}"));
  run.registry.add("acme.shopping.x-value", subject("acme.shopping.x-value", "{}"));
  plan::Plan plan = run.plan(plan::DesiredState{.scope = k_scope}, {.clean_unspecified = true});
  execute(plan, run.kafka, &run.registry);
  EXPECT_THAT(states(plan), ElementsAre("acme.shop.old-value DELETED"));
  EXPECT_TRUE(run.registry.subjects.contains("acme.shopping.x-value"));
}

} // namespace
} // namespace specmesh::apply
