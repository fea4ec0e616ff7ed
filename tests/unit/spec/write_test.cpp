#include "load_ok.hpp"

#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace specmesh::spec {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string dump(const std::optional<RecordPart>& part) {
  if (!part) {
    return "-";
  }
  std::ostringstream out;
  out << static_cast<int>(part->kind) << ':' << part->schema_ref << ':'
      << static_cast<int>(part->kafka_type);
  return out.str();
}

std::string dump(const std::optional<KafkaBinding>& binding) {
  if (!binding) {
    return "-";
  }
  std::ostringstream out;
  out << "partitions=" << binding->partitions.value_or(0)
      << " replicas=" << binding->replicas.value_or(0) << " configs={";
  for (const auto& [key, value] : binding->configs) {
    out << key << '=' << value << ';';
  }
  out << "} envs=[";
  for (const std::string& env : binding->envs) {
    out << env << ';';
  }
  out << "] group=" << binding->group_id << " idloc=" << binding->schema_id_location
      << " strategy=" << binding->schema_lookup_strategy << " version=" << binding->binding_version
      << " key=" << dump(binding->key);
  return out.str();
}

std::string dump(const std::optional<Operation>& operation) {
  if (!operation) {
    return "-";
  }
  std::ostringstream out;
  out << "id=" << operation->operation_id << " summary=" << operation->summary << " tags=[";
  for (const Tag& tag : operation->tags) {
    out << tag.name << '/' << tag.description << ';';
  }
  out << "]";
  if (const std::optional<Message>& message = operation->message) {
    out << " message{name=" << message->name << " id=" << message->message_id
        << " format=" << message->schema_format << " content=" << message->content_type
        << " payload=" << dump(message->payload) << " kafka=" << dump(message->kafka) << "}";
  }
  return out.str();
}

/// Every field of the model except source locations, one channel per line.
std::string dump(const ApiSpec& spec) {
  std::ostringstream out;
  out << "id=" << spec.id << " domain=" << spec.domain << " asyncapi=" << spec.asyncapi
      << " version=" << spec.version << '\n';
  for (const Channel& channel : spec.channels) {
    out << channel.key << " -> " << channel.name << " description=" << channel.description
        << "\n  kafka: " << dump(channel.kafka) << "\n  publish: " << dump(channel.publish)
        << "\n  subscribe: " << dump(channel.subscribe) << '\n';
  }
  for (const SharedSchema& shared : spec.shared_schemas) {
    out << "shared " << shared.schema_ref << '\n';
  }
  return out.str();
}

constexpr const char* k_rich_spec = R"(
asyncapi: 2.5.0
id: 'urn:acme:shop'
version: '2024-01-01'
info: {title: shop, version: 1.0.0}
channels:
  _public.orders:
    description: every order
    bindings:
      kafka:
        partitions: 3
        replicas: 2
        configs:
          cleanup.policy: delete
          retention.ms: 3600000
          compression.type: ''
          preallocate: 'true'
        envs: [staging, prod]
        groupId: shop-group
        bindingVersion: 0.4.0
    publish:
      operationId: publishOrders
      summary: orders placed
      tags:
        - name: grant-access:acme.finance
          description: finance reads orders
        - name: team
      message:
        name: Order
        messageId: order-1
        schemaFormat: application/vnd.apache.avro+json;version=1.9.0
        contentType: application/octet-stream
        payload:
          $ref: schema/acme.shop.Order.avsc
        bindings:
          kafka:
            schemaIdLocation: header
            schemaLookupStrategy: RecordNameStrategy
            key:
              $ref: schema/acme.shop.OrderKey.avsc
  _private.cart:
    bindings: {kafka: {}}
    publish:
      operationId: publishCart
      message:
        payload: {type: object, properties: {id: {type: string}}}
        bindings: {kafka: {key: long}}
  /elsewhere/_public/audit:
    bindings: {kafka: {partitions: 1}}
    publish: {operationId: publishAudit}
  acme.payments._public.paid:
    subscribe:
      operationId: onPaid
      message:
        payload: {type: bytes}
x-specmesh-shared-schemas:
  - $ref: schema/acme.shop.Money.avsc
)";

TEST(ToYaml, ReloadsAsAnEqualModel) {
  const ApiSpec original = load_ok(k_rich_spec);
  const std::string yaml = to_yaml(original);
  const ApiSpec reloaded = load_ok(yaml);

  EXPECT_EQ(dump(reloaded), dump(original)) << yaml;
  EXPECT_EQ(to_yaml(reloaded), yaml);
}

TEST(ToYaml, LeavesDefaultsOutAndWritesRecordPartsAsRefOrType) {
  ApiSpec spec;
  spec.asyncapi = "2.6.0";
  spec.id = "urn:acme.shop";
  Channel channel;
  channel.key = "_public.orders";
  channel.kafka = KafkaBinding{};
  channel.kafka->partitions = 3;
  channel.kafka->replicas = 1;
  channel.kafka->configs = {{"retention.ms", "3600000"}};
  Operation publish;
  publish.operation_id = "publish._public.orders";
  publish.tags = {{"grant-access:acme.finance", "", {}}};
  Message message;
  message.payload = RecordPart{.kind = RecordPart::Kind::schema_ref, .schema_ref = "v.avsc"};
  message.kafka = KafkaBinding{};
  message.kafka->key =
      RecordPart{.kind = RecordPart::Kind::kafka_type, .kafka_type = KafkaType::long_};
  publish.message = message;
  channel.publish = publish;
  spec.channels.push_back(channel);

  EXPECT_EQ(to_yaml(spec),
            "asyncapi: 2.6.0\n"
            "id: urn:acme.shop\n"
            "channels:\n"
            "  _public.orders:\n"
            "    bindings:\n"
            "      kafka:\n"
            "        partitions: 3\n"
            "        replicas: 1\n"
            "        configs:\n"
            "          retention.ms: \"3600000\"\n"
            "    publish:\n"
            "      operationId: publish._public.orders\n"
            "      tags:\n"
            "        - name: grant-access:acme.finance\n"
            "      message:\n"
            "        payload:\n"
            "          $ref: v.avsc\n"
            "        bindings:\n"
            "          kafka:\n"
            "            key:\n"
            "              type: long\n");
}

TEST(FlattenedKey, IsTheTopicForOwnedPublishChannels) {
  const ApiSpec spec = load_ok(k_rich_spec);
  ASSERT_EQ(spec.channels.size(), 4u);
  EXPECT_EQ(flattened_key(spec.channels[0], spec.domain, '.'), "acme.shop._public.orders");
  EXPECT_EQ(flattened_key(spec.channels[1], spec.domain, '.'), "acme.shop._private.cart");
}

TEST(FlattenedKey, StaysAbsoluteForPublishChannelsOutsideTheDomain) {
  const ApiSpec spec = load_ok(k_rich_spec);
  EXPECT_EQ(flattened_key(spec.channels[2], spec.domain, '.'), "/elsewhere._public.audit");
}

TEST(FlattenedKey, KeepsSubscribeOnlyChannelsAsWritten) {
  const ApiSpec spec = load_ok(k_rich_spec);
  EXPECT_EQ(flattened_key(spec.channels[3], spec.domain, '.'), "acme.payments._public.paid");
}

TEST(FlattenYaml, ReloadsAsTheSameTopicsWithFullNamesAsKeys) {
  const ApiSpec original = load_ok(k_rich_spec);
  const Result<std::string> flat = flatten_yaml(k_rich_spec, "spec.yaml");
  ASSERT_TRUE(flat.has_value());
  const ApiSpec reloaded = load_ok(*flat);

  ASSERT_EQ(reloaded.channels.size(), original.channels.size());
  for (std::size_t i = 0; i < original.channels.size(); ++i) {
    EXPECT_EQ(reloaded.channels[i].name, original.channels[i].name);
    EXPECT_EQ(dump(reloaded.channels[i].kafka), dump(original.channels[i].kafka));
    EXPECT_EQ(dump(reloaded.channels[i].publish), dump(original.channels[i].publish));
    EXPECT_EQ(dump(reloaded.channels[i].subscribe), dump(original.channels[i].subscribe));
  }
  EXPECT_EQ(reloaded.channels[0].key, "acme.shop._public.orders");
  EXPECT_EQ(reloaded.channels[2].key, "/elsewhere._public.audit");
  EXPECT_EQ(reloaded.shared_schemas.size(), 1u);
}

TEST(FlattenYaml, KeepsWhatTheModelDoesNotHold) {
  const Result<std::string> flat = flatten_yaml(k_rich_spec, "spec.yaml");
  ASSERT_TRUE(flat.has_value());
  EXPECT_THAT(*flat, HasSubstr("title: shop"));
  EXPECT_THAT(*flat, HasSubstr("properties: {id: {type: string}}"));
  EXPECT_THAT(*flat, HasSubstr("$ref: schema/acme.shop.Order.avsc"));
  EXPECT_THAT(*flat, Not(HasSubstr("  _public.orders:")));
}

TEST(FlattenYaml, FlattensWithTheGivenDelimiter) {
  const NamingOptions naming{.delimiter = '-'};
  const Result<std::string> flat = flatten_yaml("id: urn:acme:shop\n"
                                                "channels:\n"
                                                "  _public/orders:\n"
                                                "    bindings: {kafka: {}}\n"
                                                "    publish: {operationId: a}\n",
                                                "spec.yaml",
                                                naming);
  ASSERT_TRUE(flat.has_value());
  EXPECT_EQ(load_ok(*flat, naming).channels.at(0).key, "acme-shop-_public-orders");
}

TEST(FlattenYaml, FailsWithTheLoadersDiagnosticsForAnInvalidSpec) {
  const Result<std::string> flat = flatten_yaml("asyncapi: 2.6.0\nchannels: {}\n", "bad.yaml");
  ASSERT_FALSE(flat.has_value());
  EXPECT_EQ(flat.error().code, ErrorCode::invalid_spec);
  ASSERT_EQ(flat.error().diagnostics.size(), 1u);
  EXPECT_THAT(flat.error().diagnostics[0].message, HasSubstr("missing required field 'id'"));
}

} // namespace
} // namespace specmesh::spec
