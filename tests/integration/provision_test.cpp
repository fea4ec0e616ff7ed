// Acceptance tests of `specmesh provision` / `specmesh plan` (the provisioning issue): the CLI
// runs in-process through cli::run with the real Kafka adapter against the real local broker
// (scripts/local-env.sh up: Kafka 4.x, SASL/PLAIN, ACLs enforced). Every test uses fresh domain
// ids `itest<8 hex>.<name>`, so re-runs on a persistent broker never collide. The tests FAIL,
// never skip, when the environment is not running.
#include "shop_spec.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <thread>

namespace specmesh::itest {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

/// Sets an environment variable for the scope.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const std::string& value) : m_name(name) {
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(m_name); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* m_name;
};

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& entry : items) {
    out += "  " + entry + "\n";
  }
  return out;
}

class ProvisionTest : public DomainTest {
protected:
  RunResult provision(const std::string& spec, const std::vector<std::string>& extra = {}) {
    return run_specmesh(
        concat(concat({"provision"}, admin_args()),
               concat({"--spec", spec, "--output", "json", "--timeout", "15"}, extra)));
  }

  RunResult plan(const std::string& spec, const std::vector<std::string>& extra = {}) {
    return run_specmesh(
        concat(concat({"plan"}, admin_args()),
               concat({"--spec", spec, "--output", "json", "--timeout", "15"}, extra)));
  }

  std::map<std::string, ports::TopicDescription> topics(const std::string& scope) {
    return scope_topics(*m_admin, scope);
  }

  std::set<std::string> acls(const std::string& scope, const std::string& owner) {
    return scope_acls(*m_admin, scope, "User:" + owner);
  }

  /// Waits until the owner's ACLs in the scope satisfy `done` (the broker applies ACLs from
  /// the metadata log a moment after CreateAcls/DeleteAcls return); returns them.
  std::set<std::string> acls_when(const std::string& scope,
                                  const std::string& owner,
                                  const std::function<bool(const std::set<std::string>&)>& done) {
    std::set<std::string> last;
    eventually([&] {
      last = acls(scope, owner);
      return done(last);
    });
    return last;
  }

  /// Waits until the scope's topics satisfy `done`; returns them.
  std::map<std::string, ports::TopicDescription> topics_when(
      const std::string& scope,
      const std::function<bool(const std::map<std::string, ports::TopicDescription>&)>& done) {
    std::map<std::string, ports::TopicDescription> last;
    eventually([&] {
      last = topics(scope);
      return done(last);
    });
    return last;
  }
};

// ------------------------------------------------------------------------------------------
// 1. Empty cluster: plan, provision, then nothing to do.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, EmptyClusterPlansCreatesThenHasNothingToDo) {
  const std::string shop = domain("shop");
  const ShopSpec spec_values{.orders_cleanup = "compact, delete"};
  const std::string spec = m_dir.write("shop.yaml", spec_values.yaml(shop));
  const std::set<std::string> expected =
      expected_acls(shop, shop, payments(shop), {"acme.finance"});
  ASSERT_EQ(expected.size(), 14U);

  // plan (dry run), the secret from SPECMESH_SECRET
  RunResult planned;
  {
    const ScopedEnv secret("SPECMESH_SECRET", local_env().admin.password);
    planned = run_specmesh({"plan",
                            "--bootstrap-server",
                            local_env().bootstrap,
                            "--username",
                            local_env().admin.username,
                            "--sr-disabled",
                            "--spec",
                            spec,
                            "--output",
                            "json"});
  }
  ASSERT_EQ(planned.exit_code, 2) << planned.describe();
  const json plan_doc = planned.json();
  EXPECT_EQ(states(plan_doc, "topics"),
            (std::map<std::string, std::string>{
                {cart(shop), "CREATE"}, {orders(shop), "CREATE"}, {payments(shop), "CREATE"}}));
  std::set<std::string> planned_acls;
  for (const auto& [name, state] : states(plan_doc, "acls")) {
    EXPECT_EQ(state, "CREATE") << name;
    planned_acls.insert(name);
  }
  EXPECT_EQ(planned_acls, expected);
  EXPECT_TRUE(topics(shop).empty()) << "plan must not create topics";
  EXPECT_TRUE(acls(shop, shop).empty()) << "plan must not create ACLs";

  // provision
  const RunResult created = provision(spec);
  ASSERT_EQ(created.exit_code, 0) << created.describe();
  const json created_doc = created.json();
  EXPECT_EQ(count_state(created_doc, "topics", "CREATED"), 3) << created.out;
  EXPECT_EQ(count_state(created_doc, "acls", "CREATED"), 14) << created.out;
  EXPECT_EQ(created_doc["topics"].size() + created_doc["acls"].size(), 17U) << created.out;

  // the broker has them
  const auto live = topics_when(shop, [](const auto& found) { return found.size() == 3; });
  ASSERT_EQ(live.size(), 3U);
  EXPECT_EQ(live.at(orders(shop)).topic.partitions, 3);
  EXPECT_EQ(live.at(orders(shop)).topic.config.at("retention.ms"), "3600000");
  EXPECT_EQ(live.at(orders(shop)).topic.config.at("cleanup.policy"), "compact,delete");
  EXPECT_EQ(live.at(payments(shop)).topic.partitions, 2);
  EXPECT_EQ(live.at(cart(shop)).topic.partitions, 1) << "no partitions in the spec means 1";
  EXPECT_EQ(live.at(cart(shop)).topic.config.at("retention.ms"), "86400000");
  const std::set<std::string> live_acls =
      acls_when(shop, shop, [&](const auto& found) { return found == expected; });
  EXPECT_EQ(live_acls, expected) << "on the broker:\n" << join(live_acls);

  // a second provision changes nothing (no phantom update of `compact, delete`)
  const RunResult again = provision(spec);
  ASSERT_EQ(again.exit_code, 0) << again.describe();
  const json again_doc = again.json();
  EXPECT_EQ(count_state(again_doc, "topics", "UNCHANGED"), 3) << again.out;
  EXPECT_EQ(count_state(again_doc, "acls", "UNCHANGED"), 14) << again.out;
  EXPECT_EQ(again_doc["topics"].size() + again_doc["acls"].size(), 17U) << again.out;

  const RunResult replanned = plan(spec);
  EXPECT_EQ(replanned.exit_code, 0) << replanned.describe();
}

// ------------------------------------------------------------------------------------------
// 2. A changed spec: exactly the changes; a removed grant; a blocked partition decrease.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, ChangedSpecAppliesExactlyItsChangesAndBlocksPartitionDecrease) {
  const std::string shop = domain("shop");
  ShopSpec values{.orders_cleanup = "compact,delete"};
  const std::string v1 = m_dir.write("v1.yaml", values.yaml(shop));
  const RunResult first = provision(v1);
  ASSERT_EQ(first.exit_code, 0) << first.describe();

  // v2: more partitions, a config change, a new grant
  values.orders_partitions = 5;
  values.orders_retention = "7200000";
  values.payments_grants = {"acme.finance", "acme.audit"};
  const std::string v2 = m_dir.write("v2.yaml", values.yaml(shop));
  const std::set<std::string> audit_acls = {acl_name(plan::ResourceType::topic,
                                                     payments(shop),
                                                     plan::PatternType::literal,
                                                     "User:acme.audit",
                                                     plan::AclOperation::describe),
                                            acl_name(plan::ResourceType::topic,
                                                     payments(shop),
                                                     plan::PatternType::literal,
                                                     "User:acme.audit",
                                                     plan::AclOperation::read)};
  const std::set<std::string> finance_acls = {acl_name(plan::ResourceType::topic,
                                                       payments(shop),
                                                       plan::PatternType::literal,
                                                       "User:acme.finance",
                                                       plan::AclOperation::describe),
                                              acl_name(plan::ResourceType::topic,
                                                       payments(shop),
                                                       plan::PatternType::literal,
                                                       "User:acme.finance",
                                                       plan::AclOperation::read)};

  const RunResult planned = plan(v2);
  ASSERT_EQ(planned.exit_code, 2) << planned.describe();
  const json plan_doc = planned.json();
  EXPECT_EQ(states(plan_doc, "topics"),
            (std::map<std::string, std::string>{{cart(shop), "UNCHANGED"},
                                                {orders(shop), "UPDATE"},
                                                {payments(shop), "UNCHANGED"}}));
  const json orders_entry = item(plan_doc, "topics", orders(shop));
  const std::string details = orders_entry["messages"].dump();
  EXPECT_TRUE(contains(details, "partitions 3 -> 5")) << details;
  EXPECT_TRUE(contains(details, "retention.ms: 3600000 -> 7200000")) << details;
  EXPECT_EQ(orders_entry["messages"].size(), 2U) << details;
  std::set<std::string> to_create;
  for (const auto& [name, state] : states(plan_doc, "acls")) {
    if (state != "UNCHANGED") {
      EXPECT_EQ(state, "CREATE") << name;
      to_create.insert(name);
    }
  }
  EXPECT_EQ(to_create, audit_acls);

  const RunResult updated = provision(v2);
  ASSERT_EQ(updated.exit_code, 0) << updated.describe();
  const json updated_doc = updated.json();
  EXPECT_EQ(states(updated_doc, "topics")[orders(shop)], "UPDATED") << updated.out;
  EXPECT_EQ(count_state(updated_doc, "topics", "UNCHANGED"), 2) << updated.out;
  EXPECT_EQ(count_state(updated_doc, "acls", "CREATED"), 2) << updated.out;
  EXPECT_EQ(count_state(updated_doc, "acls", "UNCHANGED"), 14) << updated.out;
  auto live = topics_when(shop, [&](const auto& found) {
    return found.contains(orders(shop)) && found.at(orders(shop)).topic.partitions == 5
           && found.at(orders(shop)).topic.config.at("retention.ms") == "7200000";
  });
  EXPECT_EQ(live.at(orders(shop)).topic.partitions, 5);
  EXPECT_EQ(live.at(orders(shop)).topic.config.at("retention.ms"), "7200000");
  EXPECT_EQ(live.at(orders(shop)).overrides["cleanup.policy"], "compact,delete")
      << "changing one config key must keep the topic's other overrides";
  std::set<std::string> on_broker = acls_when(shop, shop, [&](const auto& found) {
    return std::all_of(audit_acls.begin(), audit_acls.end(), [&](const std::string& acl) {
      return found.contains(acl);
    });
  });
  for (const std::string& acl : audit_acls) {
    EXPECT_TRUE(on_broker.contains(acl)) << acl;
  }

  // v3: the acme.finance grant removed -> its two ACLs are deleted
  values.payments_grants = {"acme.audit"};
  const std::string v3 = m_dir.write("v3.yaml", values.yaml(shop));
  const RunResult planned_removal = plan(v3);
  ASSERT_EQ(planned_removal.exit_code, 2) << planned_removal.describe();
  std::set<std::string> to_delete;
  for (const auto& [name, state] : states(planned_removal.json(), "acls")) {
    if (state != "UNCHANGED") {
      EXPECT_EQ(state, "DELETE") << name;
      to_delete.insert(name);
    }
  }
  EXPECT_EQ(to_delete, finance_acls);
  EXPECT_EQ(count_state(planned_removal.json(), "topics", "UNCHANGED"), 3);

  const RunResult removed = provision(v3);
  ASSERT_EQ(removed.exit_code, 0) << removed.describe();
  std::set<std::string> deleted;
  for (const auto& [name, state] : states(removed.json(), "acls")) {
    if (state == "DELETED") {
      deleted.insert(name);
    }
  }
  EXPECT_EQ(deleted, finance_acls) << removed.out;
  on_broker = acls_when(shop, shop, [&](const auto& found) {
    return std::none_of(finance_acls.begin(), finance_acls.end(), [&](const std::string& acl) {
      return found.contains(acl);
    });
  });
  for (const std::string& acl : finance_acls) {
    EXPECT_FALSE(on_broker.contains(acl)) << "still on the broker: " << acl;
  }
  for (const std::string& acl : audit_acls) {
    EXPECT_TRUE(on_broker.contains(acl)) << "missing: " << acl;
  }

  // v4: a partition decrease (blocked) next to other pending changes: nothing is applied
  values.orders_partitions = 4;
  values.cart_retention = "43200000";
  values.payments_grants = {"acme.audit", "acme.finance"};
  const std::string v4 = m_dir.write("v4.yaml", values.yaml(shop));
  const RunResult blocked_plan = plan(v4);
  EXPECT_EQ(blocked_plan.exit_code, 3) << blocked_plan.describe();
  const json blocked_doc = blocked_plan.json();
  EXPECT_EQ(states(blocked_doc, "topics"),
            (std::map<std::string, std::string>{
                {cart(shop), "UPDATE"}, {orders(shop), "BLOCKED"}, {payments(shop), "UNCHANGED"}}));
  EXPECT_EQ(count_state(blocked_doc, "acls", "CREATE"), 2) << blocked_plan.out;

  const RunResult blocked = provision(v4);
  EXPECT_EQ(blocked.exit_code, 3) << blocked.describe();
  EXPECT_EQ(states(blocked.json(), "topics")[orders(shop)], "BLOCKED") << blocked.out;
  EXPECT_EQ(states(blocked.json(), "topics")[cart(shop)], "UPDATE") << blocked.out;
  EXPECT_EQ(count_state(blocked.json(), "acls", "CREATED"), 0) << blocked.out;
  EXPECT_FALSE(blocked.err.empty()) << "a blocked provision says why on stderr";
  std::this_thread::sleep_for(300ms); // give a (wrong) write time to show
  live = topics(shop);
  EXPECT_EQ(live.at(orders(shop)).topic.partitions, 5);
  EXPECT_EQ(live.at(cart(shop)).topic.config.at("retention.ms"), "86400000")
      << "the config change of a blocked plan must not be applied";
  on_broker = acls(shop, shop);
  for (const std::string& acl : finance_acls) {
    EXPECT_FALSE(on_broker.contains(acl)) << "a blocked plan created " << acl;
  }
}

// ------------------------------------------------------------------------------------------
// 3. The access matrix of Part B case 23, with real SASL users.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, ProvisionedAclsEnforceTheAccessMatrix) {
  const std::string shop = domain("shop");
  const std::string finance = domain("finance");
  const std::string stranger = domain("stranger");
  const Credentials owner = local_env().user("acme.shop");
  const Credentials granted = local_env().user("acme.finance");
  const Credentials other = local_env().user("acme.stranger");
  for (const Credentials& user : {owner, granted, other}) {
    ASSERT_FALSE(user.password.empty()) << "the local environment has no user " << user.username;
  }

  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const RunResult shop_run = provision(spec, {"--domain-user", owner.username});
  ASSERT_EQ(shop_run.exit_code, 0) << shop_run.describe();
  for (const auto& [consumer_domain, user] :
       {std::pair{finance, granted}, std::pair{stranger, other}}) {
    const std::string file = m_dir.write(consumer_domain + ".yaml", consumer_spec(consumer_domain));
    const RunResult run = provision(file, {"--domain-user", user.username});
    ASSERT_EQ(run.exit_code, 0) << run.describe();
  }

  const std::vector<std::string> all_topics{orders(shop), payments(shop), cart(shop)};
  // The owner produces to each of its topics (retried while the new ACLs propagate).
  for (const std::string& topic : all_topics) {
    Attempt attempt;
    eventually(
        [&] {
          attempt = produce(owner, topic, "hello " + topic, 3s);
          return attempt.ok;
        },
        10s);
    EXPECT_TRUE(attempt.ok) << "acme.shop producing to " << topic << ": " << attempt.describe();
  }
  // Nobody else produces.
  for (const Credentials& user : {granted, other}) {
    for (const std::string& topic : all_topics) {
      const Attempt attempt = produce(user, topic, "intruder", 3s);
      EXPECT_FALSE(attempt.ok) << user.username << " produced to " << topic;
      EXPECT_EQ(attempt.code, "TOPIC_AUTHORIZATION_FAILED")
          << user.username << " -> " << topic << ": " << attempt.describe();
    }
  }

  // Consumption: public by everyone, protected by owner + granted, private by the owner.
  struct Reader {
    Credentials user;
    std::string group_domain;
  };
  const std::vector<Reader> readers{{owner, shop}, {granted, finance}, {other, stranger}};
  const std::map<std::string, std::set<std::string>> may_read{
      {orders(shop), {"acme.shop", "acme.finance", "acme.stranger"}},
      {payments(shop), {"acme.shop", "acme.finance"}},
      {cart(shop), {"acme.shop"}}};
  int group_number = 0;
  std::string matrix;
  for (const std::string& topic : all_topics) {
    for (const Reader& reader : readers) {
      const bool allowed = may_read.at(topic).contains(reader.user.username);
      const std::string group = reader.group_domain + ".consumer" + std::to_string(++group_number);
      const Attempt attempt = consume_one(reader.user, topic, group, allowed ? 10s : 5s);
      matrix += reader.user.username + " reads " + topic + ": " + attempt.describe() + "\n";
      if (allowed) {
        EXPECT_TRUE(attempt.ok) << reader.user.username << " could not read " << topic << ": "
                                << attempt.describe();
      } else {
        EXPECT_FALSE(attempt.ok) << reader.user.username << " read " << topic;
        EXPECT_EQ(attempt.code, "TOPIC_AUTHORIZATION_FAILED")
            << reader.user.username << " -> " << topic << ": " << attempt.describe();
      }
    }
  }
  SCOPED_TRACE(matrix);

  // Only the owner creates topics, and only under <domain>._private.
  const Attempt private_by_owner = create_topic(owner, shop + "._private.x", 5s);
  EXPECT_TRUE(private_by_owner.ok) << private_by_owner.describe();
  const Attempt public_by_owner = create_topic(owner, shop + "._public.y", 5s);
  EXPECT_FALSE(public_by_owner.ok);
  EXPECT_EQ(public_by_owner.code, "TOPIC_AUTHORIZATION_FAILED") << public_by_owner.describe();
  const Attempt private_by_other = create_topic(granted, shop + "._private.z", 5s);
  EXPECT_FALSE(private_by_other.ok);
  EXPECT_EQ(private_by_other.code, "TOPIC_AUTHORIZATION_FAILED") << private_by_other.describe();
  const auto live = topics(shop);
  EXPECT_TRUE(live.contains(shop + "._private.x"));
  EXPECT_FALSE(live.contains(shop + "._public.y"));
  EXPECT_FALSE(live.contains(shop + "._private.z"));
}

// ------------------------------------------------------------------------------------------
// 4. Exact scope: neighbours, other domains' ACLs and internal topics are never touched.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, NeighboursOtherDomainsAndInternalTopicsSurviveEveryMode) {
  const std::string shop = domain("shop");
  const std::string shopping = domain("shopping");
  const std::string neighbour_topic = shopping + ".x";
  const std::string substring_name = "other." + shop + ".events"; // contains the domain id
  const std::string leftover_topic = shop + "._private.leftover"; // in scope, not in the spec

  // Set up the neighbourhood as the admin.
  const auto created = m_admin->create_topics(
      {plan::Topic{neighbour_topic, 1, -1, {}}, plan::Topic{leftover_topic, 1, -1, {}}}, false);
  for (const auto& outcome : created) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  const auto literal_read = [](const std::string& name, const std::string& principal) {
    return plan::AclBinding{.resource_type = plan::ResourceType::topic,
                            .resource_name = name,
                            .pattern_type = plan::PatternType::literal,
                            .principal = principal,
                            .operation = plan::AclOperation::read};
  };
  const std::vector<plan::AclBinding> foreign{literal_read(neighbour_topic, "User:acme.shopping"),
                                              {.resource_type = plan::ResourceType::topic,
                                               .resource_name = shopping,
                                               .pattern_type = plan::PatternType::prefixed,
                                               .principal = "User:acme.shopping",
                                               .operation = plan::AclOperation::describe},
                                              {.resource_type = plan::ResourceType::group,
                                               .resource_name = shopping,
                                               .pattern_type = plan::PatternType::prefixed,
                                               .principal = "User:acme.shopping",
                                               .operation = plan::AclOperation::read},
                                              literal_read(substring_name, "User:acme.audit")};
  plan::AclBinding leftover_acl = literal_read(leftover_topic, "User:acme.audit");
  leftover_acl.operation = plan::AclOperation::write; // not a read grant: only clean-up removes it
  std::vector<plan::AclBinding> to_create = foreign;
  to_create.push_back(leftover_acl);
  for (const auto& outcome : m_admin->create_acls(to_create)) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  const std::string offsets_error = ensure_consumer_offsets(neighbour_topic, shopping + ".g");
  ASSERT_EQ(offsets_error, "") << "could not make sure __consumer_offsets exists";
  ASSERT_TRUE(eventually([&] {
    return topics(shopping).contains(neighbour_topic) && topics(shop).contains(leftover_topic);
  }));

  std::set<std::string> foreign_names;
  for (const plan::AclBinding& acl : foreign) {
    foreign_names.insert(acl.name());
  }
  const auto check_survivors = [&](const std::string& after) {
    SCOPED_TRACE("after " + after);
    EXPECT_TRUE(topics(shopping).contains(neighbour_topic));
    const std::set<std::string> everything = all_acls(*m_admin);
    for (const std::string& name : foreign_names) {
      EXPECT_TRUE(everything.contains(name)) << "deleted: " << name;
    }
    EXPECT_TRUE(metadata_topics(10s).contains("__consumer_offsets"));
  };
  const auto check_output = [&](const RunResult& run, const std::string& what) {
    SCOPED_TRACE(what);
    for (const std::string& outsider :
         {std::string("shopping"), substring_name, std::string("__consumer_offsets")}) {
      EXPECT_FALSE(contains(run.out, outsider)) << outsider << " in the output:\n" << run.out;
      EXPECT_FALSE(contains(run.err, outsider)) << outsider << " on stderr:\n" << run.err;
    }
  };

  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const RunResult planned = plan(spec);
  EXPECT_EQ(planned.exit_code, 2) << planned.describe();
  check_output(planned, "plan");
  const RunResult planned_text =
      run_specmesh(concat(concat({"provision", "--dry-run"}, admin_args()), {"--spec", spec}));
  EXPECT_EQ(planned_text.exit_code, 2) << planned_text.describe();
  check_output(planned_text, "provision --dry-run (text)");
  check_survivors("the dry runs");

  const RunResult provisioned = provision(spec);
  EXPECT_EQ(provisioned.exit_code, 0) << provisioned.describe();
  check_output(provisioned, "provision");
  EXPECT_EQ(states(provisioned.json(), "acls")[leftover_acl.name()], "")
      << "an ACL outside the spec, not a grant of the spec, is only removed with clean-up";
  check_survivors("provision");

  const RunResult clean_plan = provision(spec, {"--clean-unspecified", "--dry-run"});
  EXPECT_EQ(clean_plan.exit_code, 2) << clean_plan.describe();
  check_output(clean_plan, "provision --clean-unspecified --dry-run");
  EXPECT_EQ(states(clean_plan.json(), "topics")[leftover_topic], "DELETE") << clean_plan.out;
  EXPECT_EQ(states(clean_plan.json(), "acls")[leftover_acl.name()], "DELETE") << clean_plan.out;
  EXPECT_TRUE(topics(shop).contains(leftover_topic)) << "a dry run deleted a topic";
  check_survivors("provision --clean-unspecified --dry-run");

  const RunResult cleaned = provision(spec, {"--clean-unspecified"});
  EXPECT_EQ(cleaned.exit_code, 0) << cleaned.describe();
  check_output(cleaned, "provision --clean-unspecified");
  EXPECT_EQ(states(cleaned.json(), "topics")[leftover_topic], "DELETED") << cleaned.out;
  EXPECT_EQ(states(cleaned.json(), "acls")[leftover_acl.name()], "DELETED") << cleaned.out;
  EXPECT_TRUE(eventually([&] { return !topics(shop).contains(leftover_topic); }));
  EXPECT_FALSE(all_acls(*m_admin).contains(leftover_acl.name()));
  check_survivors("provision --clean-unspecified");

  m_admin->delete_acls({foreign.back()}); // the one ACL not under a domain() prefix
}

// ------------------------------------------------------------------------------------------
// 5. Connection failures: exit 1, bounded time, one line, no password.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, ConnectionFailuresExitOneQuicklyWithOneLineAndNoPassword) {
  const std::string shop = domain("shop");
  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const std::string password = "pw-" + random_hex(10) + "-must-not-leak";
  struct Case {
    std::string what;
    std::string bootstrap;
    std::string keyword; ///< the stderr line must name the problem
  };
  const std::vector<Case> cases{
      {"broker down", "127.0.0.1:1", "connect"},
      {"unknown host", "no-such-host.invalid:9092", "resolve"},
      {"wrong password", local_env().bootstrap, "authentication"},
  };
  constexpr int k_timeout_seconds = 5;
  for (const Case& c : cases) {
    for (const char* command : {"provision", "plan"}) {
      SCOPED_TRACE(std::string(command) + ", " + c.what);
      const RunResult run = run_specmesh({command,
                                          "--bootstrap-server",
                                          c.bootstrap,
                                          "--username",
                                          local_env().admin.username,
                                          "--secret",
                                          password,
                                          "--spec",
                                          spec,
                                          "--sr-disabled",
                                          "--timeout",
                                          std::to_string(k_timeout_seconds)});
      EXPECT_EQ(run.exit_code, 1) << run.describe();
      EXPECT_LT(run.elapsed, std::chrono::seconds(k_timeout_seconds + 3)) << run.describe();
      EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.describe();
      EXPECT_TRUE(run.err.ends_with("\n")) << run.describe();
      EXPECT_TRUE(contains(lower(run.err), c.keyword)) << run.describe();
      if (c.what != "wrong password") {
        EXPECT_TRUE(contains(run.err, c.bootstrap.substr(0, c.bootstrap.find(':'))))
            << "the line should name the server: " << run.describe();
      }
      EXPECT_TRUE(run.out.empty()) << run.describe();
      EXPECT_TRUE(run.process_stderr.empty()) << run.describe();
      for (const std::string* text : {&run.out, &run.err, &run.process_stderr}) {
        EXPECT_FALSE(contains(*text, password)) << "the password leaked: " << run.describe();
      }
    }
  }
  EXPECT_TRUE(topics(shop).empty());
}

// ------------------------------------------------------------------------------------------
// 6. The original's flag style.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, OriginalFlagStyleWorks) {
  const std::string shop = domain("shop");
  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const std::vector<std::string> legacy{"provision",
                                        "-bs",
                                        local_env().bootstrap,
                                        "-spec",
                                        spec,
                                        "-u",
                                        local_env().admin.username,
                                        "-s",
                                        local_env().admin.password,
                                        "-srDisabled",
                                        // Java client property spellings, as the original's
                                        // functional test passes them (Part B case 36)
                                        "-Dsecurity.protocol=SASL_PLAINTEXT",
                                        "-Dsasl.mechanism=PLAIN"};
  const RunResult dry = run_specmesh(concat(legacy, {"-dry"}));
  EXPECT_EQ(dry.exit_code, 2) << dry.describe();
  EXPECT_TRUE(topics(shop).empty()) << "-dry created topics";

  const RunResult run = run_specmesh(legacy);
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  const auto live = topics_when(shop, [](const auto& found) { return found.size() == 3; });
  EXPECT_EQ(live.size(), 3U);
  EXPECT_TRUE(live.contains(orders(shop)));
  EXPECT_EQ(acls_when(shop, shop, [](const auto& found) { return found.size() == 14; }).size(),
            14U);
}

// ------------------------------------------------------------------------------------------
// 7. provision.properties.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, ProvisionPropertiesSupplyDefaultsAndTheCommandLineWins) {
  const std::string from_file = domain("filed");
  const std::string from_flag = domain("flagged");
  const std::string file_spec = m_dir.write("file.yaml", ShopSpec{}.yaml(from_file));
  const std::string flag_spec = m_dir.write("flag.yaml", ShopSpec{}.yaml(from_flag));

  // Everything from the file (-Dprovision.properties=FILE, the original's spelling).
  const std::string good =
      m_dir.write("good.properties",
                  "# the Docker wrapper's file\n"
                  "bootstrap.server="
                      + local_env().bootstrap + "\nspec=" + file_spec
                      + "\nsr.disabled=true\nusername=" + local_env().admin.username + "\n");
  const ScopedEnv secret("SPECMESH_SECRET", local_env().admin.password);
  const RunResult from_properties =
      run_specmesh({"provision", "-Dprovision.properties=" + good, "--output", "json"});
  ASSERT_EQ(from_properties.exit_code, 0) << from_properties.describe();
  EXPECT_EQ(count_state(from_properties.json(), "topics", "CREATED"), 3) << from_properties.out;
  EXPECT_EQ(topics_when(from_file, [](const auto& found) { return found.size() == 3; }).size(), 3U);

  // The command line overrides the file: a dead broker and the other spec in the file.
  const std::string overridden =
      m_dir.write("overridden.properties",
                  "bootstrap.server=127.0.0.1:1\nspec=" + file_spec + "\nsr.disabled=true\n");
  const RunResult overriding = run_specmesh({"provision",
                                             "-D",
                                             "provision.properties=" + overridden,
                                             "--bootstrap-server",
                                             local_env().bootstrap,
                                             "--username",
                                             local_env().admin.username,
                                             "--spec",
                                             flag_spec,
                                             "--timeout",
                                             "10"});
  ASSERT_EQ(overriding.exit_code, 0) << overriding.describe();
  EXPECT_EQ(topics_when(from_flag, [](const auto& found) { return found.size() == 3; }).size(), 3U);
}

TEST_F(ProvisionTest, NamedPropertiesFileThatIsMissingIsNotAnError) {
  // Part A.1: a missing properties file is not an error (the original aborted with
  // "Missing `<file>`"; its Docker wrapper always passes -Dprovision.properties=/app/...).
  const std::string shop = domain("shop");
  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const std::string missing = (m_dir.path() / "no-such.properties").string();
  const RunResult run =
      run_specmesh(concat(concat({"provision"}, admin_args()),
                          {"--spec", spec, "-D", "provision.properties=" + missing}));
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_NE(run.err.find("note: properties file '" + missing + "' not found"), std::string::npos)
      << run.describe();
  EXPECT_EQ(topics_when(shop, [](const auto& found) { return found.size() == 3; }).size(), 3U);
}

// ------------------------------------------------------------------------------------------
// Part A.2: every item gets its own outcome; a failure of one never hides the others.
// ------------------------------------------------------------------------------------------

TEST_F(ProvisionTest, OneFailedTopicDoesNotHideTheOtherItems) {
  const std::string shop = domain("shop");
  const std::string spec =
      m_dir.write("shop.yaml", ShopSpec{.cart_cleanup = "no-such-policy"}.yaml(shop));

  // the dry run asks the broker to validate the new topics
  const RunResult planned = plan(spec);
  EXPECT_EQ(planned.exit_code, 1) << planned.describe();
  const json plan_doc = planned.json();
  EXPECT_EQ(states(plan_doc, "topics"),
            (std::map<std::string, std::string>{
                {cart(shop), "FAILED"}, {orders(shop), "CREATE"}, {payments(shop), "CREATE"}}))
      << planned.out;
  EXPECT_TRUE(item(plan_doc, "topics", cart(shop))["exception"].is_string()) << planned.out;
  EXPECT_EQ(count_state(plan_doc, "acls", "CREATE"), 14) << planned.out;
  EXPECT_TRUE(topics(shop).empty()) << "a dry run created topics";

  const RunResult run = provision(spec);
  EXPECT_EQ(run.exit_code, 1) << run.describe();
  const json doc = run.json();
  EXPECT_EQ(states(doc, "topics"),
            (std::map<std::string, std::string>{
                {cart(shop), "FAILED"}, {orders(shop), "CREATED"}, {payments(shop), "CREATED"}}))
      << run.out;
  const json failed_cart = item(doc, "topics", cart(shop));
  ASSERT_TRUE(failed_cart["exception"].is_string()) << run.out;
  EXPECT_TRUE(contains(failed_cart["exception"].get<std::string>(), "cleanup.policy")
              || contains(failed_cart["exception"].get<std::string>(), "no-such-policy"))
      << "the reason should name the bad config: " << failed_cart.dump();
  EXPECT_EQ(count_state(doc, "acls", "CREATED"), 14) << run.out;
  const auto live = topics_when(shop, [](const auto& found) { return found.size() >= 2; });
  EXPECT_TRUE(live.contains(orders(shop)));
  EXPECT_TRUE(live.contains(payments(shop)));
  EXPECT_FALSE(live.contains(cart(shop)));
  EXPECT_EQ(acls_when(shop, shop, [](const auto& found) { return found.size() == 14; }).size(),
            14U);
}

} // namespace
} // namespace specmesh::itest
