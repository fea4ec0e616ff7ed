// kafka::make_kafka_admin against the real local broker (scripts/local-env.sh up): Kafka 4.x,
// SASL/PLAIN, ACLs enforced. The ports' contract suites (tests/contract) run here on the real
// adapter, as they run on the fake in the unit tests; this file adds what only the adapter
// has: connecting, its failures and the broker's own refusals. Every run uses its own name
// prefix, so re-runs never collide.
#include "../support.hpp"
#include "contract/acl_admin_contract.hpp"
#include "contract/cluster_metrics_contract.hpp"
#include "contract/topic_admin_contract.hpp"

#include <specmesh/kafka/connect.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace specmesh::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using itest::admin_connection;
using itest::local_env;

/// The real adapter on the local broker, for the contract suites.
class RealKafka {
public:
  RealKafka() {
    if (!local_env().problem.empty()) {
      m_problem = local_env().problem;
      return;
    }
    auto admin = make_kafka_admin(admin_connection());
    if (!admin) {
      m_problem = admin.error().message;
      return;
    }
    m_admin = std::move(*admin);
  }

  std::string problem() const { return m_problem; }

  /// "itest.<8 hex>." once per process, so re-runs never see each other's topics or ACLs.
  std::string run_prefix() const {
    static const std::string prefix = "itest." + itest::random_hex(8) + ".";
    return prefix;
  }

  ports::KafkaAdmin& admin() { return *m_admin; }

  /// `__consumer_offsets`, made sure to exist by committing an offset of `existing_topic`.
  std::string internal_topic(const std::string& existing_topic) {
    std::string error;
    contract::eventually([&] {
      error = itest::ensure_consumer_offsets(existing_topic, run_prefix() + "offsets");
      return error.empty();
    });
    return error.empty() ? "__consumer_offsets" : "";
  }

  std::string produce(const std::string& topic, int records) {
    for (int i = 0; i < records; ++i) {
      const itest::Attempt sent = itest::produce(local_env().admin, topic, "record", 10s);
      if (!sent.ok) {
        return sent.describe();
      }
    }
    return "";
  }

  std::string
  commit(const std::string& group, const std::string& topic, int partition, std::int64_t offset) {
    return itest::commit_offset(group, topic, partition, offset);
  }

private:
  std::string m_problem;
  std::unique_ptr<ports::KafkaAdmin> m_admin;
};

} // namespace
} // namespace specmesh::kafka

namespace specmesh::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Real, TopicAdminContract, kafka::RealKafka);
INSTANTIATE_TYPED_TEST_SUITE_P(Real, AclAdminContract, kafka::RealKafka);
INSTANTIATE_TYPED_TEST_SUITE_P(Real, ClusterMetricsContract, kafka::RealKafka);
} // namespace specmesh::contract

namespace specmesh::kafka {
namespace {

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

TEST(KafkaConnect, TheRegistrysPortAsBootstrapServerIsNamedAsHttp) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  // "http://127.0.0.1:18081/apis/ccompat/v7" -> "127.0.0.1:18081"
  const std::string& url = local_env().registry_url;
  const std::size_t host = url.find("://") + 3;
  Connection connection;
  connection.bootstrap_servers = url.substr(host, url.find('/', host) - host);
  const auto [result, elapsed] = timed_connect(connection);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "kafka '" + connection.bootstrap_servers + "': '" + connection.bootstrap_servers
                + "' answered with HTTP, not the Kafka protocol: is --bootstrap-server the "
                  "schema registry's or a web port?");
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_LT(elapsed, 5s);
  std::printf("registry port as broker: failed in %lld ms\n",
              static_cast<long long>(elapsed.count()));
}

TEST(KafkaConnect, BrokerDownWithoutATimeoutFailsWithinTenSeconds) {
  Connection connection;
  connection.bootstrap_servers = "127.0.0.1:1";
  const auto [result, elapsed] = timed_connect(connection);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "kafka '127.0.0.1:1': cannot connect (Connection refused)");
  EXPECT_LT(elapsed, 11s);
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
