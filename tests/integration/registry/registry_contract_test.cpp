// registry::make_schema_registry against the local environment's real Apicurio Registry 3.3.3
// (scripts/local-env.sh up). The port's contract suite (tests/contract) runs here on the real
// adapter, as it runs on the fake in the unit tests; this file adds what only the adapter has:
// connecting and its failures (a scripted HTTP server gives the answers Apicurio cannot), and
// Apicurio's own answers (compatibility it computes, its error numbers). Every run uses its own
// subject prefix, so re-runs never collide; the global compatibility level is never changed.
// Fails (never skips) when the environment is not running.
#include "../support.hpp"
#include "contract/schema_registry_contract.hpp"
#include "scripted_server.hpp"

#include <specmesh/registry/connect.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace specmesh::registry {
namespace {

using namespace std::chrono_literals;
using contract::field;
using contract::joined;
using contract::make_subject;
using contract::record;
using itest::local_env;
using schema::SchemaType;
using test_servers::ScriptedServer;

/// The real adapter on the local registry, for the contract suite.
class RealRegistry {
public:
  RealRegistry() {
    if (!local_env().problem.empty()) {
      m_problem = local_env().problem;
      return;
    }
    Connection connection;
    connection.url = local_env().registry_url;
    connection.timeout = 15s;
    auto registry = make_schema_registry(connection);
    if (!registry) {
      m_problem = registry.error().message;
      return;
    }
    m_registry = std::move(*registry);
  }

  std::string problem() const { return m_problem; }

  /// "rct<8 hex>" once per process: a valid Avro namespace part and subject prefix.
  std::string run_prefix() const {
    static const std::string prefix = "rct" + itest::random_hex(8);
    return prefix;
  }

  ports::SchemaRegistry& registry() { return *m_registry; }

  /// The registry computes compatibility itself.
  void declare_incompatible(const std::string&, const std::vector<std::string>&) {}

private:
  std::string m_problem;
  std::unique_ptr<ports::SchemaRegistry> m_registry;
};

} // namespace
} // namespace specmesh::registry

namespace specmesh::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Real, SchemaRegistryContract, registry::RealRegistry);
} // namespace specmesh::contract

namespace specmesh::registry {
namespace {

// ---------------------------------------------------------------------------------------
// Connecting
// ---------------------------------------------------------------------------------------

TEST(RegistryConnectTest, ConnectionRefusedIsOneLineNamingTheUrl) {
  Connection connection;
  connection.url = "http://127.0.0.1:1";
  connection.timeout = 5s;
  auto registry = make_schema_registry(connection);
  ASSERT_FALSE(registry);
  EXPECT_EQ(registry.error().code, ErrorCode::unavailable);
  EXPECT_EQ(registry.error().message,
            "schema registry 'http://127.0.0.1:1': cannot connect (Connection refused)");
}

TEST(RegistryConnectTest, CredentialsInTheUrlAreNeverPrinted) {
  Connection connection;
  connection.url = "http://someone:url-secret@127.0.0.1:1/apis/ccompat/v7/";
  connection.api_secret = "api-secret";
  connection.timeout = 5s;
  auto registry = make_schema_registry(connection);
  ASSERT_FALSE(registry);
  EXPECT_EQ(registry.error().message,
            "schema registry 'http://127.0.0.1:1/apis/ccompat/v7': cannot connect (Connection "
            "refused)");
}

TEST(RegistryConnectTest, RejectsUrlsThatAreNotHttp) {
  for (const char* url : {"ftp://127.0.0.1/x", "127.0.0.1:8081", "", "http://"}) {
    Connection connection;
    connection.url = url;
    auto registry = make_schema_registry(connection);
    ASSERT_FALSE(registry) << url;
    EXPECT_EQ(registry.error().code, ErrorCode::invalid_input) << url;
    EXPECT_NE(registry.error().message.find("invalid url"), std::string::npos)
        << registry.error().message;
  }
  Connection connection;
  connection.url = "ftp://user:ftp-secret@127.0.0.1/x";
  auto registry = make_schema_registry(connection);
  ASSERT_FALSE(registry);
  EXPECT_EQ(registry.error().message.find("ftp-secret"), std::string::npos)
      << registry.error().message;
}

TEST(RegistryConnectTest, AuthenticationFailureSendsBasicAuthAndNeverPrintsTheSecret) {
  const std::string body = R"({"error_code":40101,"message":"Unauthorized"})";
  ScriptedServer server("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                        "Content-Length: "
                        + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  ASSERT_NE(server.port(), 0);
  Connection connection;
  connection.url = "http://127.0.0.1:" + std::to_string(server.port());
  connection.api_key = "alice";
  connection.api_secret = "s3cr3t-value";
  connection.timeout = 5s;
  auto registry = make_schema_registry(connection);
  ASSERT_FALSE(registry);
  EXPECT_EQ(registry.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(registry.error().message,
            "schema registry '" + connection.url + "': authentication failed (HTTP 401)");
  const std::string request = server.requests();
  EXPECT_NE(request.find("GET /subjects HTTP/1.1"), std::string::npos) << request;
  // base64("alice:s3cr3t-value")
  EXPECT_NE(request.find("Authorization: Basic YWxpY2U6czNjcjN0LXZhbHVl"), std::string::npos)
      << request;
  EXPECT_NE(request.find("Accept: application/vnd.schemaregistry.v1+json"), std::string::npos)
      << request;
}

TEST(RegistryConnectTest, NoAnswerWithinTheTimeoutIsATimeout) {
  ScriptedServer silent("");
  ASSERT_NE(silent.port(), 0);
  Connection connection;
  connection.url = "http://127.0.0.1:" + std::to_string(silent.port());
  connection.timeout = 300ms;
  const auto start = std::chrono::steady_clock::now();
  auto registry = make_schema_registry(connection);
  ASSERT_FALSE(registry);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(registry.error().code, ErrorCode::timeout);
  EXPECT_EQ(registry.error().message,
            "schema registry '" + connection.url + "': no answer within 300 ms");
}

TEST(RegistryConnectTest, ARequestWithoutAnAnswerIsSentAgainOnANewConnection) {
  // The first connection swallows the request; the second answers it.
  ScriptedServer flaky(
      std::vector<std::string>{"",
                               "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\nConnection: close\r\n\r\n[]"});
  ASSERT_NE(flaky.port(), 0);
  Connection connection;
  connection.url = "http://127.0.0.1:" + std::to_string(flaky.port());
  connection.timeout = 1500ms;
  const auto start = std::chrono::steady_clock::now();
  auto registry = make_schema_registry(connection);
  ASSERT_TRUE(registry) << registry.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  const std::string requests = flaky.requests();
  std::size_t sent = 0;
  for (auto at = requests.find("GET /subjects"); at != std::string::npos;
       at = requests.find("GET /subjects", at + 1)) {
    ++sent;
  }
  EXPECT_EQ(sent, 2U) << requests;
}

TEST(RegistryConnectTest, AServerWithoutSubjectsIsNotASchemaRegistry) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  // Apicurio's root: GET /subjects there is RESTEasy's 404, not the ccompat API.
  std::string root = local_env().registry_url;
  root = root.substr(0, root.find("/apis/"));
  Connection connection;
  connection.url = root;
  auto registry = make_schema_registry(connection);
  ASSERT_FALSE(registry);
  EXPECT_EQ(registry.error().code, ErrorCode::not_found);
  EXPECT_EQ(registry.error().message,
            "schema registry '" + root + "': not a schema registry (HTTP 404 on /subjects)");
}

// ---------------------------------------------------------------------------------------
// Apicurio's own answers
// ---------------------------------------------------------------------------------------

using ApicurioTest = contract::SchemaRegistryContract<RealRegistry>;

TEST_F(ApicurioTest, ComputesCompatibilityUnderFullTransitive) {
  const std::string name = subject("value");
  const auto version = [&](const std::vector<nlohmann::json>& fields) {
    return avro(name, "Thing", fields);
  };
  const plan::Subject v1 = version({field("a", "string"), field("b", "int")});
  must_register(v1);
  ASSERT_TRUE(registry().set_compatibility_level(name, "FULL_TRANSITIVE"));

  // Removing a required field: old readers miss it (no default).
  const plan::Subject removed = version({field("a", "string")});
  auto check = registry().check_compatibility(name, removed);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->compatible);
  std::cout << "[apicurio] removed required field, messages: [" << joined(check->messages) << "]\n";
  RecordProperty("removed_field_messages", joined(check->messages));

  // Adding a required field without default: new readers cannot read old data.
  const plan::Subject added =
      version({field("a", "string"), field("b", "int"), field("c", "long")});
  check = registry().check_compatibility(name, added);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->compatible);
  std::cout << "[apicurio] added required field, messages: [" << joined(check->messages) << "]\n";
  RecordProperty("added_field_messages", joined(check->messages));

  // Adding an optional field is fine.
  const plan::Subject optional =
      version({field("a", "string"), field("b", "int"), field("c", "long", 0)});
  check = registry().check_compatibility(name, optional);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->compatible) << joined(check->messages);

  // Transitive: v2 adds b2 with a default; v3 then drops the default. v3 is compatible with v2
  // both ways but cannot read v1's data: only a check against ALL versions sees it.
  const plan::Subject v2 =
      version({field("a", "string"), field("b", "int"), field("b2", "int", 7)});
  must_register(v2);
  const plan::Subject v3 = version({field("a", "string"), field("b", "int"), field("b2", "int")});
  check = registry().check_compatibility(name, v3);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->compatible);
}

TEST_F(ApicurioTest, ErrorsCarryTheRegistryErrorNumber) {
  const std::string ns = test_prefix();
  const std::string inner_name = ns + ".Inner";
  must_register(avro(inner_name, "Inner", {field("a", "int")}));
  must_register(
      avro(subject("value"), "Outer", {field("i", inner_name)}, {{inner_name, inner_name, -1}}));
  const auto has_number = [](const auto& result, const std::string& number) {
    return !result && result.error().message.find("(error " + number + ")") != std::string::npos;
  };

  const auto referenced = registry().delete_subject(inner_name, false);
  EXPECT_TRUE(has_number(referenced, "42206")) << referenced.error().message;
  std::cout << "[apicurio] delete referenced: " << referenced.error().message << "\n";

  const plan::Subject broken = make_subject(subject("broken"), SchemaType::avro, R"({"type":)");
  const auto invalid = registry().register_schema(broken.subject, broken);
  EXPECT_TRUE(has_number(invalid, "42201")) << invalid.error().message;
  std::cout << "[apicurio] invalid schema: " << invalid.error().message << "\n";

  const auto bogus = registry().set_compatibility_level(inner_name, "SIDEWAYS");
  EXPECT_TRUE(has_number(bogus, "42203")) << bogus.error().message;

  ASSERT_TRUE(registry().set_compatibility_level(inner_name, "FULL_TRANSITIVE"));
  const auto incompatible =
      registry().register_schema(inner_name, avro(inner_name, "Inner", {field("b", "int")}));
  EXPECT_TRUE(has_number(incompatible, "409")) << incompatible.error().message;
  std::cout << "[apicurio] incompatible registration: " << incompatible.error().message << "\n";

  const std::string lone = subject("lone");
  must_register(make_subject(lone, SchemaType::avro, R"("bytes")"));
  ASSERT_TRUE(registry().delete_subject(lone, false));
  const auto soft_again = registry().delete_subject(lone, false);
  EXPECT_TRUE(has_number(soft_again, "40404")) << soft_again.error().message;
  ASSERT_TRUE(registry().delete_subject(lone, true));
  const auto hard_again = registry().delete_subject(lone, true);
  EXPECT_TRUE(has_number(hard_again, "40401")) << hard_again.error().message;
}

} // namespace
} // namespace specmesh::registry
