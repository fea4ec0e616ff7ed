// registry::make_schema_registry against the local environment's real Apicurio Registry 3.3.3
// (scripts/local-env.sh up): every endpoint the adapter uses, with the answers Apicurio gives.
// Every run uses its own subject prefix, so re-runs never collide; the global compatibility
// level is never changed. Fails (never skips) when the environment is not running.
#include "../scripted_server.hpp"
#include "../support.hpp"

#include <specmesh/registry/connect.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace specmesh::registry {
namespace {

using namespace std::chrono_literals;
using itest::local_env;
using itest::ScriptedServer;
using schema::SchemaType;

// ---------------------------------------------------------------------------------------
// The local environment
// ---------------------------------------------------------------------------------------

/// "rct<random>" once per process: a valid Avro namespace part and subject prefix.
const std::string& run_prefix() {
  static const std::string prefix = "rct" + itest::random_hex(8);
  return prefix;
}

// ---------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------

plan::Subject make_subject(const std::string& subject,
                           SchemaType type,
                           std::string text,
                           std::vector<plan::SchemaReference> references = {}) {
  plan::Subject s;
  s.subject = subject;
  s.type = type;
  s.schema = std::move(text);
  s.references = std::move(references);
  return s;
}

/// An Avro record `name` in `ns` with the given field JSON objects.
std::string
record(const std::string& ns, const std::string& name, const std::vector<nlohmann::json>& fields) {
  return nlohmann::json{{"type", "record"}, {"name", name}, {"namespace", ns}, {"fields", fields}}
      .dump();
}

nlohmann::json field(const std::string& name, const nlohmann::json& type) {
  return {{"name", name}, {"type", type}};
}

nlohmann::json field(const std::string& name, const nlohmann::json& type, int default_value) {
  return {{"name", name}, {"type", type}, {"default", default_value}};
}

bool same_json(const std::string& a, const std::string& b) {
  return nlohmann::json::parse(a) == nlohmann::json::parse(b);
}

std::string joined(const std::vector<std::string>& messages) {
  std::string text;
  for (const std::string& message : messages) {
    text += (text.empty() ? "" : " | ") + message;
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------

class RegistryContractTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
    Connection connection;
    connection.url = local_env().registry_url;
    connection.timeout = 15s;
    connection.max_parallel_requests = 4;
    auto registry = make_schema_registry(connection);
    ASSERT_TRUE(registry) << registry.error().message;
    m_registry = std::move(*registry);
  }

  /// "<run>-<test>": this test's subjects and Avro namespace all start with it.
  static std::string test_prefix() {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    return run_prefix() + "_" + name;
  }

  static std::string subject(const std::string& suffix) { return test_prefix() + "-" + suffix; }

  int must_register(const plan::Subject& schema) {
    auto id = m_registry->register_schema(schema.subject, schema);
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : -1;
  }

  ports::RegisteredSchema must_latest(const std::string& name) {
    auto latest = m_registry->latest_versions({name});
    EXPECT_TRUE(latest) << latest.error().message;
    if (!latest || latest->size() != 1) {
      ADD_FAILURE() << "no latest version of " << name;
      return {};
    }
    return latest->front();
  }

  void TearDown() override {
    if (!m_registry) {
      return;
    }
    // Best effort: referencing subjects (the longer names here) before the referenced ones.
    auto names = m_registry->list_subjects(test_prefix());
    if (names) {
      std::sort(names->begin(), names->end(), [](const auto& a, const auto& b) {
        return a.size() > b.size();
      });
      for (int pass = 0; pass < 2; ++pass) {
        for (const std::string& name : *names) {
          (void)m_registry->delete_subject(name, true);
        }
      }
    }
  }

  std::unique_ptr<ports::SchemaRegistry> m_registry;
};

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
// Subjects and versions
// ---------------------------------------------------------------------------------------

TEST_F(RegistryContractTest, ListsOnlySubjectsWithThePrefixSorted) {
  const std::string other = test_prefix() + "x-other"; // shares the test prefix, not ours below
  const std::string mine = test_prefix() + ".mine";
  for (const std::string& name : {mine + "-b", mine + "-a", other}) {
    must_register(make_subject(name, SchemaType::avro, R"("string")"));
  }
  auto names = m_registry->list_subjects(mine);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{mine + "-a", mine + "-b"}));
  auto all = m_registry->list_subjects(test_prefix());
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->size(), 3U);
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end()));
}

TEST_F(RegistryContractTest, RegistersAvroWithReferencesToTheLatestVersion) {
  const std::string ns = test_prefix();
  const std::string inner_name = ns + ".Inner";
  const plan::Subject inner =
      make_subject(inner_name, SchemaType::avro, record(ns, "Inner", {field("a", "string")}));
  const int inner_id = must_register(inner);
  ASSERT_GT(inner_id, 0);

  // specmesh-build's references say version -1 ("latest"); the adapter sends the number.
  const plan::Subject outer = make_subject(subject("value"),
                                           SchemaType::avro,
                                           record(ns, "Outer", {field("inner", inner_name)}),
                                           {{inner_name, inner_name, -1}});
  const int outer_id = must_register(outer);
  ASSERT_GT(outer_id, 0);
  EXPECT_NE(outer_id, inner_id);

  // Registering the same schema again is idempotent, with the number given explicitly too.
  plan::Subject explicit_version = outer;
  explicit_version.references = {{inner_name, inner_name, 1}};
  EXPECT_EQ(must_register(explicit_version), outer_id);
  EXPECT_EQ(must_register(outer), outer_id);

  const ports::RegisteredSchema latest = must_latest(outer.subject);
  EXPECT_EQ(latest.subject, outer.subject);
  EXPECT_EQ(latest.version, 1);
  EXPECT_EQ(latest.id, outer_id);
  EXPECT_EQ(latest.type, SchemaType::avro);
  EXPECT_TRUE(same_json(latest.schema, outer.schema)) << latest.schema;
  EXPECT_EQ(latest.references, (std::vector<plan::SchemaReference>{{inner_name, inner_name, 1}}));

  // A second version of the referenced type: "latest" now means 2.
  const plan::Subject inner2 =
      make_subject(inner_name,
                   SchemaType::avro,
                   record(ns, "Inner", {field("a", "string"), field("b", "int", 0)}));
  must_register(inner2);
  const int outer_v2 = must_register(outer);
  const ports::RegisteredSchema latest2 = must_latest(outer.subject);
  EXPECT_EQ(latest2.version, 2);
  EXPECT_EQ(latest2.id, outer_v2);
  EXPECT_EQ(latest2.references, (std::vector<plan::SchemaReference>{{inner_name, inner_name, 2}}));
}

TEST_F(RegistryContractTest, RegistersJsonSchemaAndProtobuf) {
  const plan::Subject json_schema =
      make_subject(subject("json-value"),
                   SchemaType::json,
                   R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object",)"
                   R"("properties":{"id":{"type":"string"}},"required":["id"]})");
  const plan::Subject proto =
      make_subject(subject("proto-value"),
                   SchemaType::protobuf,
                   "syntax = \"proto3\";\npackage acme.test;\n\n"
                   "message Thing {\n  string id = 1;\n  int64 at = 2;\n}\n");
  const int json_id = must_register(json_schema);
  const int proto_id = must_register(proto);
  EXPECT_GT(json_id, 0);
  EXPECT_GT(proto_id, 0);

  auto latest = m_registry->latest_versions({json_schema.subject, proto.subject});
  ASSERT_TRUE(latest) << latest.error().message;
  ASSERT_EQ(latest->size(), 2U);
  EXPECT_EQ((*latest)[0].type, SchemaType::json);
  EXPECT_EQ((*latest)[0].id, json_id);
  EXPECT_TRUE(same_json((*latest)[0].schema, json_schema.schema)) << (*latest)[0].schema;
  EXPECT_EQ((*latest)[1].type, SchemaType::protobuf);
  EXPECT_EQ((*latest)[1].id, proto_id);
  EXPECT_NE((*latest)[1].schema.find("message Thing"), std::string::npos) << (*latest)[1].schema;

  auto found = m_registry->lookup(proto.subject, proto);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, proto_id);
  auto json_found = m_registry->lookup(json_schema.subject, json_schema);
  ASSERT_TRUE(json_found) << json_found.error().message;
  ASSERT_TRUE(json_found->has_value());
  EXPECT_EQ((*json_found)->type, SchemaType::json);
}

TEST_F(RegistryContractTest, LatestVersionsConcurrentlyInTheOrderGivenWithoutMissingOnes) {
  std::vector<std::string> asked;
  std::vector<std::string> expected;
  for (int i = 0; i < 12; ++i) {
    const std::string name = subject("many-" + std::to_string(i));
    must_register(make_subject(name,
                               SchemaType::avro,
                               R"({"type":"fixed","name":"F)" + std::to_string(i) + R"(","size":)"
                                   + std::to_string(i + 1) + "}"));
    asked.push_back(name);
    expected.push_back(name);
    if (i % 4 == 0) {
      asked.push_back(subject("missing-" + std::to_string(i)));
    }
  }
  std::reverse(asked.begin(), asked.end());
  std::reverse(expected.begin(), expected.end());
  auto latest = m_registry->latest_versions(asked);
  ASSERT_TRUE(latest) << latest.error().message;
  std::vector<std::string> got;
  for (const auto& registered : *latest) {
    got.push_back(registered.subject);
    EXPECT_EQ(registered.version, 1);
    EXPECT_GT(registered.id, 0);
  }
  EXPECT_EQ(got, expected);

  auto none = m_registry->latest_versions({});
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
}

TEST_F(RegistryContractTest, SubjectNamesAreUrlEncoded) {
  const std::string odd = subject("a/b c?d#e%f+g");
  const plan::Subject s = make_subject(odd, SchemaType::avro, R"("long")");
  const int id = must_register(s);
  const ports::RegisteredSchema latest = must_latest(odd);
  EXPECT_EQ(latest.subject, odd);
  EXPECT_EQ(latest.id, id);
  auto found = m_registry->lookup(odd, s);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(found->has_value());
  ASSERT_TRUE(m_registry->set_compatibility_level(odd, "FULL"));
  auto level = m_registry->compatibility_level(odd);
  ASSERT_TRUE(level) << level.error().message;
  EXPECT_EQ(*level, std::optional<std::string>("FULL"));
  auto names = m_registry->list_subjects(odd);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, std::vector<std::string>{odd});
  auto deleted = m_registry->delete_subject(odd, true);
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(*deleted, std::vector<int>{1});
}

// ---------------------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------------------

TEST_F(RegistryContractTest, LookupFindsRegisteredSchemasOnly) {
  const std::string ns = test_prefix();
  const std::string inner_name = ns + ".Inner";
  must_register(
      make_subject(inner_name, SchemaType::avro, record(ns, "Inner", {field("a", "int")})));
  const plan::Subject outer = make_subject(subject("value"),
                                           SchemaType::avro,
                                           record(ns, "Outer", {field("inner", inner_name)}),
                                           {{inner_name, inner_name, -1}});
  const int id = must_register(outer);

  // Found, also with whitespace the registry does not keep.
  plan::Subject spaced = outer;
  spaced.schema = nlohmann::json::parse(outer.schema).dump(2);
  auto found = m_registry->lookup(outer.subject, spaced);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ((*found)->version, 1);
  EXPECT_EQ((*found)->subject, outer.subject);
  EXPECT_EQ((*found)->references,
            (std::vector<plan::SchemaReference>{{inner_name, inner_name, 1}}));

  // Another schema under an existing subject (40403).
  plan::Subject other = outer;
  other.schema = record(ns, "Outer", {field("inner", inner_name), field("x", "int", 1)});
  auto not_there = m_registry->lookup(outer.subject, other);
  ASSERT_TRUE(not_there) << not_there.error().message;
  EXPECT_FALSE(not_there->has_value());

  // The same schema under a subject that does not exist (40401).
  auto no_subject = m_registry->lookup(subject("nothing"), outer);
  ASSERT_TRUE(no_subject) << no_subject.error().message;
  EXPECT_FALSE(no_subject->has_value());

  // A reference to a subject that does not exist: it cannot be registered anywhere.
  plan::Subject dangling = outer;
  dangling.references = {{inner_name, ns + ".Missing", -1}};
  auto dangling_found = m_registry->lookup(outer.subject, dangling);
  ASSERT_TRUE(dangling_found) << dangling_found.error().message;
  EXPECT_FALSE(dangling_found->has_value());
}

// ---------------------------------------------------------------------------------------
// Compatibility
// ---------------------------------------------------------------------------------------

TEST_F(RegistryContractTest, CompatibilityUnderFullTransitive) {
  const std::string ns = test_prefix();
  const std::string name = subject("value");
  const auto version = [&](const std::vector<nlohmann::json>& fields) {
    return make_subject(name, SchemaType::avro, record(ns, "Thing", fields));
  };
  const plan::Subject v1 = version({field("a", "string"), field("b", "int")});
  const int v1_id = must_register(v1);
  ASSERT_TRUE(m_registry->set_compatibility_level(name, "FULL_TRANSITIVE"));

  // Removing a required field: old readers miss it (no default).
  const plan::Subject removed = version({field("a", "string")});
  auto check = m_registry->check_compatibility(name, removed);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->compatible);
  std::cout << "[apicurio] removed required field, messages: [" << joined(check->messages) << "]\n";
  RecordProperty("removed_field_messages", joined(check->messages));

  // Adding a required field without default: new readers cannot read old data.
  const plan::Subject added =
      version({field("a", "string"), field("b", "int"), field("c", "long")});
  check = m_registry->check_compatibility(name, added);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->compatible);
  std::cout << "[apicurio] added required field, messages: [" << joined(check->messages) << "]\n";
  RecordProperty("added_field_messages", joined(check->messages));

  // Adding an optional field is fine.
  const plan::Subject optional =
      version({field("a", "string"), field("b", "int"), field("c", "long", 0)});
  check = m_registry->check_compatibility(name, optional);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->compatible) << joined(check->messages);

  // An incompatible schema is refused and NOT registered.
  auto refused = m_registry->register_schema(name, removed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().message.find("subject '" + name + "': "), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("(error 409)"), std::string::npos)
      << refused.error().message;
  std::cout << "[apicurio] incompatible registration: " << refused.error().message << "\n";
  const ports::RegisteredSchema still = must_latest(name);
  EXPECT_EQ(still.version, 1);
  EXPECT_EQ(still.id, v1_id);

  // Transitive: v2 adds b2 with a default; v3 then drops the default. v3 is compatible with v2
  // both ways but cannot read v1's data: only a check against ALL versions sees it.
  const plan::Subject v2 =
      version({field("a", "string"), field("b", "int"), field("b2", "int", 7)});
  must_register(v2);
  const plan::Subject v3 = version({field("a", "string"), field("b", "int"), field("b2", "int")});
  check = m_registry->check_compatibility(name, v3);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->compatible);
}

TEST_F(RegistryContractTest, ABrandNewOrDeletedSubjectIsCompatibleWithAnything) {
  const plan::Subject s = make_subject(
      subject("new"), SchemaType::avro, record(test_prefix(), "New", {field("a", "int")}));
  auto check = m_registry->check_compatibility(s.subject, s);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->compatible);
  EXPECT_TRUE(check->messages.empty());

  must_register(s);
  ASSERT_TRUE(m_registry->set_compatibility_level(s.subject, "FULL_TRANSITIVE"));
  auto deleted = m_registry->delete_subject(s.subject, false);
  ASSERT_TRUE(deleted) << deleted.error().message;
  const plan::Subject other = make_subject(
      s.subject, SchemaType::avro, record(test_prefix(), "New", {field("z", "string")}));
  check = m_registry->check_compatibility(s.subject, other);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->compatible);
  EXPECT_TRUE(m_registry->delete_subject(s.subject, true)); // TearDown sees live subjects only
}

TEST_F(RegistryContractTest, AMissingReferenceIsNotFoundNamingIt) {
  const std::string ns = test_prefix();
  const std::string missing = ns + ".Missing";
  const plan::Subject s = make_subject(subject("value"),
                                       SchemaType::avro,
                                       record(ns, "Outer", {field("m", missing)}),
                                       {{missing, missing, -1}});
  const std::string expected = "subject '" + s.subject + "': referenced schema '" + missing
                               + "' not found (subject '" + missing + "', version latest)";
  auto check = m_registry->check_compatibility(s.subject, s);
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::not_found);
  EXPECT_EQ(check.error().message, expected);

  auto registered = m_registry->register_schema(s.subject, s);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::not_found);
  EXPECT_EQ(registered.error().message, expected);

  // An explicit version that does not exist: Apicurio says only "Unresolved reference" (422).
  const std::string inner_name = ns + ".Inner";
  must_register(
      make_subject(inner_name, SchemaType::avro, record(ns, "Inner", {field("a", "int")})));
  plan::Subject pinned = make_subject(subject("pinned"),
                                      SchemaType::avro,
                                      record(ns, "Pinned", {field("i", inner_name)}),
                                      {{inner_name, inner_name, 7}});
  registered = m_registry->register_schema(pinned.subject, pinned);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::not_found);
  EXPECT_EQ(registered.error().message,
            "subject '" + pinned.subject + "': referenced schema '" + inner_name
                + "' not found (subject '" + inner_name + "', version 7)");
  auto names = m_registry->list_subjects(test_prefix());
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, std::vector<std::string>{inner_name});
}

TEST_F(RegistryContractTest, AnInvalidSchemaIsInvalidInputWithTheRegistryMessage) {
  const plan::Subject broken = make_subject(subject("value"), SchemaType::avro, R"({"type":)");
  auto registered = m_registry->register_schema(broken.subject, broken);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(registered.error().message.rfind("subject '" + broken.subject + "': ", 0), 0U)
      << registered.error().message;
  EXPECT_NE(registered.error().message.find("(error 42201)"), std::string::npos)
      << registered.error().message;
  std::cout << "[apicurio] invalid schema: " << registered.error().message << "\n";
}

// ---------------------------------------------------------------------------------------
// Compatibility level
// ---------------------------------------------------------------------------------------

TEST_F(RegistryContractTest, CompatibilityLevelGetSetGet) {
  const plan::Subject s = make_subject(subject("value"), SchemaType::avro, R"("int")");
  auto none = m_registry->compatibility_level(s.subject);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(*none, std::nullopt) << "no such subject";

  must_register(s);
  auto unset = m_registry->compatibility_level(s.subject);
  ASSERT_TRUE(unset) << unset.error().message;
  // Confluent: 40408 -> nullopt. Apicurio 3.3.3 answers NONE for "no subject rule" (docs).
  EXPECT_TRUE(*unset == std::nullopt || *unset == std::optional<std::string>("NONE"))
      << unset->value_or("");
  std::cout << "[apicurio] level of a subject with none set: " << unset->value_or("<nullopt>")
            << "\n";

  ASSERT_TRUE(m_registry->set_compatibility_level(s.subject, "FULL_TRANSITIVE"));
  auto set = m_registry->compatibility_level(s.subject);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(*set, std::optional<std::string>("FULL_TRANSITIVE"));

  ASSERT_TRUE(m_registry->set_compatibility_level(s.subject, "BACKWARD"));
  set = m_registry->compatibility_level(s.subject);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(*set, std::optional<std::string>("BACKWARD"));

  auto bogus = m_registry->set_compatibility_level(s.subject, "SIDEWAYS");
  ASSERT_FALSE(bogus);
  EXPECT_EQ(bogus.error().code, ErrorCode::invalid_input);
  EXPECT_NE(bogus.error().message.find("(error 42203)"), std::string::npos)
      << bogus.error().message;
}

// ---------------------------------------------------------------------------------------
// Deleting
// ---------------------------------------------------------------------------------------

TEST_F(RegistryContractTest, SoftThenHardDelete) {
  const std::string ns = test_prefix();
  const std::string name = subject("value");
  must_register(make_subject(name, SchemaType::avro, record(ns, "T", {field("a", "int")})));
  must_register(make_subject(
      name, SchemaType::avro, record(ns, "T", {field("a", "int"), field("b", "int", 1)})));

  auto soft = m_registry->delete_subject(name, false);
  ASSERT_TRUE(soft) << soft.error().message;
  EXPECT_EQ(*soft, (std::vector<int>{1, 2}));
  auto names = m_registry->list_subjects(ns);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_TRUE(names->empty()) << "a soft-deleted subject is not listed";
  auto latest = m_registry->latest_versions({name});
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_TRUE(latest->empty()) << "a soft-deleted subject has no latest version";

  auto again = m_registry->delete_subject(name, false);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
  EXPECT_NE(again.error().message.find("(error 40404)"), std::string::npos)
      << again.error().message;

  auto hard = m_registry->delete_subject(name, true); // already soft-deleted: hard only
  ASSERT_TRUE(hard) << hard.error().message;
  EXPECT_EQ(*hard, (std::vector<int>{1, 2}));

  auto gone = m_registry->delete_subject(name, true);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
  EXPECT_NE(gone.error().message.find("(error 40401)"), std::string::npos) << gone.error().message;

  // Straight to permanent: soft then hard in one call.
  const std::string other = subject("other");
  must_register(make_subject(other, SchemaType::avro, R"("bytes")"));
  auto both = m_registry->delete_subject(other, true);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(*both, std::vector<int>{1});
  EXPECT_TRUE(m_registry->latest_versions({other})->empty());
}

TEST_F(RegistryContractTest, AReferencedSubjectCannotBeDeleted) {
  const std::string ns = test_prefix();
  const std::string inner_name = ns + ".Inner";
  must_register(
      make_subject(inner_name, SchemaType::avro, record(ns, "Inner", {field("a", "int")})));
  must_register(make_subject(subject("value"),
                             SchemaType::avro,
                             record(ns, "Outer", {field("i", inner_name)}),
                             {{inner_name, inner_name, -1}}));
  auto refused = m_registry->delete_subject(inner_name, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_NE(refused.error().message.find("(error 42206)"), std::string::npos)
      << refused.error().message;
  std::cout << "[apicurio] delete referenced: " << refused.error().message << "\n";
}

} // namespace
} // namespace specmesh::registry
