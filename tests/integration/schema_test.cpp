// Acceptance tests of schema provisioning (the schema issue: Part B §5, cases 24-35, Part A.5
// shared schemas) and of `--clean-unspecified` (the clean-up issue): the CLI runs in-process
// through cli::run with the real Kafka AND registry adapters against the local Kafka + Apicurio
// (scripts/local-env.sh up). Every test uses fresh domain ids `itest<8 hex>.<name>`; because
// an Avro namespace decides ownership, the schema files are generated per run from the
// templates in data/schemas (@DOMAIN@ / @SHARED@ replaced by the run's domain ids). The tests
// FAIL, never skip, when the environment is not running.
#include "scripted_server.hpp"
#include "support.hpp"

#include <specmesh/cli/run.hpp>
#include <specmesh/registry/connect.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

namespace specmesh::itest {
namespace {

using namespace std::chrono_literals;
using test_servers::ScriptedServer;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// ------------------------------------------------------------------------------------------
// Reading the JSON document
// ------------------------------------------------------------------------------------------

/// subject -> state of every schema entry.
std::map<std::string, std::string> subject_states(const json& doc) {
  std::map<std::string, std::string> out;
  if (doc.is_object() && doc.contains("schemas")) {
    for (const json& entry : doc.at("schemas")) {
      out[entry.at("subject").get<std::string>()] = entry.at("state").get<std::string>();
    }
  }
  return out;
}

/// The schema entry of `subject` (a `null` document when absent).
json subject_entry(const json& doc, const std::string& subject) {
  if (doc.is_object() && doc.contains("schemas")) {
    for (const json& entry : doc.at("schemas")) {
      if (entry.at("subject") == subject) {
        return entry;
      }
    }
  }
  return nullptr;
}

/// Position of `subject` in the document's schema list (-1 when absent).
int position(const json& doc, const std::string& subject) {
  if (doc.is_object() && doc.contains("schemas")) {
    int index = 0;
    for (const json& entry : doc.at("schemas")) {
      if (entry.at("subject") == subject) {
        return index;
      }
      ++index;
    }
  }
  return -1;
}

/// "<kind>:<name>" of every topic, ACL and schema entry whose state is `state`.
std::set<std::string> entries_in_state(const json& doc, const std::string& state) {
  std::set<std::string> out;
  for (const auto& [kind, key] : {std::pair<std::string, std::string>{"topics", "name"},
                                  {"acls", "name"},
                                  {"schemas", "subject"}}) {
    if (doc.is_object() && doc.contains(kind)) {
      for (const json& entry : doc.at(kind)) {
        if (entry.at("state") == state) {
          out.insert(kind + ":" + entry.at(key).get<std::string>());
        }
      }
    }
  }
  return out;
}

/// Every state that occurs in the document (topics, ACLs and schemas).
std::set<std::string> all_states(const json& doc) {
  std::set<std::string> out;
  for (const char* kind : {"topics", "acls", "schemas"}) {
    if (doc.is_object() && doc.contains(kind)) {
      for (const json& entry : doc.at(kind)) {
        out.insert(entry.at("state").get<std::string>());
      }
    }
  }
  return out;
}

/// The detail text of a schema entry: its messages and its exception, joined.
std::string detail(const json& entry) {
  std::string out;
  if (entry.is_object()) {
    for (const json& message : entry.value("messages", json::array())) {
      out += message.get<std::string>() + "\n";
    }
    if (entry.contains("exception") && entry.at("exception").is_string()) {
      out += entry.at("exception").get<std::string>();
    }
  }
  return out;
}

template <typename Container> std::string join(const Container& items) {
  std::string out;
  for (const auto& entry : items) {
    out += "  " + entry + "\n";
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Fixture
// ------------------------------------------------------------------------------------------

constexpr const char* k_domain_user = "acme.shop";

class SchemaTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
    ASSERT_FALSE(local_env().registry_url.empty())
        << "no schema_registry_url in 'local-env.sh status'";
    std::string error;
    m_admin = connect_admin(error);
    ASSERT_NE(m_admin, nullptr) << "admin connection to the local broker: " << error;
    auto connected =
        registry::make_schema_registry(registry::Connection{.url = local_env().registry_url});
    ASSERT_TRUE(connected) << "the local schema registry: " << connected.error().message;
    m_registry = std::move(*connected);
    m_run = "itest" + random_hex(8);
    m_shop = domain("shop");
    m_shared = domain("shared");
  }

  void TearDown() override {
    cleanup_domains(m_domains);
    if (m_registry == nullptr) {
      return;
    }
    // Users before the subjects they reference: retry until nothing more goes.
    for (int pass = 0; pass < 6; ++pass) {
      auto subjects = m_registry->list_subjects(m_run + ".");
      if (!subjects || subjects->empty()) {
        break;
      }
      for (const std::string& subject : *subjects) {
        m_registry->delete_subject(subject, true);
      }
    }
    for (const std::string& subject : m_soft_deleted) {
      m_registry->delete_subject(subject, true);
    }
  }

  /// `itest<hex>.<name>`, removed from the broker and the registry after the test.
  std::string domain(const std::string& name) {
    m_domains.push_back(m_run + "." + name);
    return m_domains.back();
  }

  std::string substitute(std::string text) const {
    for (const auto& [placeholder, value] :
         {std::pair<std::string, std::string>{"@DOMAIN@", m_shop}, {"@SHARED@", m_shared}}) {
      for (std::size_t at = text.find(placeholder); at != std::string::npos;
           at = text.find(placeholder, at + value.size())) {
        text.replace(at, placeholder.size(), value);
      }
    }
    return text;
  }

  /// Writes template `name` (data/schemas) into the run's directory with the run's domain ids
  /// substituted, as `as` (default: the template's name, substituted). Returns the file name.
  std::string stage(const std::string& name, const std::string& as = "") {
    std::ifstream in(std::filesystem::path(SPECMESH_SCHEMA_TEMPLATES) / name);
    EXPECT_TRUE(in.good()) << "schema template " << name;
    std::stringstream text;
    text << in.rdbuf();
    std::string file = as.empty() ? substitute(name) : as;
    m_dir.write(file, substitute(text.str()));
    return file;
  }

  std::string write_spec(const std::string& name, const std::string& yaml) {
    return m_dir.write(name, yaml);
  }

  RunResult specmesh(const std::string& command,
                     const std::string& spec,
                     const std::vector<std::string>& extra = {},
                     const std::string& registry = "") {
    return run_specmesh(concat(concat({command}, connection_args(registry)),
                               concat({"--spec",
                                       spec,
                                       "--schema-path",
                                       m_dir.path().string(),
                                       "--domain-user",
                                       k_domain_user,
                                       "--output",
                                       "json",
                                       "--timeout",
                                       "15"},
                                      extra)));
  }
  RunResult provision(const std::string& spec, const std::vector<std::string>& extra = {}) {
    return specmesh("provision", spec, extra);
  }
  RunResult plan(const std::string& spec, const std::vector<std::string>& extra = {}) {
    return specmesh("plan", spec, extra);
  }

  /// Subjects registered under `prefix` (a domain id: its exact scope), sorted.
  std::vector<std::string> subjects(const std::string& domain) {
    auto names = m_registry->list_subjects(domain + ".");
    EXPECT_TRUE(names) << names.error().message;
    return names ? *names : std::vector<std::string>{};
  }

  /// The latest version of `subject` (nullopt when it does not exist).
  std::optional<ports::RegisteredSchema> latest(const std::string& subject) {
    auto found = m_registry->latest_versions({subject});
    EXPECT_TRUE(found) << found.error().message;
    if (!found || found->empty()) {
      return std::nullopt;
    }
    return found->front();
  }

  std::optional<std::string> level(const std::string& subject) {
    auto found = m_registry->compatibility_level(subject);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::nullopt;
  }

  /// The spec of `domain` with the given channels block (already indented by two spaces) and
  /// extra top-level text.
  static std::string
  spec_yaml(const std::string& domain, const std::string& channels, const std::string& extra = "") {
    return "asyncapi: 2.5.0\n"
           "id: 'urn:"
           + domain
           + "'\n"
             "info: {title: itest, version: 1.0.0}\n"
           + (channels.empty() ? "channels: {}\n" : "channels:\n" + channels) + extra;
  }

  /// A channel publishing `value_ref` (and `key_ref`, if not empty).
  static std::string channel(const std::string& name,
                             const std::string& value_ref,
                             const std::string& key_ref = "",
                             const std::string& strategy = "") {
    std::string kafka;
    if (!key_ref.empty() || !strategy.empty()) {
      kafka = "        bindings:\n          kafka:\n";
      if (!key_ref.empty()) {
        kafka += "            key: {$ref: '" + key_ref + "'}\n";
      }
      if (!strategy.empty()) {
        kafka += "            schemaLookupStrategy: " + strategy + "\n";
      }
    }
    return "  " + name
           + ":\n"
             "    bindings: {kafka: {partitions: 1}}\n"
             "    publish:\n"
             "      message:\n"
           + kafka + "        payload: {$ref: '" + value_ref + "'}\n";
  }

  std::unique_ptr<ports::KafkaAdmin> m_admin;
  std::unique_ptr<ports::SchemaRegistry> m_registry;
  std::string m_run;
  std::string m_shop;
  std::string m_shared;
  std::vector<std::string> m_domains;
  std::vector<std::string> m_soft_deleted;
  TempDir m_dir;
};

// ------------------------------------------------------------------------------------------
// 1. Cases 24/25: from empty, Avro key + value (with a reference), Protobuf and JSON Schema
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, ProvisionsEveryFormatFromEmptyLeafFirstAndThenChangesNothing) {
  const std::string& d = m_shop;
  const std::string spec = write_spec(
      "shop.yaml",
      spec_yaml(
          d,
          channel("_public.orders", stage("@DOMAIN@.Order.avsc"), stage("@DOMAIN@.OrderKey.avsc"))
              + channel("_protected.payments", stage("payment.proto"))
              + channel("_private.shipments", stage("shipment.json"))));
  stage("@DOMAIN@.customer.avsc");
  const std::string customer = d + ".customer";
  const std::string key = d + "._public.orders-key";
  const std::string value = d + "._public.orders-value";
  const std::string payments = d + "._protected.payments-value";
  const std::string shipments = d + "._private.shipments-value";

  // Dry run: every subject CREATE, the registry untouched.
  const RunResult dry = plan(spec);
  ASSERT_EQ(dry.exit_code, 2) << dry.describe();
  const json planned = dry.json();
  const std::map<std::string, std::string> expected_create{{customer, "CREATE"},
                                                           {key, "CREATE"},
                                                           {value, "CREATE"},
                                                           {payments, "CREATE"},
                                                           {shipments, "CREATE"}};
  EXPECT_EQ(subject_states(planned), expected_create) << dry.describe();
  EXPECT_EQ(subject_entry(planned, key).at("type"), "AVRO");
  EXPECT_EQ(subject_entry(planned, payments).at("type"), "PROTOBUF");
  EXPECT_EQ(subject_entry(planned, shipments).at("type"), "JSON");
  EXPECT_EQ(subject_entry(planned, customer).at("topicSchema"), false);
  EXPECT_EQ(subject_entry(planned, value).at("topicSchema"), true);
  EXPECT_LT(position(planned, customer), position(planned, value)) << "leaf-first";
  EXPECT_TRUE(subjects(d).empty()) << "a dry run registered:\n" << join(subjects(d));

  // Real run: CREATED, the referenced type first, FULL_TRANSITIVE on every new subject.
  const RunResult real = provision(spec);
  ASSERT_EQ(real.exit_code, 0) << real.describe();
  const json done = real.json();
  std::map<std::string, std::string> expected_created = expected_create;
  for (auto& [subject, state] : expected_created) {
    state = "CREATED";
  }
  EXPECT_EQ(subject_states(done), expected_created) << real.describe();
  EXPECT_LT(position(done, customer), position(done, value)) << "leaf-first";
  // sorted: '_' < 'c', so the referenced type's subject sorts after its user's
  EXPECT_EQ(subjects(d), (std::vector<std::string>{shipments, payments, key, value, customer}));
  for (const std::string& subject : {customer, key, value, payments, shipments}) {
    EXPECT_EQ(level(subject), std::optional<std::string>("FULL_TRANSITIVE")) << subject;
  }
  const auto registered_customer = latest(customer);
  const auto registered_value = latest(value);
  ASSERT_TRUE(registered_customer && registered_value);
  EXPECT_LT(registered_customer->id, registered_value->id)
      << "the referenced type must be registered before its user";
  ASSERT_EQ(registered_value->references.size(), 1U);
  EXPECT_EQ(registered_value->references[0].name, customer);
  EXPECT_EQ(registered_value->references[0].subject, customer);
  EXPECT_EQ(registered_value->references[0].version, registered_customer->version);
  EXPECT_EQ(latest(payments)->type, schema::SchemaType::protobuf);
  EXPECT_EQ(latest(shipments)->type, schema::SchemaType::json);

  // Re-run: every subject UNCHANGED, and `plan` has nothing to do.
  const RunResult again = provision(spec);
  ASSERT_EQ(again.exit_code, 0) << again.describe();
  std::map<std::string, std::string> expected_unchanged = expected_create;
  for (auto& [subject, state] : expected_unchanged) {
    state = "UNCHANGED";
  }
  EXPECT_EQ(subject_states(again.json()), expected_unchanged) << again.describe();
  const RunResult noop = plan(spec);
  EXPECT_EQ(noop.exit_code, 0) << noop.describe();
  EXPECT_EQ(all_states(noop.json()), std::set<std::string>{"UNCHANGED"}) << noop.describe();
  EXPECT_EQ(subjects(d).size(), 5U);
}

// ------------------------------------------------------------------------------------------
// 2. Case 26: a compatible update
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, CompatibleUpdateIsPlannedThenRegistered) {
  const std::string profile = stage("@DOMAIN@.Profile.v1.avsc", m_shop + ".Profile.avsc");
  const std::string spec =
      write_spec("shop.yaml", spec_yaml(m_shop, channel("_public.profiles", profile)));
  const std::string subject = m_shop + "._public.profiles-value";
  const RunResult first = provision(spec);
  ASSERT_EQ(first.exit_code, 0) << first.describe();
  ASSERT_EQ(subject_states(first.json()).at(subject), "CREATED") << first.describe();

  stage("@DOMAIN@.Profile.optional-field.avsc", profile);
  const RunResult dry = plan(spec);
  EXPECT_EQ(dry.exit_code, 2) << dry.describe();
  EXPECT_EQ(subject_states(dry.json()), (std::map<std::string, std::string>{{subject, "UPDATE"}}))
      << dry.describe();
  EXPECT_EQ(latest(subject)->version, 1) << "a dry run registered a version";

  const RunResult real = provision(spec);
  EXPECT_EQ(real.exit_code, 0) << real.describe();
  EXPECT_EQ(subject_states(real.json()), (std::map<std::string, std::string>{{subject, "UPDATED"}}))
      << real.describe();
  const auto registered = latest(subject);
  ASSERT_TRUE(registered);
  EXPECT_EQ(registered->version, 2);
  EXPECT_TRUE(contains(registered->schema, "\"email\"")) << registered->schema;
  EXPECT_EQ(level(subject), std::optional<std::string>("FULL_TRANSITIVE"))
      << "an update must not change the level";

  const RunResult noop = plan(spec);
  EXPECT_EQ(noop.exit_code, 0) << noop.describe();
}

// ------------------------------------------------------------------------------------------
// 3. Cases 27/31: an incompatible update is BLOCKED in the plan, FAILED (alone) in a real run
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, IncompatibleUpdateIsBlockedThenFailsAloneAndKeepsTheOldVersion) {
  const std::string profile = stage("@DOMAIN@.Profile.v1.avsc", m_shop + ".Profile.avsc");
  const std::string account = stage("@DOMAIN@.Account.v1.avsc", m_shop + ".Account.avsc");
  const std::string spec = write_spec(
      "shop.yaml",
      spec_yaml(m_shop,
                channel("_public.profiles", profile) + channel("_public.accounts", account)));
  const std::string profiles = m_shop + "._public.profiles-value";
  const std::string accounts = m_shop + "._public.accounts-value";
  const RunResult first = provision(spec);
  ASSERT_EQ(first.exit_code, 0) << first.describe();

  stage("@DOMAIN@.Profile.required-field.avsc", profile); // incompatible (FULL_TRANSITIVE)
  stage("@DOMAIN@.Account.optional-field.avsc", account); // compatible
  const RunResult dry = plan(spec);
  EXPECT_EQ(dry.exit_code, 3) << dry.describe();
  EXPECT_EQ(subject_states(dry.json()),
            (std::map<std::string, std::string>{{profiles, "BLOCKED"}, {accounts, "UPDATE"}}))
      << dry.describe();
  // Apicurio gives no reasons (docs/registry.md 3): the detail says it is incompatible.
  EXPECT_TRUE(contains(lower(detail(subject_entry(dry.json(), profiles))), "incompatible"))
      << dry.describe();

  const RunResult real = provision(spec);
  EXPECT_EQ(real.exit_code, 1) << real.describe();
  EXPECT_EQ(subject_states(real.json()),
            (std::map<std::string, std::string>{{profiles, "FAILED"}, {accounts, "UPDATED"}}))
      << real.describe();
  EXPECT_TRUE(contains(lower(detail(subject_entry(real.json(), profiles))), "incompatible"))
      << real.describe();

  const auto kept = latest(profiles);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->version, 1);
  EXPECT_FALSE(contains(kept->schema, "birthYear")) << kept->schema;
  const auto updated = latest(accounts);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_TRUE(contains(updated->schema, "\"tier\"")) << updated->schema;
}

// ------------------------------------------------------------------------------------------
// 4. Cases 29/34: a topic schema and a referenced type owned by another domain
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, ForeignSchemasWaitForTheirOwnerAndAreNeverRegisteredByUs) {
  const std::string trade_file = stage("@SHARED@.Trade.avsc");
  stage("@SHARED@.Currency.avsc");
  const std::string shop_spec =
      write_spec("shop.yaml", spec_yaml(m_shop, channel("_public.trades", trade_file)));
  const std::string owner_spec = write_spec(
      "shared.yaml",
      spec_yaml(m_shared, "", "x-specmesh-shared-schemas:\n  - $ref: '" + trade_file + "'\n"));
  const std::string currency = m_shared + ".Currency";
  const std::string trade = m_shared + ".Trade";
  const std::string trades = m_shop + "._public.trades-value";

  // Not registered by its owner yet: Currency IGNORED, the topic schema FAILED.
  for (const std::string& command : {std::string("plan"), std::string("provision")}) {
    const RunResult run = specmesh(command, shop_spec);
    EXPECT_EQ(run.exit_code, 1) << command << ": " << run.describe();
    const json doc = run.json();
    EXPECT_EQ(subject_states(doc),
              (std::map<std::string, std::string>{{currency, "IGNORED"}, {trades, "FAILED"}}))
        << command << ": " << run.describe();
    EXPECT_TRUE(
        contains(detail(subject_entry(doc, trades)), "must first be registered by its owner"))
        << run.describe();
    EXPECT_TRUE(contains(detail(subject_entry(doc, trades)), trade)) << run.describe();
  }
  EXPECT_TRUE(subjects(m_shared).empty()) << join(subjects(m_shared));
  EXPECT_TRUE(subjects(m_shop).empty()) << join(subjects(m_shop));

  // The owner registers both as shared schemas (Part A.5).
  const RunResult owner = provision(owner_spec);
  ASSERT_EQ(owner.exit_code, 0) << owner.describe();
  EXPECT_EQ(subject_states(owner.json()),
            (std::map<std::string, std::string>{{currency, "CREATED"}, {trade, "CREATED"}}))
      << owner.describe();
  EXPECT_TRUE(owner.json().at("topics").empty()) << owner.describe();
  EXPECT_EQ(subjects(m_shared), (std::vector<std::string>{currency, trade}));

  const RunResult now = provision(shop_spec);
  EXPECT_EQ(now.exit_code, 0) << now.describe();
  EXPECT_EQ(subject_states(now.json()),
            (std::map<std::string, std::string>{{currency, "IGNORED"}, {trades, "CREATED"}}))
      << now.describe();
  EXPECT_EQ(subjects(m_shop), (std::vector<std::string>{trades}));
  const auto currency_version = latest(currency);
  ASSERT_TRUE(currency_version);
  EXPECT_EQ(currency_version->version, 1) << "the shop must never write the owner's subject";

  // Case 29/34: the re-run changes nothing (only IGNORED besides UNCHANGED), exit 0. (This once
  // failed: the foreign-schema lookup was skipped for subjects already registered as they are.)
  const RunResult again = provision(shop_spec);
  EXPECT_EQ(again.exit_code, 0) << again.describe();
  EXPECT_EQ(subject_states(again.json()),
            (std::map<std::string, std::string>{{currency, "IGNORED"}, {trades, "UNCHANGED"}}))
      << again.describe();
  EXPECT_EQ(all_states(again.json()), (std::set<std::string>{"IGNORED", "UNCHANGED"}))
      << again.describe();
  const RunResult noop = plan(shop_spec);
  EXPECT_EQ(noop.exit_code, 0) << noop.describe();
}

// ------------------------------------------------------------------------------------------
// 5. Case 35: record, union, map, array and primitive roots over a multi-level reference graph
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, EveryKindOfAvroRootWithAMultiLevelReferenceGraph) {
  for (const char* thing : {"A", "B", "C", "D", "E"}) {
    stage(std::string("@DOMAIN@.Thing") + thing + ".avsc");
  }
  const std::vector<std::string> kinds{"record", "union", "map", "array", "primitive"};
  std::string channels;
  for (const std::string& kind : kinds) {
    channels += channel("_public." + kind, stage("root-" + kind + ".avsc"));
  }
  const std::string spec = write_spec("shop.yaml", spec_yaml(m_shop, channels));

  const RunResult first = provision(spec);
  EXPECT_EQ(first.exit_code, 0) << first.describe();
  const json doc = first.json();
  std::map<std::string, std::string> expected;
  for (const char* thing : {"A", "B", "C", "D", "E"}) {
    expected[m_shop + ".Thing" + thing] = "CREATED";
  }
  for (const std::string& kind : kinds) {
    expected[m_shop + "._public." + kind + "-value"] = "CREATED";
  }
  EXPECT_EQ(subject_states(doc), expected) << first.describe();
  // Leaf-first: every reference comes before its user, in the plan and in the registry.
  for (const json& entry : doc.at("schemas")) {
    const std::string user = entry.at("subject").get<std::string>();
    const auto registered_user = latest(user);
    for (const json& reference : entry.at("references")) {
      const std::string used = reference.at("subject").get<std::string>();
      EXPECT_LT(position(doc, used), position(doc, user)) << used << " before " << user;
      const auto registered_used = latest(used);
      if (registered_user && registered_used) {
        EXPECT_LT(registered_used->id, registered_user->id) << used << " before " << user;
      }
    }
  }
  // The record root references the whole graph (transitively), ThingA only its own branch.
  const auto root_references = [&](const std::string& subject) {
    std::set<std::string> out;
    const json entry = subject_entry(doc, subject);
    for (const json& reference : entry.at("references")) {
      out.insert(reference.at("subject").get<std::string>());
    }
    return out;
  };
  const auto thing = [&](const char* name) { return m_shop + ".Thing" + name; };
  EXPECT_EQ(root_references(m_shop + "._public.record-value"),
            (std::set<std::string>{thing("A"), thing("B"), thing("C"), thing("D"), thing("E")}))
      << first.describe();
  EXPECT_EQ(root_references(thing("A")), (std::set<std::string>{thing("C"), thing("E")}));
  EXPECT_EQ(root_references(thing("B")), (std::set<std::string>{thing("D"), thing("E")}));
  EXPECT_TRUE(root_references(m_shop + "._public.primitive-value").empty());
  EXPECT_EQ(subjects(m_shop).size(), expected.size());

  const RunResult again = provision(spec);
  EXPECT_EQ(again.exit_code, 0) << again.describe();
  EXPECT_EQ(all_states(again.json()), std::set<std::string>{"UNCHANGED"}) << again.describe();
  const RunResult noop = plan(spec);
  EXPECT_EQ(noop.exit_code, 0) << noop.describe();
}

// ------------------------------------------------------------------------------------------
// 6. Part A.5: shared schemas without a channel
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, SharedSchemasAreRegisteredUnderTheirFullNameWithoutATopic) {
  const std::string money = stage("@DOMAIN@.Money.avsc");
  const std::string rate = stage("@DOMAIN@.Rate.avsc");
  const std::string spec = write_spec("shop.yaml",
                                      spec_yaml(m_shop,
                                                "",
                                                "x-specmesh-shared-schemas:\n  - $ref: '" + money
                                                    + "'\n"
                                                      "components:\n"
                                                      "  schemas:\n"
                                                      "    Rate:\n"
                                                      "      x-specmesh-shared: true\n"
                                                      "      $ref: '"
                                                    + rate + "'\n"));
  const RunResult dry = plan(spec);
  EXPECT_EQ(dry.exit_code, 2) << dry.describe();
  const RunResult real = provision(spec);
  ASSERT_EQ(real.exit_code, 0) << real.describe();
  const json doc = real.json();
  EXPECT_EQ(subject_states(doc),
            (std::map<std::string, std::string>{{m_shop + ".Money", "CREATED"},
                                                {m_shop + ".Rate", "CREATED"}}))
      << real.describe();
  EXPECT_EQ(subject_entry(doc, m_shop + ".Money").at("topicSchema"), false);
  EXPECT_TRUE(doc.at("topics").empty()) << real.describe();
  EXPECT_EQ(subjects(m_shop), (std::vector<std::string>{m_shop + ".Money", m_shop + ".Rate"}));
  EXPECT_EQ(level(m_shop + ".Money"), std::optional<std::string>("FULL_TRANSITIVE"));
  EXPECT_TRUE(scope_topics(*m_admin, m_shop).empty());
}

// ------------------------------------------------------------------------------------------
// 7. An unreachable registry, and a registry refusing the credentials
// ------------------------------------------------------------------------------------------

constexpr const char* k_sr_secret = "some-secret-text";

void expect_one_line_error(const RunResult& run, const std::vector<std::string>& naming) {
  EXPECT_EQ(run.exit_code, 1) << run.describe();
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.describe();
  for (const std::string& part : naming) {
    EXPECT_TRUE(contains(run.err, part)) << "stderr should name '" << part << "'\n"
                                         << run.describe();
  }
  for (const std::string* text : {&run.out, &run.err, &run.process_stderr}) {
    EXPECT_FALSE(contains(*text, k_sr_secret)) << "the secret leaked:\n" << run.describe();
  }
}

TEST_F(SchemaTest, UnreachableRegistryIsOneLineWithoutTheSecret) {
  const std::string spec = write_spec(
      "shop.yaml",
      spec_yaml(m_shop, channel("_public.profiles", stage("@DOMAIN@.Profile.v1.avsc", "p.avsc"))));
  for (const std::string& command : {std::string("plan"), std::string("provision")}) {
    const RunResult run = specmesh(command,
                                   spec,
                                   {"--sr-api-key", "x", "--sr-api-secret", k_sr_secret},
                                   "http://127.0.0.1:1/apis/ccompat/v7");
    SCOPED_TRACE(command);
    expect_one_line_error(run, {"127.0.0.1:1", "connect"});
  }
  EXPECT_TRUE(scope_topics(*m_admin, m_shop).empty()) << "nothing may be applied";
}

TEST_F(SchemaTest, RegistryRefusingTheCredentialsIsOneLineWithoutTheSecret) {
  const std::string body = R"({"error_code":40101,"message":"Unauthorized"})";
  ScriptedServer server("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                        "Content-Length: "
                        + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  ASSERT_NE(server.port(), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/apis/ccompat/v7";
  const std::string spec = write_spec(
      "shop.yaml",
      spec_yaml(m_shop, channel("_public.profiles", stage("@DOMAIN@.Profile.v1.avsc", "p.avsc"))));
  const RunResult run =
      specmesh("provision", spec, {"--sr-api-key", "x", "--sr-api-secret", k_sr_secret}, url);
  expect_one_line_error(run, {"127.0.0.1:" + std::to_string(server.port()), "401"});
  EXPECT_TRUE(contains(lower(run.err), "authentication")) << run.describe();
  EXPECT_TRUE(contains(lower(server.requests()), "authorization: basic"))
      << "the credentials were not sent";
  EXPECT_TRUE(scope_topics(*m_admin, m_shop).empty()) << "nothing may be applied";
}

// ------------------------------------------------------------------------------------------
// 8. The clean-up issue: --clean-unspecified removes exactly the extras of the scope
// ------------------------------------------------------------------------------------------

TEST_F(SchemaTest, CleanUnspecifiedDeletesExactlyTheScopesExtras) {
  const std::string shopping = domain("shopping"); // the neighbour: `shop` is its plain prefix
  const std::string spec = write_spec(
      "shop.yaml",
      spec_yaml(m_shop,
                channel("_public.profiles", stage("@DOMAIN@.Profile.v1.avsc", "profile.avsc"))));
  const RunResult first = provision(spec);
  ASSERT_EQ(first.exit_code, 0) << first.describe();

  // The extras, added as the admin through the adapters: three in the scope, three next to it.
  const std::string extra_topic = m_shop + "._private.extra";
  const std::string extra_subject = m_shop + "._public.extra-value";
  const plan::AclBinding extra_acl{plan::ResourceType::group,
                                   m_shop + ".extra-group",
                                   plan::PatternType::literal,
                                   "User:acme.stranger",
                                   "*",
                                   plan::AclOperation::read,
                                   plan::AclPermission::allow};
  const std::string neighbour_topic = shopping + "._public.stuff";
  const std::string neighbour_subject = shopping + "._public.stuff-value";
  const plan::AclBinding neighbour_acl{plan::ResourceType::topic,
                                       neighbour_topic,
                                       plan::PatternType::literal,
                                       "User:acme.stranger",
                                       "*",
                                       plan::AclOperation::read,
                                       plan::AclPermission::allow};
  for (const ports::Outcome& outcome : m_admin->create_topics(
           {plan::Topic{extra_topic, 1, -1, {}}, plan::Topic{neighbour_topic, 1, -1, {}}}, false)) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  for (const ports::Outcome& outcome : m_admin->create_acls({extra_acl, neighbour_acl})) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  for (const std::string& subject : {extra_subject, neighbour_subject}) {
    plan::Subject schema;
    schema.subject = subject;
    schema.schema =
        R"({"type":"record","name":"Extra","namespace":")" + m_run + R"(.x","fields":[]})";
    const Result<int> id = m_registry->register_schema(subject, schema);
    ASSERT_TRUE(id) << id.error().message;
  }
  const std::string group = m_run + "-offsets";
  ASSERT_EQ(ensure_consumer_offsets(neighbour_topic, group), "");
  ASSERT_TRUE(eventually([&] {
    const auto topics = metadata_topics(5s);
    return topics.contains(extra_topic) && topics.contains(neighbour_topic)
           && topics.contains("__consumer_offsets");
  }));
  const std::set<std::string> extras{
      "topics:" + extra_topic, "acls:" + extra_acl.name(), "schemas:" + extra_subject};

  const auto neighbours_survive = [&](const std::string& after) {
    SCOPED_TRACE(after);
    const auto topics = metadata_topics(5s);
    EXPECT_TRUE(topics.contains(neighbour_topic));
    EXPECT_TRUE(topics.contains("__consumer_offsets"));
    EXPECT_TRUE(all_acls(*m_admin).contains(neighbour_acl.name()));
    EXPECT_EQ(subjects(shopping), std::vector<std::string>{neighbour_subject});
  };

  // Without clean-up the extras are left alone.
  const RunResult normal = plan(spec);
  EXPECT_EQ(normal.exit_code, 0) << normal.describe();

  const RunResult dry = plan(spec, {"--clean-unspecified"});
  EXPECT_EQ(dry.exit_code, 2) << dry.describe();
  EXPECT_EQ(entries_in_state(dry.json(), "DELETE"), extras) << dry.describe();
  EXPECT_EQ(all_states(dry.json()), (std::set<std::string>{"DELETE", "UNCHANGED"}))
      << dry.describe();
  EXPECT_TRUE(metadata_topics(5s).contains(extra_topic)) << "a dry run deleted the topic";
  EXPECT_TRUE(all_acls(*m_admin).contains(extra_acl.name())) << "a dry run deleted the ACL";
  EXPECT_TRUE(latest(extra_subject)) << "a dry run deleted the subject";
  neighbours_survive("the dry run");

  const RunResult real = provision(spec, {"--clean-unspecified"});
  m_soft_deleted.push_back(extra_subject);
  EXPECT_EQ(real.exit_code, 0) << real.describe();
  EXPECT_EQ(entries_in_state(real.json(), "DELETED"), extras) << real.describe();
  EXPECT_EQ(all_states(real.json()), (std::set<std::string>{"DELETED", "UNCHANGED"}))
      << real.describe();
  EXPECT_TRUE(eventually([&] { return !metadata_topics(5s).contains(extra_topic); }))
      << "the extra topic survived";
  EXPECT_FALSE(all_acls(*m_admin).contains(extra_acl.name())) << "the extra ACL survived";
  EXPECT_FALSE(latest(extra_subject)) << "the extra subject survived";
  EXPECT_EQ(subjects(m_shop), std::vector<std::string>{m_shop + "._public.profiles-value"});
  neighbours_survive("the real run");

  const RunResult noop = plan(spec, {"--clean-unspecified"});
  EXPECT_EQ(noop.exit_code, 0) << noop.describe();
}

} // namespace
} // namespace specmesh::itest
