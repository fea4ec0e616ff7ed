// kafka::make_kafka_admin against the real local broker (scripts/local-env.sh up): Kafka 4.x,
// SASL/PLAIN, ACLs enforced. Every run uses its own topic prefix, so re-runs never collide.
#include "../support.hpp"

#include <specmesh/kafka/connect.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

namespace specmesh::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using itest::admin_connection;
using itest::local_env;

/// "itest.<random>." once per process, so re-runs never see each other's topics or ACLs.
const std::string& run_prefix() {
  static const std::string prefix = "itest." + itest::random_hex(8) + ".";
  return prefix;
}

std::string messages(const std::vector<ports::Outcome>& outcomes) {
  std::string text;
  for (const auto& outcome : outcomes) {
    text += outcome ? "ok\n" : outcome.error().message + "\n";
  }
  return text;
}

class KafkaAdminTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
    auto admin = make_kafka_admin(admin_connection());
    ASSERT_TRUE(admin) << admin.error().message;
    m_admin = std::move(*admin);
  }

  /// A topic name unique to this run and test.
  std::string topic(const std::string& suffix) const {
    return run_prefix() + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "."
           + suffix;
  }

  std::string test_prefix() const {
    return run_prefix() + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".";
  }

  /// describe_topics(prefix) until `done` holds or 10 s pass (the broker's metadata follows the
  /// controller's by a few milliseconds).
  std::vector<ports::TopicDescription>
  describe_until(const std::string& prefix,
                 const std::function<bool(const std::vector<ports::TopicDescription>&)>& done) {
    std::vector<ports::TopicDescription> last;
    const auto deadline = Clock::now() + 10s;
    while (Clock::now() < deadline) {
      auto described = m_admin->describe_topics(prefix);
      EXPECT_TRUE(described) << described.error().message;
      if (!described) {
        return last;
      }
      last = std::move(*described);
      if (done(last)) {
        break;
      }
      std::this_thread::sleep_for(200ms);
    }
    return last;
  }

  /// Creates the topics and waits until the broker's metadata shows them: in KRaft mode
  /// CreateTopics returns once the controller committed, and the broker that answers the next
  /// request may lag behind by a few milliseconds (more under load).
  void create_and_wait(const std::vector<plan::Topic>& topics) {
    const auto outcomes = m_admin->create_topics(topics, false);
    for (const auto& outcome : outcomes) {
      ASSERT_TRUE(outcome) << outcome.error().message;
    }
    const auto described = describe_until(test_prefix(), [&](const auto& d) {
      return std::all_of(topics.begin(), topics.end(), [&](const auto& t) {
        return std::any_of(
            d.begin(), d.end(), [&](const auto& x) { return x.topic.name == t.name; });
      });
    });
    ASSERT_GE(described.size(), topics.size());
  }

  void TearDown() override {
    if (!m_admin) {
      return;
    }
    auto described = m_admin->describe_topics(test_prefix());
    if (described && !described->empty()) {
      std::vector<std::string> names;
      for (const auto& d : *described) {
        names.push_back(d.topic.name);
      }
      m_admin->delete_topics(names);
    }
  }

  std::unique_ptr<ports::KafkaAdmin> m_admin;
};

// --- connecting ------------------------------------------------------------------------------

struct Timed {
  Result<std::unique_ptr<ports::KafkaAdmin>> result;
  std::chrono::milliseconds elapsed;
};

Timed timed_connect(const Connection& connection) {
  const auto start = Clock::now();
  auto result = make_kafka_admin(connection);
  return {std::move(result),
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start)};
}

TEST(KafkaConnect, ConnectsToTheLocalBroker) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  const auto [result, elapsed] = timed_connect(admin_connection());
  ASSERT_TRUE(result) << result.error().message;
  std::printf("connect ok in %lld ms\n", static_cast<long long>(elapsed.count()));
}

TEST(KafkaConnect, BrokerDownFailsWithinTheTimeoutWithOneLine) {
  Connection connection;
  connection.bootstrap_servers = "127.0.0.1:1";
  connection.timeout = 3s;
  const auto [result, elapsed] = timed_connect(connection);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "kafka '127.0.0.1:1': cannot connect (Connection refused)");
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
  EXPECT_LT(elapsed, connection.timeout + 2s);
  std::printf("broker down: failed in %lld ms\n", static_cast<long long>(elapsed.count()));
}

TEST(KafkaConnect, UnknownHostFailsWithinTheTimeoutWithOneLine) {
  Connection connection;
  connection.bootstrap_servers = "nohost.invalid:9092";
  connection.timeout = 3s;
  const auto [result, elapsed] = timed_connect(connection);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "kafka 'nohost.invalid:9092': cannot resolve host");
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
  EXPECT_LT(elapsed, connection.timeout + 2s);
  std::printf("unknown host: failed in %lld ms\n", static_cast<long long>(elapsed.count()));
}

TEST(KafkaConnect, WrongPasswordFailsWithOneLineWithoutThePassword) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  Connection connection = admin_connection();
  connection.password = "not-the-Secret-42";
  connection.timeout = 5s;
  const auto [result, elapsed] = timed_connect(connection);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "kafka '" + connection.bootstrap_servers
                + "': authentication failed for user 'admin' (SASL PLAIN)");
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(result.error().message.find(connection.password), std::string::npos);
  EXPECT_LT(elapsed, connection.timeout + 2s);
  std::printf("wrong password: failed in %lld ms\n", static_cast<long long>(elapsed.count()));
}

TEST(KafkaConnect, JavaMechanismSpellingIsAccepted) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  Connection connection = admin_connection();
  connection.properties["sasl.mechanism"] = "PLAIN";
  auto result = make_kafka_admin(connection);
  EXPECT_TRUE(result) << result.error().message;
}

TEST(KafkaConnect, BadPropertiesFailWithOneLine) {
  Connection connection;
  connection.bootstrap_servers = "127.0.0.1:1";
  connection.properties["no.such.property"] = "1";
  auto result = make_kafka_admin(connection);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(result.error().message.starts_with("kafka property 'no.such.property': "))
      << result.error().message;
  EXPECT_EQ(result.error().message.find('\n'), std::string::npos);

  connection.properties.clear();
  connection.properties["sasl.jaas.config"] = "PlainLoginModule required password=\"x\";";
  result = make_kafka_admin(connection);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("--username"), std::string::npos) << result.error().message;
}

// --- topics ----------------------------------------------------------------------------------

TEST_F(KafkaAdminTest, CreatesTopicsInOneBatchAndDescribesThem) {
  const plan::Topic a{
      topic("a"), 3, -1, {{"cleanup.policy", "compact"}, {"retention.ms", "3600000"}}};
  const plan::Topic b{topic("b"), 1, 1, {}};
  const auto outcomes = m_admin->create_topics({a, b}, false);
  ASSERT_EQ(outcomes.size(), 2u);
  ASSERT_TRUE(outcomes[0] && outcomes[1]) << messages(outcomes);

  const auto described = describe_until(test_prefix(), [](const auto& d) { return d.size() == 2; });
  ASSERT_EQ(described.size(), 2u);
  EXPECT_EQ(described[0].topic.name, a.name); // sorted by name
  EXPECT_EQ(described[0].topic.partitions, 3);
  EXPECT_EQ(described[0].topic.replication, 1);
  EXPECT_EQ(described[0].topic.config.at("cleanup.policy"), "compact");
  EXPECT_EQ(described[0].topic.config.at("retention.ms"), "3600000");
  EXPECT_TRUE(described[0].topic.config.contains("segment.bytes")); // broker defaults too
  EXPECT_EQ(described[0].overrides, a.config);
  EXPECT_EQ(described[1].topic.name, b.name);
  EXPECT_EQ(described[1].topic.partitions, 1);
  EXPECT_EQ(described[1].topic.config.at("cleanup.policy"), "delete");
  EXPECT_TRUE(described[1].overrides.empty());
}

TEST_F(KafkaAdminTest, DescribeTopicsSkipsInternalTopicsAndOtherPrefixes) {
  ASSERT_NO_FATAL_FAILURE(create_and_wait({{topic("x"), 1, -1, {}}}));
  auto all = m_admin->describe_topics("");
  ASSERT_TRUE(all) << all.error().message;
  for (const auto& d : *all) {
    EXPECT_FALSE(d.topic.name.starts_with("_")) << d.topic.name;
  }
  const auto none = m_admin->describe_topics(test_prefix() + "nothing-here.");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
}

TEST_F(KafkaAdminTest, ValidateOnlyCreatesNothingAndReportsABadConfigPerTopic) {
  const plan::Topic good{topic("good"), 2, -1, {{"cleanup.policy", "delete"}}};
  const plan::Topic bad{topic("bad"), 2, -1, {{"cleanup.policy", "nonsense"}}};
  const auto outcomes = m_admin->create_topics({good, bad}, true);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0]) << messages(outcomes);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(outcomes[1].error().message.starts_with("topic '" + bad.name + "': "))
      << outcomes[1].error().message;
  EXPECT_NE(outcomes[1].error().message.find("nonsense"), std::string::npos)
      << outcomes[1].error().message;
  EXPECT_FALSE(outcomes[1].error().message.ends_with("."));
  std::printf("validate_only bad config: %s\n", outcomes[1].error().message.c_str());

  std::this_thread::sleep_for(500ms);
  const auto described = m_admin->describe_topics(test_prefix());
  ASSERT_TRUE(described) << described.error().message;
  EXPECT_TRUE(described->empty());
}

TEST_F(KafkaAdminTest, CreatingAnExistingTopicIsAConflictForThatItemOnly) {
  const plan::Topic existing{topic("existing"), 1, -1, {}};
  ASSERT_NO_FATAL_FAILURE(create_and_wait({existing}));
  const plan::Topic fresh{topic("fresh"), 1, -1, {}};
  const auto outcomes = m_admin->create_topics({existing, fresh}, false);
  ASSERT_EQ(outcomes.size(), 2u);
  ASSERT_FALSE(outcomes[0]);
  EXPECT_EQ(outcomes[0].error().code, ErrorCode::conflict);
  EXPECT_TRUE(outcomes[0].error().message.starts_with("topic '" + existing.name + "': "))
      << outcomes[0].error().message;
  EXPECT_FALSE(outcomes[0].error().message.ends_with("."));
  EXPECT_TRUE(outcomes[1]) << outcomes[1].error().message;
  std::printf("conflict: %s\n", outcomes[0].error().message.c_str());
}

TEST_F(KafkaAdminTest, CreatePartitionsGrowsTopics) {
  const plan::Topic t{topic("grow"), 1, -1, {}};
  ASSERT_NO_FATAL_FAILURE(create_and_wait({t}));
  const auto outcomes = m_admin->create_partitions({{t.name, 4}, {topic("missing"), 2}});
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0]) << messages(outcomes);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::not_found) << outcomes[1].error().message;
  const auto described = describe_until(
      test_prefix(), [](const auto& d) { return d.size() == 1 && d[0].topic.partitions == 4; });
  ASSERT_EQ(described.size(), 1u);
  EXPECT_EQ(described[0].topic.partitions, 4);
}

TEST_F(KafkaAdminTest, SetTopicConfigsKeepsOtherOverrides) {
  const plan::Topic t{topic("cfg"), 1, -1, {{"cleanup.policy", "compact"}}};
  const plan::Topic u{topic("cfg2"), 1, -1, {{"segment.ms", "600000"}}};
  ASSERT_NO_FATAL_FAILURE(create_and_wait({t, u}));
  const auto outcomes = m_admin->set_topic_configs({{t.name, {{"retention.ms", "7200000"}}},
                                                    {u.name, {{"segment.ms", "700000"}}},
                                                    {topic("missing"), {{"retention.ms", "1"}}}});
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0] && outcomes[1]) << messages(outcomes);
  ASSERT_FALSE(outcomes[2]);
  EXPECT_EQ(outcomes[2].error().code, ErrorCode::not_found) << outcomes[2].error().message;

  const auto described = describe_until(test_prefix(), [](const auto& d) {
    return d.size() == 2 && d[0].overrides.contains("retention.ms");
  });
  ASSERT_EQ(described.size(), 2u);
  const plan::ConfigMap expected_t{{"cleanup.policy", "compact"}, {"retention.ms", "7200000"}};
  EXPECT_EQ(described[0].overrides, expected_t);
  EXPECT_EQ(described[0].topic.config.at("cleanup.policy"), "compact");
  const plan::ConfigMap expected_u{{"segment.ms", "700000"}};
  EXPECT_EQ(described[1].overrides, expected_u);
}

TEST_F(KafkaAdminTest, DeleteTopicsReportsEachItem) {
  const plan::Topic t{topic("gone"), 1, -1, {}};
  ASSERT_NO_FATAL_FAILURE(create_and_wait({t}));
  const auto outcomes = m_admin->delete_topics({t.name, topic("never-existed")});
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0]) << messages(outcomes);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code, ErrorCode::not_found) << outcomes[1].error().message;
  const auto described = describe_until(test_prefix(), [](const auto& d) { return d.empty(); });
  EXPECT_TRUE(described.empty());
}

// --- ACLs ------------------------------------------------------------------------------------

plan::AclBinding acl(const std::string& name,
                     plan::PatternType pattern,
                     const std::string& principal,
                     plan::AclOperation operation) {
  plan::AclBinding binding;
  binding.resource_type = plan::ResourceType::topic;
  binding.resource_name = name;
  binding.pattern_type = pattern;
  binding.principal = principal;
  binding.operation = operation;
  return binding;
}

std::vector<plan::AclBinding> ours(const std::vector<plan::AclBinding>& all,
                                   const std::string& prefix) {
  std::vector<plan::AclBinding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const auto& b) {
    return b.resource_name.starts_with(prefix);
  });
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(KafkaAdminTest, AclsRoundTripAndDeleteIsExact) {
  const std::string name = test_prefix() + "orders";
  const std::string principal = "User:" + test_prefix() + "svc";
  const auto prefixed = acl(name, plan::PatternType::prefixed, principal, plan::AclOperation::read);
  const auto literal = acl(name, plan::PatternType::literal, principal, plan::AclOperation::read);
  auto group = acl(
      test_prefix() + "group", plan::PatternType::prefixed, principal, plan::AclOperation::read);
  group.resource_type = plan::ResourceType::group;
  auto deny = acl(name, plan::PatternType::literal, principal, plan::AclOperation::write);
  deny.permission = plan::AclPermission::deny;
  // librdkafka >= 2.6 only (cmake/Dependencies.cmake requires it).
  auto txn =
      acl(test_prefix() + "txn", plan::PatternType::prefixed, principal, plan::AclOperation::write);
  txn.resource_type = plan::ResourceType::transactional_id;

  const auto created = m_admin->create_acls({prefixed, literal, group, deny, txn});
  ASSERT_EQ(created.size(), 5u);
  for (const auto& outcome : created) {
    ASSERT_TRUE(outcome) << messages(created);
  }

  std::vector<plan::AclBinding> expected{prefixed, literal, group, deny, txn};
  std::sort(expected.begin(), expected.end());
  std::vector<plan::AclBinding> found;
  for (int attempt = 0; attempt < 50 && found != expected; ++attempt) {
    auto all = m_admin->describe_acls();
    ASSERT_TRUE(all) << all.error().message;
    found = ours(*all, test_prefix());
    if (found != expected) {
      std::this_thread::sleep_for(200ms);
    }
  }
  EXPECT_EQ(found, expected);

  // Deleting the PREFIXED binding leaves the LITERAL one with the same name and principal.
  const auto deleted = m_admin->delete_acls({prefixed});
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_TRUE(deleted[0]) << messages(deleted);
  std::vector<plan::AclBinding> remaining{literal, group, deny, txn};
  std::sort(remaining.begin(), remaining.end());
  for (int attempt = 0; attempt < 50 && found != remaining; ++attempt) {
    auto all = m_admin->describe_acls();
    ASSERT_TRUE(all) << all.error().message;
    found = ours(*all, test_prefix());
    if (found != remaining) {
      std::this_thread::sleep_for(200ms);
    }
  }
  EXPECT_EQ(found, remaining);

  // A binding that no longer exists is reported as not matched; the others are deleted.
  const auto again = m_admin->delete_acls({prefixed, literal, group, deny, txn});
  ASSERT_EQ(again.size(), 5u);
  ASSERT_FALSE(again[0]);
  EXPECT_EQ(again[0].error().code, ErrorCode::not_found) << again[0].error().message;
  EXPECT_TRUE(again[1] && again[2] && again[3] && again[4]) << messages(again);
  for (int attempt = 0; attempt < 50 && !found.empty(); ++attempt) {
    auto all = m_admin->describe_acls();
    ASSERT_TRUE(all) << all.error().message;
    found = ours(*all, test_prefix());
    if (!found.empty()) {
      std::this_thread::sleep_for(200ms);
    }
  }
  EXPECT_TRUE(found.empty());
}

TEST(KafkaConnect, DescribeAclsWithoutPermissionIsAnErrorNotAnEmptyList) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  // librdkafka drops DescribeAcls' CLUSTER_AUTHORIZATION_FAILED; the adapter must not turn that
  // into "there are no ACLs". acme.stranger has no DESCRIBE on the cluster.
  Connection connection = admin_connection();
  connection.username = "acme.stranger";
  connection.password = "acme.stranger-secret";
  auto admin = make_kafka_admin(connection);
  ASSERT_TRUE(admin) << admin.error().message;
  const auto acls = (*admin)->describe_acls();
  ASSERT_FALSE(acls);
  EXPECT_EQ(acls.error().code, ErrorCode::unauthorized) << acls.error().message;
}

} // namespace
} // namespace specmesh::kafka
