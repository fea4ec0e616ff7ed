// Acceptance tests of pipeline-safe provisioning against the real local broker: what
// `provision` reports is what the next step of a pipeline sees (no sleeps, no retries between
// steps), concurrent runs of one spec both succeed, and the owner's ACLs keep the exact scope
// (`<domain>.`, not the original's bare `<domain>` prefix, which also matches `<domain>x.*`).
#include "shop_spec.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace specmesh::itest {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class PipelineTest : public DomainTest {
protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (HasFatalFailure()) {
      return;
    }
    for (const char* name : {"acme.shop", "acme.finance", "acme.stranger"}) {
      ASSERT_FALSE(local_env().user(name).password.empty())
          << "the local environment has no user " << name;
    }
  }

  /// The arguments of `specmesh <command>` as the admin for `spec`, the owner's ACLs for SASL
  /// user `owner`.
  static std::vector<std::string> args(const std::string& command,
                                       const std::string& spec,
                                       const std::string& owner,
                                       const std::vector<std::string>& extra = {}) {
    return concat(
        concat({command}, admin_args()),
        concat({"--spec", spec, "--domain-user", owner, "--output", "json", "--timeout", "20"},
               extra));
  }

  static RunResult run(const std::string& command,
                       const std::string& spec,
                       const std::string& owner,
                       const std::vector<std::string>& extra = {}) {
    return run_specmesh(args(command, spec, owner, extra));
  }

  /// The 8 owner ACLs of rows A, C, D for `owner` on `prefix`.
  static std::vector<plan::AclBinding> owner_acls(const std::string& prefix,
                                                  const std::string& owner) {
    using plan::AclOperation;
    using plan::ResourceType;
    const std::vector<std::pair<ResourceType, AclOperation>> rows{
        {ResourceType::topic, AclOperation::describe},
        {ResourceType::topic, AclOperation::read},
        {ResourceType::topic, AclOperation::write},
        {ResourceType::topic, AclOperation::remove},
        {ResourceType::transactional_id, AclOperation::describe},
        {ResourceType::transactional_id, AclOperation::write},
        {ResourceType::group, AclOperation::read},
        {ResourceType::group, AclOperation::remove}};
    std::vector<plan::AclBinding> out;
    out.reserve(rows.size());
    for (const auto& [type, operation] : rows) {
      out.push_back({.resource_type = type,
                     .resource_name = prefix,
                     .pattern_type = plan::PatternType::prefixed,
                     .principal = "User:" + owner,
                     .operation = operation});
    }
    return out;
  }
};

TEST_F(PipelineTest, WhatProvisionReportsIsWhatTheNextStepSeesFiveTimesInARow) {
  const Credentials owner = local_env().user("acme.shop");
  const Credentials grantee = local_env().user("acme.finance");
  const Credentials stranger = local_env().user("acme.stranger");
  const std::string finance = domain("finance");
  const RunResult consumer =
      run("provision", m_dir.write("finance.yaml", consumer_spec(finance)), grantee.username);
  ASSERT_EQ(consumer.exit_code, 0) << consumer.describe();

  for (int round = 1; round <= 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string shop = domain("shop" + std::to_string(round));
    const std::string spec = m_dir.write(shop + ".yaml", ShopSpec{}.yaml(shop));
    // Each step once, right after the one before: no sleep, no retry.
    const RunResult provisioned = run("provision", spec, owner.username);
    ASSERT_EQ(provisioned.exit_code, 0) << provisioned.describe();
    const RunResult planned = run("plan", spec, owner.username);
    EXPECT_EQ(planned.exit_code, 0) << "a plan right after provision must find nothing to do\n"
                                    << planned.out;
    const Attempt produced = produce(owner, payments(shop), "payment", 10s);
    EXPECT_TRUE(produced.ok) << "owner produces: " << produced.describe();
    const Attempt consumed = consume_one(grantee, payments(shop), finance + ".reader", 15s);
    EXPECT_TRUE(consumed.ok) << "the grantee consumes: " << consumed.describe();
    const Attempt intruder = produce(stranger, payments(shop), "intruder", 5s);
    EXPECT_FALSE(intruder.ok) << "a stranger produced to " << payments(shop);
    EXPECT_EQ(intruder.code, "TOPIC_AUTHORIZATION_FAILED") << intruder.describe();
  }
}

TEST_F(PipelineTest, TwoConcurrentProvisionsOfAFreshSpecBothSucceed) {
  const std::string shop = domain("shop");
  std::string channels;
  for (int i = 0; i < 50; ++i) {
    const std::string name = (i % 2 == 0 ? "_public.t" : "_protected.t") + std::to_string(i);
    channels +=
        "  " + name + ":\n    bindings: {kafka: {partitions: 2}}\n    publish:\n"
        + (i % 2 == 0 ? "      tags: []\n" : "      tags: [{name: 'grant-access:acme.finance'}]\n");
  }
  const std::string spec =
      m_dir.write("fifty.yaml", "asyncapi: 2.5.0\nid: 'urn:" + shop + "'\nchannels:\n" + channels);

  const std::vector<RunResult> runs =
      run_specmesh_together({args("provision", spec, shop), args("provision", spec, shop)});

  for (const RunResult& result : runs) {
    EXPECT_EQ(result.exit_code, 0) << result.describe();
    EXPECT_EQ(count_state(result.json(), "topics", "FAILED"), 0) << result.out;
    EXPECT_EQ(count_state(result.json(), "acls", "FAILED"), 0) << result.out;
  }
  const RunResult& first = runs.front();
  std::set<std::string> spec_topics;
  std::set<std::string> spec_acls;
  for (const auto& [name, state] : states(first.json(), "topics")) {
    spec_topics.insert(name);
  }
  for (const auto& [name, state] : states(first.json(), "acls")) {
    spec_acls.insert(name);
  }
  ASSERT_EQ(spec_topics.size(), 50U);
  ASSERT_EQ(spec_acls.size(), 12U + 2U * 25U);
  std::set<std::string> live_topics;
  for (const auto& [name, description] : scope_topics(*m_admin, shop)) {
    live_topics.insert(name);
  }
  EXPECT_EQ(live_topics, spec_topics);
  EXPECT_EQ(scope_acls(*m_admin, shop, "User:" + shop), spec_acls);
  const RunResult planned = run("plan", spec, shop);
  EXPECT_EQ(planned.exit_code, 0) << planned.out;
}

TEST_F(PipelineTest, TheOwnersAclsMatchOnlyTheDomainsOwnNames) {
  const Credentials owner = local_env().user("acme.shop");
  const std::string shop = domain("shop");
  const std::string neighbour = shop + "ping"; // `<run>.shopping`: starts with the domain id
  m_domains.push_back(neighbour);
  const std::string neighbour_topic = neighbour + ".cart";
  for (const auto& outcome :
       m_admin->create_topics({plan::Topic{neighbour_topic, 1, -1, {}}}, false)) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const RunResult provisioned = run("provision", spec, owner.username);
  ASSERT_EQ(provisioned.exit_code, 0) << provisioned.describe();

  // Its own names: topics, groups and transactional ids under `<domain>.`.
  const Attempt own_write = produce(owner, cart(shop), "mine", 10s);
  EXPECT_TRUE(own_write.ok) << own_write.describe();
  const Attempt own_read = consume_one(owner, cart(shop), shop + ".app", 15s);
  EXPECT_TRUE(own_read.ok) << own_read.describe();
  const Attempt own_transactions = init_transactions(owner, shop + ".tx", 10s);
  EXPECT_TRUE(own_transactions.ok) << own_transactions.describe();

  // The neighbour's names, which the original's bare prefix would match.
  const Attempt write = produce(owner, neighbour_topic, "not mine", 5s);
  EXPECT_EQ(write.code, "TOPIC_AUTHORIZATION_FAILED") << write.describe();
  const Attempt read = consume_one(owner, neighbour_topic, shop + ".app2", 5s);
  EXPECT_EQ(read.code, "TOPIC_AUTHORIZATION_FAILED") << read.describe();
  const Attempt group = consume_one(owner, orders(shop), neighbour + "-app", 5s);
  EXPECT_EQ(group.code, "GROUP_AUTHORIZATION_FAILED") << group.describe();
  const Attempt transactions = init_transactions(owner, neighbour + "-tx", 5s);
  EXPECT_EQ(transactions.code, "TRANSACTIONAL_ID_AUTHORIZATION_FAILED") << transactions.describe();

  // The original's ACL set has the hole this test looks for.
  const RunResult original = run("provision", spec, owner.username, {"--original-acls"});
  ASSERT_EQ(original.exit_code, 0) << original.describe();
  const Attempt leaked = produce(owner, neighbour_topic, "not mine", 10s);
  EXPECT_TRUE(leaked.ok) << "with --original-acls `" << shop << "` PREFIXED matches "
                         << neighbour_topic << ": " << leaked.describe();
}

TEST_F(PipelineTest, TheOriginalsAclSetIsReplacedWithoutAnAccessGap) {
  const std::string shop = domain("shop");
  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  ASSERT_EQ(run("provision", spec, shop).exit_code, 0);
  // By hand, the state the original leaves: its 8 owner ACLs on the bare domain id.
  for (const auto& outcome : m_admin->create_acls(owner_acls(shop, shop))) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  for (const auto& outcome : m_admin->delete_acls(owner_acls(shop + ".", shop))) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  const std::set<std::string> original =
      expected_acls(shop, shop, payments(shop), {"acme.finance"}, true);
  const std::set<std::string> exact = expected_acls(shop, shop, payments(shop), {"acme.finance"});
  std::set<std::string> seen;
  for (int attempt = 0; attempt < 100 && seen != original; ++attempt) {
    seen = scope_acls(*m_admin, shop, "User:" + shop);
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(seen, original);

  const RunResult planned = run("plan", spec, shop);
  EXPECT_EQ(planned.exit_code, 2) << planned.out;
  EXPECT_EQ(count_state(planned.json(), "acls", "CREATE"), 8) << planned.out;
  EXPECT_EQ(count_state(planned.json(), "acls", "DELETE"), 8) << planned.out;
  EXPECT_EQ(count_state(planned.json(), "acls", "UNCHANGED"), 6) << planned.out;
  for (const auto& [name, state] : states(planned.json(), "acls")) {
    EXPECT_EQ(state == "CREATE", exact.contains(name) && !original.contains(name)) << name;
    EXPECT_EQ(state == "DELETE", original.contains(name) && !exact.contains(name)) << name;
  }
  const RunResult as_original = run("plan", spec, shop, {"--original-acls"});
  EXPECT_EQ(as_original.exit_code, 0) << as_original.out;

  const RunResult replaced = run("provision", spec, shop);
  ASSERT_EQ(replaced.exit_code, 0) << replaced.describe();
  EXPECT_EQ(count_state(replaced.json(), "acls", "CREATED"), 8) << replaced.out;
  EXPECT_EQ(count_state(replaced.json(), "acls", "DELETED"), 8) << replaced.out;
  EXPECT_EQ(scope_acls(*m_admin, shop, "User:" + shop), exact);
  EXPECT_EQ(run("plan", spec, shop).exit_code, 0);
}

} // namespace
} // namespace specmesh::itest
