// The contract of ports::SchemaRegistry: the same test bodies run against the fake
// (tests/unit/contract) and the real adapter on the local Apicurio Registry
// (tests/integration/registry), so the fake cannot drift from what a registry does. `Maker` is
// one implementation, made afresh for every test:
//
//   Maker();                          connects (or makes the fake)
//   std::string problem() const;      why it could not: the test fails with it, never skips
//   std::string run_prefix() const;   unique to this process; letters and digits only (it is
//                                     part of Avro namespaces too)
//   ports::SchemaRegistry& registry();
//   void declare_incompatible(subject, reasons);  what a real registry computes itself (it
//                                     does nothing there); the fake is told
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Fake, SchemaRegistryContract, FakeRegistry);
#pragma once

#include "contract_support.hpp"

#include <specmesh/ports/schema_registry.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace specmesh::contract {

inline plan::Subject make_subject(const std::string& subject,
                                  schema::SchemaType type,
                                  std::string text,
                                  std::vector<plan::SchemaReference> references = {}) {
  plan::Subject made;
  made.subject = subject;
  made.type = type;
  made.schema = std::move(text);
  made.references = std::move(references);
  return made;
}

/// An Avro record `name` in `ns` with the given field JSON objects.
inline std::string
record(const std::string& ns, const std::string& name, const std::vector<nlohmann::json>& fields) {
  return nlohmann::json{{"type", "record"}, {"name", name}, {"namespace", ns}, {"fields", fields}}
      .dump();
}

inline nlohmann::json field(const std::string& name, const nlohmann::json& type) {
  return {{"name", name}, {"type", type}};
}

inline nlohmann::json field(const std::string& name, const nlohmann::json& type, int fallback) {
  return {{"name", name}, {"type", type}, {"default", fallback}};
}

inline bool same_json(const std::string& a, const std::string& b) {
  return nlohmann::json::parse(a) == nlohmann::json::parse(b);
}

inline std::string joined(const std::vector<std::string>& messages) {
  std::string text;
  for (const std::string& message : messages) {
    text += (text.empty() ? "" : " | ") + message;
  }
  return text;
}

template <typename Maker> class SchemaRegistryContract : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_EQ(m_maker.problem(), ""); }

  /// Best effort: referencing subjects (the longer names here) before the referenced ones.
  void TearDown() override {
    if (!m_maker.problem().empty()) {
      return;
    }
    auto names = registry().list_subjects(test_prefix());
    if (names) {
      std::sort(names->begin(), names->end(), [](const auto& a, const auto& b) {
        return a.size() > b.size();
      });
      for (int pass = 0; pass < 2; ++pass) {
        for (const std::string& name : *names) {
          (void)registry().delete_subject(name, true);
        }
      }
    }
  }

  ports::SchemaRegistry& registry() { return m_maker.registry(); }

  /// "<run>_<test>": this test's subjects and Avro namespace all start with it.
  std::string test_prefix() const { return m_maker.run_prefix() + "_" + test_name(); }
  std::string subject(const std::string& suffix) const { return test_prefix() + "-" + suffix; }

  int must_register(const plan::Subject& schema) {
    auto id = registry().register_schema(schema.subject, schema);
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : -1;
  }

  ports::RegisteredSchema must_latest(const std::string& name) {
    auto latest = registry().latest_versions({name});
    EXPECT_TRUE(latest) << latest.error().message;
    if (!latest || latest->size() != 1) {
      ADD_FAILURE() << "no latest version of " << name;
      return {};
    }
    return latest->front();
  }

  /// `name` in this test's namespace with the fields: one version of a subject's schema.
  plan::Subject avro(const std::string& name,
                     const std::string& type,
                     const std::vector<nlohmann::json>& fields,
                     std::vector<plan::SchemaReference> references = {}) const {
    return make_subject(
        name, schema::SchemaType::avro, record(test_prefix(), type, fields), std::move(references));
  }

  Maker m_maker;
};

TYPED_TEST_SUITE_P(SchemaRegistryContract);

TYPED_TEST_P(SchemaRegistryContract, ListsOnlySubjectsWithThePrefixSorted) {
  const std::string other = this->test_prefix() + "x-other"; // shares the test prefix only
  const std::string mine = this->test_prefix() + ".mine";
  for (const std::string& name : {mine + "-b", mine + "-a", other}) {
    this->must_register(make_subject(name, schema::SchemaType::avro, R"("string")"));
  }
  auto names = this->registry().list_subjects(mine);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{mine + "-a", mine + "-b"}));
  auto all = this->registry().list_subjects(this->test_prefix());
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->size(), 3U);
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end()));
}

TYPED_TEST_P(SchemaRegistryContract, RegistersAvroWithReferencesToTheLatestVersion) {
  const std::string inner_name = this->test_prefix() + ".Inner";
  const int inner_id = this->must_register(this->avro(inner_name, "Inner", {field("a", "string")}));
  ASSERT_GT(inner_id, 0);

  // specmesh-build's references say version -1 ("latest"); the registry records the number.
  const plan::Subject outer = this->avro(this->subject("value"),
                                         "Outer",
                                         {field("inner", inner_name)},
                                         {{inner_name, inner_name, -1}});
  const int outer_id = this->must_register(outer);
  ASSERT_GT(outer_id, 0);
  EXPECT_NE(outer_id, inner_id);

  // Registering the same schema again is idempotent, with the number given explicitly too.
  plan::Subject explicit_version = outer;
  explicit_version.references = {{inner_name, inner_name, 1}};
  EXPECT_EQ(this->must_register(explicit_version), outer_id);
  EXPECT_EQ(this->must_register(outer), outer_id);

  const ports::RegisteredSchema latest = this->must_latest(outer.subject);
  EXPECT_EQ(latest.subject, outer.subject);
  EXPECT_EQ(latest.version, 1);
  EXPECT_EQ(latest.id, outer_id);
  EXPECT_EQ(latest.type, schema::SchemaType::avro);
  EXPECT_TRUE(same_json(latest.schema, outer.schema)) << latest.schema;
  EXPECT_EQ(latest.references, (std::vector<plan::SchemaReference>{{inner_name, inner_name, 1}}));

  // A second version of the referenced type: "latest" now means 2.
  this->must_register(
      this->avro(inner_name, "Inner", {field("a", "string"), field("b", "int", 0)}));
  const int outer_v2 = this->must_register(outer);
  const ports::RegisteredSchema latest2 = this->must_latest(outer.subject);
  EXPECT_EQ(latest2.version, 2);
  EXPECT_EQ(latest2.id, outer_v2);
  EXPECT_EQ(latest2.references, (std::vector<plan::SchemaReference>{{inner_name, inner_name, 2}}));
}

TYPED_TEST_P(SchemaRegistryContract, RegistersJsonSchemaAndProtobuf) {
  const plan::Subject json_schema =
      make_subject(this->subject("json-value"),
                   schema::SchemaType::json,
                   R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object",)"
                   R"("properties":{"id":{"type":"string"}},"required":["id"]})");
  const plan::Subject proto =
      make_subject(this->subject("proto-value"),
                   schema::SchemaType::protobuf,
                   "syntax = \"proto3\";\npackage acme.test;\n\n"
                   "message Thing {\n  string id = 1;\n  int64 at = 2;\n}\n");
  const int json_id = this->must_register(json_schema);
  const int proto_id = this->must_register(proto);
  EXPECT_GT(json_id, 0);
  EXPECT_GT(proto_id, 0);

  auto latest = this->registry().latest_versions({json_schema.subject, proto.subject});
  ASSERT_TRUE(latest) << latest.error().message;
  ASSERT_EQ(latest->size(), 2U);
  EXPECT_EQ((*latest)[0].type, schema::SchemaType::json);
  EXPECT_EQ((*latest)[0].id, json_id);
  EXPECT_TRUE(same_json((*latest)[0].schema, json_schema.schema)) << (*latest)[0].schema;
  EXPECT_EQ((*latest)[1].type, schema::SchemaType::protobuf);
  EXPECT_EQ((*latest)[1].id, proto_id);
  EXPECT_NE((*latest)[1].schema.find("message Thing"), std::string::npos) << (*latest)[1].schema;

  auto found = this->registry().lookup(proto.subject, proto);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, proto_id);
  auto json_found = this->registry().lookup(json_schema.subject, json_schema);
  ASSERT_TRUE(json_found) << json_found.error().message;
  ASSERT_TRUE(json_found->has_value());
  EXPECT_EQ((*json_found)->type, schema::SchemaType::json);
}

TYPED_TEST_P(SchemaRegistryContract, LatestVersionsInTheOrderGivenWithoutMissingOnes) {
  std::vector<std::string> asked;
  std::vector<std::string> expected;
  for (int i = 0; i < 12; ++i) {
    const std::string name = this->subject("many-" + std::to_string(i));
    this->must_register(make_subject(name,
                                     schema::SchemaType::avro,
                                     R"({"type":"fixed","name":"F)" + std::to_string(i)
                                         + R"(","size":)" + std::to_string(i + 1) + "}"));
    asked.push_back(name);
    expected.push_back(name);
    if (i % 4 == 0) {
      asked.push_back(this->subject("missing-" + std::to_string(i)));
    }
  }
  std::reverse(asked.begin(), asked.end());
  std::reverse(expected.begin(), expected.end());
  auto latest = this->registry().latest_versions(asked);
  ASSERT_TRUE(latest) << latest.error().message;
  std::vector<std::string> got;
  for (const auto& registered : *latest) {
    got.push_back(registered.subject);
    EXPECT_EQ(registered.version, 1);
    EXPECT_GT(registered.id, 0);
  }
  EXPECT_EQ(got, expected);

  auto none = this->registry().latest_versions({});
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
}

TYPED_TEST_P(SchemaRegistryContract, SubjectNamesWithUrlCharactersWorkEverywhere) {
  const std::string odd = this->subject("a/b c?d#e%f+g");
  const plan::Subject s = make_subject(odd, schema::SchemaType::avro, R"("long")");
  const int id = this->must_register(s);
  const ports::RegisteredSchema latest = this->must_latest(odd);
  EXPECT_EQ(latest.subject, odd);
  EXPECT_EQ(latest.id, id);
  auto found = this->registry().lookup(odd, s);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(found->has_value());
  ASSERT_TRUE(this->registry().set_compatibility_level(odd, "FULL"));
  auto level = this->registry().compatibility_level(odd);
  ASSERT_TRUE(level) << level.error().message;
  EXPECT_EQ(*level, std::optional<std::string>("FULL"));
  auto names = this->registry().list_subjects(odd);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, std::vector<std::string>{odd});
  auto deleted = this->registry().delete_subject(odd, true);
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(*deleted, std::vector<int>{1});
}

TYPED_TEST_P(SchemaRegistryContract, LookupFindsRegisteredSchemasOnly) {
  const std::string ns = this->test_prefix();
  const std::string inner_name = ns + ".Inner";
  this->must_register(this->avro(inner_name, "Inner", {field("a", "int")}));
  const plan::Subject outer = this->avro(this->subject("value"),
                                         "Outer",
                                         {field("inner", inner_name)},
                                         {{inner_name, inner_name, -1}});
  const int id = this->must_register(outer);

  // Found, also with whitespace the registry does not keep.
  plan::Subject spaced = outer;
  spaced.schema = nlohmann::json::parse(outer.schema).dump(2);
  auto found = this->registry().lookup(outer.subject, spaced);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ((*found)->version, 1);
  EXPECT_EQ((*found)->subject, outer.subject);
  EXPECT_EQ((*found)->references,
            (std::vector<plan::SchemaReference>{{inner_name, inner_name, 1}}));

  // Another schema under an existing subject.
  plan::Subject other = outer;
  other.schema = record(ns, "Outer", {field("inner", inner_name), field("x", "int", 1)});
  auto not_there = this->registry().lookup(outer.subject, other);
  ASSERT_TRUE(not_there) << not_there.error().message;
  EXPECT_FALSE(not_there->has_value());

  // The same schema under a subject that does not exist.
  auto no_subject = this->registry().lookup(this->subject("nothing"), outer);
  ASSERT_TRUE(no_subject) << no_subject.error().message;
  EXPECT_FALSE(no_subject->has_value());

  // A reference to a subject that does not exist: it cannot be registered anywhere.
  plan::Subject dangling = outer;
  dangling.references = {{inner_name, ns + ".Missing", -1}};
  auto dangling_found = this->registry().lookup(outer.subject, dangling);
  ASSERT_TRUE(dangling_found) << dangling_found.error().message;
  EXPECT_FALSE(dangling_found->has_value());
}

TYPED_TEST_P(SchemaRegistryContract, AnIncompatibleSchemaIsReportedAndRefused) {
  const std::string name = this->subject("value");
  const plan::Subject v1 = this->avro(name, "Thing", {field("a", "string"), field("b", "int")});
  const int v1_id = this->must_register(v1);
  ASSERT_TRUE(this->registry().set_compatibility_level(name, "FULL_TRANSITIVE"));

  // Removing a required field: old readers miss it (no default).
  const plan::Subject removed = this->avro(name, "Thing", {field("a", "string")});
  this->m_maker.declare_incompatible(name, {"READER_FIELD_MISSING_DEFAULT_VALUE"});
  auto check = this->registry().check_compatibility(name, removed);
  ASSERT_TRUE(check) << check.error().message;
  // The reasons are not part of the contract: Apicurio 3.3.3 gives none here (its 409 on
  // registering names the differences).
  EXPECT_FALSE(check->compatible);

  auto refused = this->registry().register_schema(name, removed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_TRUE(refused.error().message.starts_with("subject '" + name + "': "))
      << refused.error().message;
  const ports::RegisteredSchema still = this->must_latest(name);
  EXPECT_EQ(still.version, 1);
  EXPECT_EQ(still.id, v1_id);
  // What it holds already is no new version, so no check applies.
  EXPECT_EQ(this->must_register(v1), v1_id);
}

TYPED_TEST_P(SchemaRegistryContract, ABrandNewOrDeletedSubjectIsCompatibleWithAnything) {
  const plan::Subject s = this->avro(this->subject("new"), "New", {field("a", "int")});
  auto check = this->registry().check_compatibility(s.subject, s);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->compatible);
  EXPECT_TRUE(check->messages.empty());

  this->must_register(s);
  ASSERT_TRUE(this->registry().set_compatibility_level(s.subject, "FULL_TRANSITIVE"));
  auto deleted = this->registry().delete_subject(s.subject, false);
  ASSERT_TRUE(deleted) << deleted.error().message;
  const plan::Subject other = this->avro(s.subject, "New", {field("z", "string")});
  this->m_maker.declare_incompatible(s.subject, {"would be, were the subject live"});
  check = this->registry().check_compatibility(s.subject, other);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->compatible);
  EXPECT_TRUE(this->registry().delete_subject(s.subject, true)); // TearDown sees live ones only
}

TYPED_TEST_P(SchemaRegistryContract, AMissingReferenceIsNotFoundNamingIt) {
  const std::string ns = this->test_prefix();
  const std::string missing = ns + ".Missing";
  const plan::Subject s =
      this->avro(this->subject("value"), "Outer", {field("m", missing)}, {{missing, missing, -1}});
  const std::string expected = "subject '" + s.subject + "': referenced schema '" + missing
                               + "' not found (subject '" + missing + "', version latest)";
  auto check = this->registry().check_compatibility(s.subject, s);
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::not_found);
  EXPECT_EQ(check.error().message, expected);

  auto registered = this->registry().register_schema(s.subject, s);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::not_found);
  EXPECT_EQ(registered.error().message, expected);

  // An explicit version that does not exist.
  const std::string inner_name = ns + ".Inner";
  this->must_register(this->avro(inner_name, "Inner", {field("a", "int")}));
  const plan::Subject pinned = this->avro(
      this->subject("pinned"), "Pinned", {field("i", inner_name)}, {{inner_name, inner_name, 7}});
  registered = this->registry().register_schema(pinned.subject, pinned);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::not_found);
  EXPECT_EQ(registered.error().message,
            "subject '" + pinned.subject + "': referenced schema '" + inner_name
                + "' not found (subject '" + inner_name + "', version 7)");
  auto names = this->registry().list_subjects(this->test_prefix());
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, std::vector<std::string>{inner_name});
}

TYPED_TEST_P(SchemaRegistryContract, AnInvalidSchemaIsInvalidInput) {
  const plan::Subject broken =
      make_subject(this->subject("value"), schema::SchemaType::avro, R"({"type":)");
  auto registered = this->registry().register_schema(broken.subject, broken);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(registered.error().message.starts_with("subject '" + broken.subject + "': "))
      << registered.error().message;
  auto names = this->registry().list_subjects(this->test_prefix());
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_TRUE(names->empty());
}

TYPED_TEST_P(SchemaRegistryContract, CompatibilityLevelGetSetGet) {
  const plan::Subject s =
      make_subject(this->subject("value"), schema::SchemaType::avro, R"("int")");
  auto none = this->registry().compatibility_level(s.subject);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(*none, std::nullopt) << "no such subject";

  this->must_register(s);
  auto unset = this->registry().compatibility_level(s.subject);
  ASSERT_TRUE(unset) << unset.error().message;
  // Confluent: 40408 -> nullopt. Apicurio 3.3.3 answers NONE for "no subject rule" (docs).
  EXPECT_TRUE(*unset == std::nullopt || *unset == std::optional<std::string>("NONE"))
      << unset->value_or("");

  for (const std::string level : {"FULL_TRANSITIVE", "BACKWARD"}) {
    ASSERT_TRUE(this->registry().set_compatibility_level(s.subject, level));
    auto set = this->registry().compatibility_level(s.subject);
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(*set, std::optional<std::string>(level));
  }

  auto bogus = this->registry().set_compatibility_level(s.subject, "SIDEWAYS");
  ASSERT_FALSE(bogus);
  EXPECT_EQ(bogus.error().code, ErrorCode::invalid_input);
  auto kept = this->registry().compatibility_level(s.subject);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(*kept, std::optional<std::string>("BACKWARD"));
}

TYPED_TEST_P(SchemaRegistryContract, SoftThenHardDelete) {
  const std::string name = this->subject("value");
  this->must_register(this->avro(name, "T", {field("a", "int")}));
  this->must_register(this->avro(name, "T", {field("a", "int"), field("b", "int", 1)}));

  auto soft = this->registry().delete_subject(name, false);
  ASSERT_TRUE(soft) << soft.error().message;
  EXPECT_EQ(*soft, (std::vector<int>{1, 2}));
  auto names = this->registry().list_subjects(this->test_prefix());
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_TRUE(names->empty()) << "a soft-deleted subject is not listed";
  auto latest = this->registry().latest_versions({name});
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_TRUE(latest->empty()) << "a soft-deleted subject has no latest version";

  auto again = this->registry().delete_subject(name, false);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::not_found);

  auto hard = this->registry().delete_subject(name, true); // already soft-deleted: hard only
  ASSERT_TRUE(hard) << hard.error().message;
  EXPECT_EQ(*hard, (std::vector<int>{1, 2}));

  auto gone = this->registry().delete_subject(name, true);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);

  // Straight to permanent: soft then hard in one call.
  const std::string other = this->subject("other");
  this->must_register(make_subject(other, schema::SchemaType::avro, R"("bytes")"));
  auto both = this->registry().delete_subject(other, true);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(*both, std::vector<int>{1});
  EXPECT_TRUE(this->registry().latest_versions({other})->empty());
}

TYPED_TEST_P(SchemaRegistryContract, AReferencedSubjectCannotBeDeleted) {
  const std::string inner_name = this->test_prefix() + ".Inner";
  this->must_register(this->avro(inner_name, "Inner", {field("a", "int")}));
  this->must_register(this->avro(
      this->subject("value"), "Outer", {field("i", inner_name)}, {{inner_name, inner_name, -1}}));
  auto refused = this->registry().delete_subject(inner_name, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(refused.error().message.starts_with("subject '" + inner_name + "': "))
      << refused.error().message;
  EXPECT_EQ(this->must_latest(inner_name).version, 1);
}

TYPED_TEST_P(SchemaRegistryContract, ServesConcurrencyCallsAtOnce) {
  // apply::execute writes independent subjects from this many threads at once.
  const int threads = this->registry().concurrency();
  EXPECT_GT(threads, 1);
  std::vector<std::string> expected;
  for (int i = 0; i < 2 * std::max(threads, 1); ++i) {
    expected.push_back(this->subject("at-once-" + std::to_string(i)));
  }
  std::sort(expected.begin(), expected.end());
  std::atomic<std::size_t> next{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < expected.size(); i = next++) {
        const auto s = make_subject(expected[i], schema::SchemaType::avro, R"("string")");
        if (!this->registry().register_schema(s.subject, s)
            || !this->registry().set_compatibility_level(s.subject, "FULL_TRANSITIVE")) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  EXPECT_EQ(failures, 0);
  auto names = this->registry().list_subjects(this->test_prefix());
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, expected);
  auto latest = this->registry().latest_versions(expected);
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_EQ(latest->size(), expected.size());
}

REGISTER_TYPED_TEST_SUITE_P(SchemaRegistryContract,
                            ListsOnlySubjectsWithThePrefixSorted,
                            RegistersAvroWithReferencesToTheLatestVersion,
                            RegistersJsonSchemaAndProtobuf,
                            LatestVersionsInTheOrderGivenWithoutMissingOnes,
                            SubjectNamesWithUrlCharactersWorkEverywhere,
                            LookupFindsRegisteredSchemasOnly,
                            AnIncompatibleSchemaIsReportedAndRefused,
                            ABrandNewOrDeletedSubjectIsCompatibleWithAnything,
                            AMissingReferenceIsNotFoundNamingIt,
                            AnInvalidSchemaIsInvalidInput,
                            CompatibilityLevelGetSetGet,
                            SoftThenHardDelete,
                            AReferencedSubjectCannotBeDeleted,
                            ServesConcurrencyCallsAtOnce);

} // namespace specmesh::contract
