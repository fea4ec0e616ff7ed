#include "load_ok.hpp"

#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <iterator>
#include <sstream>
#include <string_view>
#include <vector>

namespace specmesh::spec {
namespace {

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
            "asyncapi: \"2.6.0\"\n"
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
            "      - name: grant-access:acme.finance\n"
            "      message:\n"
            "        payload:\n"
            "          $ref: v.avsc\n"
            "        bindings:\n"
            "          kafka:\n"
            "            key:\n"
            "              type: long\n");
}

/// Strings every YAML reader would take for something else, or could not read, if plain.
const std::vector<std::string> k_risky_strings{"",
                                               "~",
                                               "null",
                                               "NULL",
                                               "nUlL",
                                               "true",
                                               "False",
                                               "TRUE",
                                               "yes",
                                               "No",
                                               "ON",
                                               "off",
                                               "y",
                                               "N",
                                               "=",
                                               "<<",
                                               "0",
                                               "42",
                                               "-7",
                                               "+7",
                                               "0777",
                                               "0o17",
                                               "0x1F",
                                               "0b1010",
                                               "1_000",
                                               "1.0",
                                               "-1.5",
                                               ".5",
                                               "1e3",
                                               "1_000.5",
                                               ".inf",
                                               "-.Inf",
                                               "+.INF",
                                               ".nan",
                                               ".NaN",
                                               "1:20",
                                               "-1:20:30.5",
                                               "2001-12-14",
                                               "2001-12-14t21:59:43.10-05:00",
                                               " leading",
                                               "trailing ",
                                               "a: b",
                                               "a #b",
                                               "ends:",
                                               "-x",
                                               "-",
                                               "---",
                                               "...",
                                               "?x",
                                               ":x",
                                               ",x",
                                               "a,b",
                                               "[x",
                                               "x]",
                                               "{x",
                                               "x}",
                                               "#x",
                                               "&x",
                                               "*x",
                                               "!x",
                                               "|x",
                                               ">x",
                                               "'x",
                                               "\"x",
                                               "%x",
                                               "@x",
                                               "`x",
                                               "line\nbreak",
                                               "tab\there",
                                               "cr\rhere",
                                               "del\x7f",
                                               "nel\u0085",
                                               "c1\u0080",
                                               "ls\u2028",
                                               "ps\u2029",
                                               "bom\uFEFF",
                                               "nonchar\uFFFF"};

TEST(PlainScalarIsString, IsFalseForEveryStringAReaderWouldResolveOrRefuse) {
  for (const std::string& text : k_risky_strings) {
    EXPECT_FALSE(plain_scalar_is_string(text)) << "'" << text << "'";
  }
}

TEST(PlainScalarIsString, IsTrueForNamesAndText) {
  for (const std::string_view text : {"_public.orders",
                                      "acme.shop._public.orders",
                                      "/elsewhere._public.audit",
                                      "grant-access:acme.finance",
                                      "urn:acme.shop",
                                      "TopicNameStrategy",
                                      "compact",
                                      "a plain sentence",
                                      "a#b",
                                      "café 😀",
                                      "nullable",
                                      "yesterday",
                                      "Infinity",
                                      "NaN",
                                      "x1.0",
                                      "$ref"}) {
    EXPECT_TRUE(plain_scalar_is_string(text)) << "'" << text << "'";
  }
}

/// A spec with `text` as the key of a subscribe channel (not a topic of the domain, so any key
/// loads) and as its version, and as the description, a config key and value, an env and a tag
/// of a publish channel; `empty` where to_yaml leaves an empty string out or a key cannot be.
ApiSpec spec_with_strings(const std::string& text) {
  const std::string key = text.empty() ? "empty" : text;
  ApiSpec spec;
  spec.id = "urn:acme.shop";
  spec.version = key;
  Channel owned;
  owned.key = "_public.orders";
  owned.description = key;
  owned.kafka = KafkaBinding{};
  owned.kafka->partitions = 3;
  owned.kafka->configs = {{"value", text}, {key, "key"}};
  owned.kafka->envs = {key};
  Operation publish;
  publish.operation_id = key;
  publish.tags = {{text, text, {}}};
  owned.publish = publish;
  spec.channels.push_back(owned);
  Channel other;
  other.key = key;
  other.subscribe = Operation{.operation_id = "on"};
  spec.channels.push_back(other);
  return spec;
}

/// What yaml-cpp (a YAML 1.2 reader) read: the text, and whether it resolves by the core schema
/// (plain, tag `?`) or is a string however it looks (quoted, tag `!`).
void expect_string(const YAML::Node& node, const std::string& text, const std::string& where) {
  ASSERT_TRUE(node.IsScalar()) << where;
  EXPECT_EQ(node.Scalar(), text) << where;
  if (!plain_scalar_is_string(text)) {
    EXPECT_EQ(node.Tag(), "!") << where << ": '" << text << "' is written plain";
  }
}

TEST(ToYaml, QuotesEveryStringThatYamlCppWouldNotReadAsThatString) {
  for (const std::string& text : k_risky_strings) {
    if (text.find("\u0085") != std::string::npos) {
      continue; // written `\N`, which yaml-cpp 0.7 decodes as the byte 0x85, not as U+0085
    }
    const std::string yaml = to_yaml(spec_with_strings(text));
    const std::string key = text.empty() ? "empty" : text;
    const YAML::Node root = YAML::Load(yaml);
    expect_string(root["version"], key, "version in\n" + yaml);
    const YAML::Node channels = root["channels"];
    ASSERT_EQ(channels.size(), 2u) << yaml;
    expect_string(std::next(channels.begin())->first, key, "channel key in\n" + yaml);
    const YAML::Node owned = channels["_public.orders"];
    expect_string(owned["description"], key, "description in\n" + yaml);
    const YAML::Node kafka = owned["bindings"]["kafka"];
    EXPECT_EQ(kafka["partitions"].Tag(), "?") << yaml;
    EXPECT_EQ(kafka["partitions"].as<int>(), 3) << yaml;
    expect_string(kafka["configs"]["value"], text, "config value in\n" + yaml);
    expect_string(kafka["envs"][0], key, "env in\n" + yaml);
    expect_string(owned["publish"]["tags"][0]["name"], text, "tag in\n" + yaml);
  }
}

TEST(ToYaml, ReloadsRiskyStringsAsTheSameModel) {
  for (const std::string& text : k_risky_strings) {
    const ApiSpec spec = spec_with_strings(text);
    const Result<ApiSpec> reloaded = load_string(to_yaml(spec), "spec.yaml");
    ASSERT_TRUE(reloaded.has_value()) << "'" << text << "'\n" << to_yaml(spec);
    EXPECT_EQ(reloaded->version, spec.version);
    ASSERT_EQ(reloaded->channels.size(), 2u);
    EXPECT_EQ(reloaded->channels[0].description, spec.channels[0].description);
    EXPECT_EQ(dump(reloaded->channels[0].kafka), dump(spec.channels[0].kafka));
    EXPECT_EQ(dump(reloaded->channels[0].publish), dump(spec.channels[0].publish));
    EXPECT_EQ(reloaded->channels[1].key, spec.channels[1].key);
  }
}

// libyaml's emitter counts characters beyond U+FFFF as unprintable: they are escaped.
TEST(ToYaml, WritesUnicodeAsItIsAndEscapesWhatReadersRefuse) {
  ApiSpec spec;
  spec.id = "urn:acme.shop";
  spec.version = "café ü";
  EXPECT_THAT(to_yaml(spec), ::testing::HasSubstr("version: café ü\n"));
  spec.version = "café 😀";
  EXPECT_THAT(to_yaml(spec), ::testing::HasSubstr("version: \"café \\U0001F600\"\n"));
  spec.version = "del\x7f ls\u2028";
  EXPECT_THAT(to_yaml(spec), ::testing::HasSubstr("version: \"del\\x7F ls\\L\"\n"));
}

} // namespace
} // namespace specmesh::spec
