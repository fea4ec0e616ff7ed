#include "../temp_dir.hpp"
#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string>

namespace specmesh::cli {
namespace {

using namespace std::chrono_literals;
using unit::TempDir;
using Properties = std::map<std::string, std::string>;

constexpr const char* k_secret = "s3cret-pw";
constexpr const char* k_sr_secret = "sr-s3cret";

CommandOptions kafka_options() {
  return {.bootstrap_servers = "broker:9092", .username = "admin", .secret = k_secret};
}

TEST(KafkaConnectionTest, CarriesServersUserPasswordAndTimeout) {
  CommandOptions options = kafka_options();
  options.timeout_seconds = 2.5;
  const Result<kafka::Connection> connection = kafka_connection(options);
  ASSERT_TRUE(connection) << connection.error().message;
  EXPECT_EQ(connection->bootstrap_servers, "broker:9092");
  EXPECT_EQ(connection->username, "admin");
  EXPECT_EQ(connection->password, k_secret);
  EXPECT_EQ(connection->timeout, 2500ms);
  EXPECT_EQ(connection->properties, Properties{});
}

TEST(KafkaConnectionTest, TheDefaultTimeoutIsThirtySeconds) {
  const Result<kafka::Connection> connection = kafka_connection(kafka_options());
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->timeout, 30s);
}

TEST(KafkaConnectionTest, WithoutBootstrapServersTheErrorNamesTheOption) {
  const Result<kafka::Connection> connection =
      kafka_connection({.username = "admin", .secret = k_secret});
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(connection.error().message, "set the Kafka bootstrap servers with --bootstrap-server");
}

TEST(KafkaConnectionTest, ATimeoutMustBePositive) {
  for (const double seconds : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN()}) {
    CommandOptions options = kafka_options();
    options.timeout_seconds = seconds;
    const Result<kafka::Connection> connection = kafka_connection(options);
    ASSERT_FALSE(connection) << seconds;
    EXPECT_EQ(connection.error().message, "--timeout must be more than 0 seconds");
  }
}

TEST(KafkaConnectionTest, PropertiesAreClientPropertiesInEitherSaslSpelling) {
  // The Java spelling `sasl.mechanism` passes as given; the kafka layer translates it.
  CommandOptions options = kafka_options();
  options.properties = {"security.protocol=SASL_SSL",
                        "sasl.mechanism=SCRAM-SHA-512",
                        "sasl.mechanisms=SCRAM-SHA-256",
                        "ssl.ca.location=/etc/ca.pem",
                        "client.id=a=b",
                        "enable.ssl.certificate.verification"};
  const Result<kafka::Connection> connection = kafka_connection(options);
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->properties,
            (Properties{{"security.protocol", "SASL_SSL"},
                        {"sasl.mechanism", "SCRAM-SHA-512"},
                        {"sasl.mechanisms", "SCRAM-SHA-256"},
                        {"ssl.ca.location", "/etc/ca.pem"},
                        {"client.id", "a=b"},
                        {"enable.ssl.certificate.verification", ""}}));
}

TEST(KafkaConnectionTest, SpecmeshsOwnPropertiesAreNotClientProperties) {
  CommandOptions options = kafka_options();
  options.properties = {"specmesh.public=pub",
                        "specmesh.protected=prot",
                        "specmesh.private=priv",
                        "DELIMITER=:",
                        "provision.properties=/nowhere/provision.properties",
                        "linger.ms=5"};
  const Result<kafka::Connection> connection = kafka_connection(options);
  ASSERT_TRUE(connection) << connection.error().message;
  EXPECT_EQ(connection->properties, (Properties{{"linger.ms", "5"}}));
}

TEST(KafkaConnectionTest, TheLastPropertyOfAKeyWins) {
  CommandOptions options = kafka_options();
  options.properties = {"security.protocol=SSL", "security.protocol=SASL_SSL"};
  const Result<kafka::Connection> connection = kafka_connection(options);
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->properties.at("security.protocol"), "SASL_SSL");
}

TEST(KafkaConnectionTest, ACommandConfigFileSuppliesClientProperties) {
  const TempDir dir;
  CommandOptions options = kafka_options();
  options.command_config = dir.write("client.properties",
                                     "# SSL settings\n"
                                     "\n"
                                     "   \n"
                                     "  # indented comment\n"
                                     "security.protocol=SASL_SSL\r\n"
                                     "  sasl.mechanism = SCRAM-SHA-256  \n"
                                     "sasl.jaas.config=org.Login required username=\"u\";\n"
                                     "ssl.endpoint.identification.algorithm=\n");
  const Result<kafka::Connection> connection = kafka_connection(options);
  ASSERT_TRUE(connection) << connection.error().message;
  EXPECT_EQ(connection->properties,
            (Properties{{"security.protocol", "SASL_SSL"},
                        {"sasl.mechanism", "SCRAM-SHA-256"},
                        {"sasl.jaas.config", "org.Login required username=\"u\";"},
                        {"ssl.endpoint.identification.algorithm", ""}}));
}

TEST(KafkaConnectionTest, ConfigPropertiesOverridesTheCommandConfigAndDashDOverridesBoth) {
  const TempDir dir;
  CommandOptions options = kafka_options();
  options.command_config =
      dir.write("command.properties", "a=command\nb=command\nc=command\nonly.command=1\n");
  options.properties = {"config.properties="
                            + dir.write("config.properties", "b=config\nc=config\nonly.config=1\n"),
                        "c=dash-d"};
  const Result<kafka::Connection> connection = kafka_connection(options);
  ASSERT_TRUE(connection) << connection.error().message;
  EXPECT_EQ(connection->properties,
            (Properties{{"a", "command"},
                        {"b", "config"},
                        {"c", "dash-d"},
                        {"only.command", "1"},
                        {"only.config", "1"}}));
}

TEST(KafkaConnectionTest, AnUnreadableClientConfigIsAnErrorNamingTheFile) {
  const TempDir dir;
  const std::string missing = dir.path("missing.properties");
  CommandOptions command_config = kafka_options();
  command_config.command_config = missing;
  CommandOptions config_properties = kafka_options();
  config_properties.properties = {"config.properties=" + missing};
  for (const CommandOptions& options : {command_config, config_properties}) {
    const Result<kafka::Connection> connection = kafka_connection(options);
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(connection.error().message, "client config '" + missing + "' cannot be read");
  }
}

TEST(KafkaConnectionTest, NoErrorCarriesTheSecret) {
  CommandOptions no_servers = kafka_options();
  no_servers.bootstrap_servers.clear();
  CommandOptions no_timeout = kafka_options();
  no_timeout.timeout_seconds = 0;
  CommandOptions unreadable_config = kafka_options();
  unreadable_config.command_config = "/nowhere/client.properties";
  for (const CommandOptions& options : {no_servers, no_timeout, unreadable_config}) {
    const Result<kafka::Connection> connection = kafka_connection(options);
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().message.find(k_secret), std::string::npos)
        << connection.error().message;
  }
}

TEST(ConnectKafkaTest, ConnectsWithTheConnectionTheOptionsDescribe) {
  std::ostringstream out;
  std::ostringstream err;
  std::optional<kafka::Connection> seen;
  Environment env{out, err, [&](const kafka::Connection& connection) {
                    seen = connection;
                    return Result<std::unique_ptr<ports::KafkaAdmin>>(
                        fail(ErrorCode::unavailable, "broker down"));
                  }};
  CommandOptions options = kafka_options();
  options.properties = {"linger.ms=5"};
  const auto admin = connect_kafka(options, env);
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().message, "broker down");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->bootstrap_servers, "broker:9092");
  EXPECT_EQ(seen->password, k_secret);
  EXPECT_EQ(seen->properties, (Properties{{"linger.ms", "5"}}));
}

TEST(ConnectKafkaTest, ABadConnectionIsReportedWithoutConnecting) {
  std::ostringstream out;
  std::ostringstream err;
  bool connected = false;
  Environment env{out, err, [&](const kafka::Connection&) {
                    connected = true;
                    return Result<std::unique_ptr<ports::KafkaAdmin>>(nullptr);
                  }};
  const auto admin = connect_kafka(CommandOptions{}, env);
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().message, "set the Kafka bootstrap servers with --bootstrap-server");
  EXPECT_FALSE(connected);
}

TEST(ConnectKafkaTest, WithoutAKafkaClientItIsAnInternalError) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
  const auto admin = connect_kafka(kafka_options(), env);
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().code, ErrorCode::internal);
  EXPECT_EQ(admin.error().message, "this specmesh has no Kafka client");
}

TEST(RegistryConnectionTest, CarriesUrlBasicAuthAndTimeout) {
  const Result<registry::Connection> connection =
      registry_connection({.schema_registry = "http://registry:8081",
                           .sr_api_key = "key",
                           .sr_api_secret = k_sr_secret,
                           .timeout_seconds = 0.25});
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->url, "http://registry:8081");
  EXPECT_EQ(connection->api_key, "key");
  EXPECT_EQ(connection->api_secret, k_sr_secret);
  EXPECT_EQ(connection->timeout, 250ms);
  EXPECT_EQ(connection->ca_file, "");
}

TEST(RegistryConnectionTest, WithoutAUrlTheErrorNamesTheOptionAndTheWayOut) {
  const Result<registry::Connection> connection =
      registry_connection({.sr_api_key = "key", .sr_api_secret = k_sr_secret});
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(connection.error().message,
            "set the schema registry URL with --schema-registry, or pass --sr-disabled");
  EXPECT_EQ(connection.error().message.find(k_sr_secret), std::string::npos);
}

} // namespace
} // namespace specmesh::cli
