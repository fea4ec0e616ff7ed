#include <specmesh/plan/subjects.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace specmesh::plan {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Subject avro_subject(const std::string& schema) {
  Subject subject;
  subject.subject = "acme.shop.orders-value";
  subject.schema = schema;
  return subject;
}

Subject foreign_topic_schema(const std::string& avro_kind) {
  Subject subject = avro_subject("{}");
  subject.topic_schema = true;
  subject.owned = false;
  subject.full_name = "acme.shared.Order";
  subject.avro_kind = avro_kind;
  return subject;
}

SubjectChange planned(Action action) {
  return {.action = action, .resource = avro_subject(R"({"type": "string"})")};
}

const Result<Compatibility> k_compatible = Compatibility{};
const Result<Compatibility> k_incompatible =
    Compatibility{.compatible = false, .messages = {"READER_FIELD_MISSING_DEFAULT_VALUE: id"}};
const Result<Compatibility> k_unreachable =
    fail(ErrorCode::unavailable, "schema registry 'http://sr:8081': cannot connect");

TEST(NeedsOwnerRegistration, OnlyAnotherDomainsRecordUsedAsATopicSchema) {
  EXPECT_TRUE(needs_owner_registration(foreign_topic_schema("record")));

  Subject owned = foreign_topic_schema("record");
  owned.owned = true;
  EXPECT_FALSE(needs_owner_registration(owned));

  Subject referenced = foreign_topic_schema("record");
  referenced.topic_schema = false;
  EXPECT_FALSE(needs_owner_registration(referenced));

  EXPECT_FALSE(needs_owner_registration(foreign_topic_schema("enum")));
  EXPECT_FALSE(needs_owner_registration(foreign_topic_schema("union")));
}

TEST(SameSchemaText, IgnoresFormatting) {
  const Subject desired = avro_subject(R"({
    "type": "record",
    "name": "Order",
    "fields": [{"name": "id", "type": "string"}]
  })");
  EXPECT_TRUE(same_schema_text(
      desired, R"({"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]})"));
}

TEST(SameSchemaText, IgnoresCommentsInTheDesiredSchema) {
  const Subject desired = avro_subject(R"({"type": "string" /* an id */})");
  EXPECT_TRUE(same_schema_text(desired, R"({"type":"string"})"));
}

TEST(SameSchemaText, DifferentDocumentsDiffer) {
  const Subject desired = avro_subject(R"({"type": "record", "name": "Order", "fields": []})");
  EXPECT_FALSE(same_schema_text(desired, R"({"type": "record", "name": "Other", "fields": []})"));
  EXPECT_FALSE(same_schema_text(
      desired, R"({"type": "record", "name": "Order", "fields": [], "doc": "x"})"));
}

TEST(SameSchemaText, InvalidJsonIsNeverTheSame) {
  // Protobuf text, or a broken file: the registry's own lookup decides.
  const std::string proto = "syntax = \"proto3\"; message Order {}";
  EXPECT_FALSE(same_schema_text(avro_subject(proto), proto));
  EXPECT_FALSE(same_schema_text(avro_subject(R"({"type": "string"})"), "{not json"));
}

TEST(Incompatibility, NamesTheSubjectAndJoinsTheRegistrysReasons) {
  const Compatibility verdict{.compatible = false, .messages = {"first reason", "second reason"}};
  EXPECT_EQ(incompatibility("acme.shop.orders-value", verdict),
            "subject 'acme.shop.orders-value': schema is incompatible with the registered "
            "versions: first reason; second reason");
}

TEST(Incompatibility, WithoutReasonsSaysOnlyThatItIsIncompatible) {
  EXPECT_EQ(incompatibility("acme.shop.orders-value", Compatibility{.compatible = false}),
            "subject 'acme.shop.orders-value': schema is incompatible with the registered "
            "versions");
}

TEST(AllowsUpdate, ACompatibleSchemaMayBeRegistered) {
  EXPECT_TRUE(allows_update("acme.shop.orders-value", k_compatible).has_value());
}

TEST(AllowsUpdate, AnIncompatibleSchemaIsAConflictWithTheReasons) {
  const Result<void> allowed = allows_update("acme.shop.orders-value", k_incompatible);
  ASSERT_FALSE(allowed.has_value());
  EXPECT_EQ(allowed.error().code, ErrorCode::conflict);
  EXPECT_EQ(allowed.error().message,
            "subject 'acme.shop.orders-value': schema is incompatible with the registered "
            "versions: READER_FIELD_MISSING_DEFAULT_VALUE: id");
}

TEST(AllowsUpdate, PassesTheRegistrysErrorOn) {
  const Result<void> allowed = allows_update("acme.shop.orders-value", k_unreachable);
  ASSERT_FALSE(allowed.has_value());
  EXPECT_EQ(allowed.error().code, ErrorCode::unavailable);
  EXPECT_EQ(allowed.error().message, k_unreachable.error().message);
}

TEST(JudgeCompatibility, AnIncompatibleUpdateIsBlockedWithTheReasons) {
  SubjectChange change = planned(Action::update);
  judge_compatibility(change, k_incompatible);
  EXPECT_EQ(change.action, Action::blocked);
  EXPECT_THAT(change.details,
              ElementsAre("subject 'acme.shop.orders-value': schema is incompatible with the "
                          "registered versions: READER_FIELD_MISSING_DEFAULT_VALUE: id"));
}

TEST(JudgeCompatibility, ACompatibleUpdateStaysAnUpdate) {
  SubjectChange change = planned(Action::update);
  judge_compatibility(change, k_compatible);
  EXPECT_EQ(change.action, Action::update);
  EXPECT_THAT(change.details, IsEmpty());
}

TEST(JudgeCompatibility, AnUnjudgedUpdateStaysAnUpdateAndSaysWhy) {
  SubjectChange change = planned(Action::update);
  change.details.emplace_back("earlier detail");
  judge_compatibility(change, k_unreachable);
  EXPECT_EQ(change.action, Action::update);
  EXPECT_THAT(change.details,
              ElementsAre("earlier detail",
                          "compatibility not checked: schema registry 'http://sr:8081': cannot "
                          "connect"));
}

TEST(JudgeCompatibility, LeavesEveryOtherActionAlone) {
  for (const Action action :
       {Action::create, Action::remove, Action::unchanged, Action::ignored, Action::failed}) {
    for (const Result<Compatibility>* verdict : {&k_incompatible, &k_unreachable}) {
      SubjectChange change = planned(action);
      const SubjectChange before = change;
      judge_compatibility(change, *verdict);
      EXPECT_EQ(change, before) << to_string(action);
    }
  }
}

} // namespace
} // namespace specmesh::plan
