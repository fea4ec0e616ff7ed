#include "../temp_dir.hpp"
#include "test_specs.hpp"

#include <specmesh/plan/export.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace specmesh::plan {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::topic_grant;

std::vector<std::string> keys(const spec::ApiSpec& spec) {
  std::vector<std::string> out;
  for (const spec::Channel& channel : spec.channels) {
    out.push_back(channel.key);
  }
  return out;
}

std::vector<std::string> tags(const spec::Channel& channel) {
  std::vector<std::string> out;
  for (const spec::Tag& tag : channel.publish.value().tags) {
    out.push_back(tag.name);
  }
  return out;
}

const spec::Channel& channel(const ExportedSpec& exported, const std::string& key) {
  for (const spec::Channel& candidate : exported.spec.channels) {
    if (candidate.key == key) {
      return candidate;
    }
  }
  throw std::runtime_error("no channel " + key);
}

Subject registered(const std::string& name,
                   const std::string& schema,
                   std::vector<SchemaReference> references = {},
                   schema::SchemaType type = schema::SchemaType::avro) {
  Subject subject;
  subject.subject = name;
  subject.type = type;
  subject.schema = schema;
  subject.references = std::move(references);
  return subject;
}

TEST(ExportSpec, WritesTheDomainIdAsGivenAndTheAsyncApiVersion) {
  const ExportedSpec exported = export_spec({.domain_id = "acme:shop"});
  EXPECT_EQ(exported.spec.id, "urn:acme:shop");
  EXPECT_EQ(exported.spec.domain, "acme.shop");
  EXPECT_EQ(exported.spec.asyncapi, "2.6.0");
  EXPECT_THAT(exported.spec.channels, IsEmpty());
}

TEST(ExportSpec, NamesChannelsRelativeToTheDomainInExactScopeOnly) {
  const ExportedSpec exported = export_spec({.domain_id = "acme.shop",
                                             .topics = {{"acme.shop._public.orders", 1, 1, {}},
                                                        {"acme.shopping.other", 1, 1, {}},
                                                        {"acme.shop.acme.shop.x", 1, 1, {}},
                                                        {"acme.shop", 1, 1, {}},
                                                        {"__consumer_offsets", 1, 1, {}},
                                                        {"acme.shop._private.cart", 1, 1, {}}}});
  EXPECT_THAT(keys(exported.spec),
              ElementsAre("acme.shop", "_private.cart", "_public.orders", "acme.shop.acme.shop.x"));
  EXPECT_EQ(exported.spec.channels.at(2).name, "acme.shop._public.orders");
}

TEST(ExportSpec, CarriesPartitionsReplicasAndTheGivenConfigs) {
  const ExportedSpec exported =
      export_spec({.domain_id = "acme.shop",
                   .topics = {{"acme.shop._public.orders", 6, 3, {{"retention.ms", "3600000"}}},
                              {"acme.shop._private.cart", 1, -1, {}}}});
  const spec::KafkaBinding& orders = channel(exported, "_public.orders").kafka.value();
  EXPECT_EQ(orders.partitions, 6);
  EXPECT_EQ(orders.replicas, 3);
  EXPECT_EQ(orders.configs, (ConfigMap{{"retention.ms", "3600000"}}));
  EXPECT_EQ(channel(exported, "_private.cart").kafka.value().replicas, std::nullopt);
  EXPECT_EQ(channel(exported, "_private.cart").publish.value().operation_id,
            "publish._private.cart");
}

TEST(ExportSpec, TurnsLiteralReadGrantsOnProtectedAndUnmarkedTopicsIntoTags) {
  const std::string payments = "acme.shop._protected.payments";
  const std::string audit = "acme.shop.audit";
  const ExportedSpec exported =
      export_spec({.domain_id = "acme.shop",
                   .topics = {{payments, 1, 1, {}}, {audit, 1, 1, {}}},
                   .acls = {topic_grant(payments, "User:acme.finance"),
                            topic_grant(payments, "User:acme.finance", AclOperation::describe),
                            topic_grant(payments, "User:acme.tax", AclOperation::describe),
                            topic_grant(payments, "User:*"),
                            topic_grant(audit, "User:acme.audit"),
                            topic_grant("acme.shop._protected.other", "User:acme.other"),
                            {ResourceType::topic,
                             payments,
                             PatternType::prefixed,
                             "User:acme.prefixed",
                             "*",
                             AclOperation::read,
                             AclPermission::allow},
                            {ResourceType::topic,
                             payments,
                             PatternType::literal,
                             "User:acme.denied",
                             "*",
                             AclOperation::read,
                             AclPermission::deny},
                            {ResourceType::topic,
                             payments,
                             PatternType::literal,
                             "User:acme.writer",
                             "*",
                             AclOperation::write,
                             AclPermission::allow}}});
  EXPECT_THAT(
      tags(channel(exported, "_protected.payments")),
      ElementsAre("grant-access:_public", "grant-access:acme.finance", "grant-access:acme.tax"));
  EXPECT_THAT(tags(channel(exported, "audit")), ElementsAre("grant-access:acme.audit"));
}

TEST(ExportSpec, GivesPublicAndPrivateTopicsNoGrantTags) {
  const std::string orders = "acme.shop._public.orders";
  const std::string cart = "acme.shop._private.cart";
  const ExportedSpec exported = export_spec(
      {.domain_id = "acme.shop",
       .topics = {{orders, 1, 1, {}}, {cart, 1, 1, {}}},
       .acls = {topic_grant(orders, "User:*"), topic_grant(cart, "User:acme.finance")}});
  EXPECT_THAT(tags(channel(exported, "_public.orders")), IsEmpty());
  EXPECT_THAT(tags(channel(exported, "_private.cart")), IsEmpty());
}

TEST(ExportSpec, RefersToKeyAndValueSchemaFilesAndWritesAvroReferencesBesideThem) {
  const std::string orders = "acme.shop._public.orders";
  const ExportedSpec exported = export_spec(
      {.domain_id = "acme.shop",
       .topics = {{orders, 1, 1, {}}, {"acme.shop._private.cart", 1, 1, {}}},
       .schemas = {
           registered(
               orders + "-value", "{order}", {{"acme.shop.Address", "acme.shop.Address", 1}}),
           registered(
               "acme.shop.Address", "{address}", {{"acme.shop.Country", "acme.shop.Country", 2}}),
           registered("acme.shop.Country", "{country}"),
           registered(orders + "-key", R"({"type":"string"})", {}, schema::SchemaType::json)}});

  const spec::Message& message = channel(exported, "_public.orders").publish->message.value();
  EXPECT_EQ(message.payload.value().kind, spec::RecordPart::Kind::schema_ref);
  EXPECT_EQ(message.payload->schema_ref, orders + "-value.avsc");
  EXPECT_EQ(message.kafka.value().key.value().schema_ref, orders + "-key.json");
  EXPECT_EQ(channel(exported, "_private.cart").publish->message, std::nullopt);
  EXPECT_THAT(exported.schema_files,
              ElementsAre(ExportedSchemaFile{"acme.shop.Address.avsc", "{address}"},
                          ExportedSchemaFile{"acme.shop.Country.avsc", "{country}"},
                          ExportedSchemaFile{orders + "-key.json", "{\"type\":\"string\"}"},
                          ExportedSchemaFile{orders + "-value.avsc", "{order}"}));
}

TEST(ExportSpec, UsesTheProtobufExtension) {
  const ExportedSpec exported = export_spec(
      {.domain_id = "acme.shop",
       .topics = {{"acme.shop.x", 1, 1, {}}},
       .schemas = {registered(
           "acme.shop.x-value", "syntax = \"proto3\";", {}, schema::SchemaType::protobuf)}});
  EXPECT_EQ(channel(exported, "x").publish->message->payload->schema_ref,
            "acme.shop.x-value.proto");
}

using unit::TempDir;

constexpr const char* k_shop_spec = R"(
id: urn:acme.shop
channels:
  _public.orders:
    bindings: {kafka: {partitions: 3, replicas: 1, configs: {retention.ms: '3600000', cleanup.policy: delete}}}
    publish:
      operationId: a
      message:
        payload: {$ref: schema/acme.shop.Order.avsc}
        bindings: {kafka: {key: {$ref: schema/acme.shop.OrderKey.avsc}}}
  _protected.payments:
    bindings: {kafka: {partitions: 2, replicas: 1}}
    publish:
      operationId: b
      tags: [{name: "grant-access:acme.finance"}, {name: "grant-access:acme.tax"}]
      message:
        payload: {$ref: schema/payment.json}
  _private.cart:
    bindings: {kafka: {replicas: 1, configs: {retention.ms: '86400000'}}}
    publish: {operationId: c}
  audit:
    bindings: {kafka: {replicas: 1}}
    publish: {operationId: d, tags: [{name: "grant-access:_public"}]}
  acme.payments._public.paid:
    subscribe: {operationId: e}
)";

void write_shop_schemas(const TempDir& dir) {
  dir.write("schema/acme.shop.Order.avsc",
            R"({"type":"record","name":"Order","namespace":"acme.shop","fields":[)"
            R"({"name":"id","type":"string"},{"name":"to","type":"Address"}]})");
  dir.write("schema/acme.shop.Address.avsc",
            R"({"type":"record","name":"Address","namespace":"acme.shop","fields":[)"
            R"({"name":"country","type":"Country"}]})");
  dir.write("schema/acme.shop.Country.avsc",
            R"({"type":"enum","name":"Country","namespace":"acme.shop","symbols":["GB","NL"]})");
  dir.write("schema/acme.shop.OrderKey.avsc",
            R"({"type":"record","name":"OrderKey","namespace":"acme.shop","fields":[)"
            R"({"name":"id","type":"string"}]})");
  dir.write("schema/payment.json",
            R"({"type":"object","properties":{"amount":{"type":"number"}}})");
}

DesiredState desired_from(const spec::ApiSpec& spec, const std::string& schema_path) {
  const DesiredOptions options;
  const std::vector<schema::LoadedSchema> schemas =
      schema::load_schemas(schema_requests(spec, options), schema_path);
  Result<DesiredState> desired = desired_state(spec, schemas, options);
  EXPECT_TRUE(desired.has_value());
  return desired.value_or(DesiredState{});
}

/// The subjects without the file they were read from, which differs between the two specs.
std::vector<Subject> without_paths(std::vector<Subject> subjects) {
  for (Subject& subject : subjects) {
    subject.path.clear();
  }
  return subjects;
}

TEST(ExportSpec, ReDerivesTheSameDesiredStateItWasExportedFrom) {
  TempDir original_dir;
  write_shop_schemas(original_dir);
  const Result<spec::ApiSpec> original = spec::load_string(k_shop_spec, "shop.yaml");
  ASSERT_TRUE(original.has_value());
  const DesiredState desired = desired_from(*original, original_dir.path());
  ASSERT_THAT(desired.schema_failures, IsEmpty());
  ASSERT_EQ(desired.subjects.size(), 5u);

  // The cluster as provisioning left it: the desired topics, ACLs and subjects.
  const ExportedSpec exported = export_spec({.domain_id = "acme.shop",
                                             .topics = desired.topics,
                                             .acls = desired.acls,
                                             .schemas = desired.subjects});
  TempDir export_dir;
  for (const ExportedSchemaFile& file : exported.schema_files) {
    export_dir.write(file.file_name, file.content);
  }
  const Result<spec::ApiSpec> reloaded =
      spec::load_string(spec::to_yaml(exported.spec), "exported.yaml");
  ASSERT_TRUE(reloaded.has_value()) << spec::to_yaml(exported.spec);
  const DesiredState again = desired_from(*reloaded, export_dir.path());

  EXPECT_THAT(again.schema_failures, IsEmpty());
  EXPECT_EQ(again.topics, desired.topics);
  EXPECT_EQ(again.acls, desired.acls);
  EXPECT_EQ(without_paths(again.subjects), without_paths(desired.subjects));

  const ActualState actual{.topics = desired.topics,
                           .acls = desired.acls,
                           .subjects = desired.subjects,
                           .registry_observed = true};
  EXPECT_FALSE(diff(again, actual, Policy{}).has_changes());
}

} // namespace
} // namespace specmesh::plan
