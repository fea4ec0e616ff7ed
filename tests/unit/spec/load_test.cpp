#include "load_ok.hpp"

#include <specmesh/spec/load.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::spec {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> problems(const std::string& text) {
  Result<ApiSpec> spec = load_string(text, "spec.yaml");
  EXPECT_FALSE(spec.has_value()) << "spec loaded, but problems were expected";
  std::vector<std::string> out;
  if (!spec) {
    EXPECT_EQ(spec.error().code, ErrorCode::invalid_spec);
    for (const Diagnostic& diagnostic : spec.error().diagnostics) {
      if (diagnostic.severity == Diagnostic::Severity::error) { // warnings: spec_warnings_test
        out.push_back(diagnostic.to_string());
      }
    }
  }
  return out;
}

constexpr const char* k_streetlights = R"(
asyncapi: 2.4.0
id: 'urn:.simple.streetlights'
channels:
  _public.light.measured:
    bindings:
      kafka:
        partitions: 3
        replicas: 1
        configs:
          cleanup.policy: delete
          retention.ms: 3600000
        envs: [staging, prod]
    publish:
      operationId: onLightMeasured
      tags: [ {name: "grant-access:a"}, {name: other} ]
      message:
        payload:
          type: object
          properties: {lumens: {type: integer}}
  london.hammersmith.transport._public.tube:
    subscribe:
      operationId: onTube
)";

TEST(LoadSpec, DomainIdKeepsTheLeadingDelimiter) {
  EXPECT_EQ(load_ok(k_streetlights).domain, ".simple.streetlights");
}

TEST(LoadSpec, CanonicalisesChannelNamesInDocumentOrder) {
  const ApiSpec spec = load_ok(k_streetlights);
  ASSERT_EQ(spec.channels.size(), 2u);
  EXPECT_EQ(spec.channels[0].name, ".simple.streetlights._public.light.measured");
  EXPECT_EQ(spec.channels[1].name, "london.hammersmith.transport._public.tube");
}

TEST(LoadSpec, ReadsChannelKafkaBindings) {
  const ApiSpec spec = load_ok(k_streetlights);
  const KafkaBinding& kafka = spec.channels[0].kafka.value();
  EXPECT_EQ(kafka.partitions, 3);
  EXPECT_EQ(kafka.replicas, 1);
  EXPECT_EQ(kafka.configs,
            (std::map<std::string, std::string>{{"cleanup.policy", "delete"},
                                                {"retention.ms", "3600000"}}));
  EXPECT_THAT(kafka.envs, ElementsAre("staging", "prod"));
}

TEST(LoadSpec, ReadsOperationTagsAndAcceptsInlineObjectPayloads) {
  const ApiSpec spec = load_ok(k_streetlights);
  const Operation& publish = spec.channels[0].publish.value();
  ASSERT_EQ(publish.tags.size(), 2u);
  EXPECT_EQ(publish.tags[0].name, "grant-access:a");
  EXPECT_EQ(publish.message->payload->kind, RecordPart::Kind::inline_object);
}

TEST(LoadSpec, EmptyKafkaBindingsMeanAllDefaults) {
  const ApiSpec spec = load_ok(R"(
id: urn:d
channels:
  x: { bindings: { kafka: { configs: {} } }, publish: { operationId: x } }
)");
  const KafkaBinding& kafka = spec.channels[0].kafka.value();
  EXPECT_EQ(kafka.partitions, std::nullopt);
  EXPECT_EQ(kafka.replicas, std::nullopt);
  EXPECT_THAT(kafka.configs, IsEmpty());
  EXPECT_EQ(kafka.schema_lookup_strategy, "TopicNameStrategy");
  EXPECT_EQ(kafka.schema_id_location, "payload");
}

TEST(LoadSpec, ReadsMessageSchemaInfo) {
  const ApiSpec spec = load_ok(R"(
id: urn:simple.schema_demo
channels:
  _public.user_signed_up:
    bindings: { kafka: { partitions: 4, replicas: 2 } }
    publish:
      operationId: a
      message:
        schemaFormat: application/vnd.apache.avro+json;version=1.9.0
        contentType: application/octet-stream
        bindings:
          kafka:
            schemaIdLocation: header
            schemaLookupStrategy: RecordNameStrategy
            key: { $ref: key.avsc }
        payload: { $ref: value.avsc }
  _public.no_message: { bindings: { kafka: {} }, publish: { operationId: b } }
  other.domain._public.thing:
    subscribe:
      operationId: c
      message:
        bindings: { kafka: { key: { type: string } } }
        payload: { type: long }
)");
  ASSERT_EQ(spec.channels.size(), 3u);
  const Message& message = spec.channels[0].publish->message.value();
  EXPECT_EQ(spec.channels[0].kafka->partitions, 4);
  EXPECT_EQ(spec.channels[0].kafka->replicas, 2);
  EXPECT_EQ(message.schema_format, "application/vnd.apache.avro+json;version=1.9.0");
  EXPECT_EQ(message.content_type, "application/octet-stream");
  EXPECT_EQ(message.kafka->schema_id_location, "header");
  EXPECT_EQ(message.kafka->schema_lookup_strategy, "RecordNameStrategy");
  EXPECT_EQ(message.kafka->key->schema_ref, "key.avsc");
  EXPECT_EQ(message.payload->schema_ref, "value.avsc");
  EXPECT_FALSE(spec.channels[1].publish->message.has_value());
  const Message& subscribed = spec.channels[2].subscribe->message.value();
  EXPECT_EQ(subscribed.kafka->key->kafka_type, KafkaType::string);
  EXPECT_EQ(subscribed.payload->kafka_type, KafkaType::long_);
}

TEST(LoadSpec, AcceptsEveryKafkaTypeAndTheBareScalarShorthand) {
  for (const char* type :
       {"uuid", "boolean", "long", "int", "short", "float", "double", "string", "bytes", "void"}) {
    const ApiSpec spec = load_ok(std::string(R"(
id: urn:d
channels:
  x:
    bindings: {kafka: {}}
    publish: {message: {bindings: {kafka: {key: )")
                                 + type + R"(}}, payload: {type: )" + type + "}}}\n");
    ASSERT_EQ(spec.channels.size(), 1u) << type;
    const Message& message = spec.channels[0].publish->message.value();
    EXPECT_EQ(message.kafka->key->kind, RecordPart::Kind::kafka_type) << type;
    EXPECT_EQ(message.kafka->key->kafka_type, message.payload->kafka_type) << type;
  }
}

TEST(LoadSpec, OperationIdIsOptional) {
  const ApiSpec spec = load_ok("id: urn:d\nchannels:\n  x: {bindings: {kafka: {}}, publish: {}}\n");
  EXPECT_EQ(spec.channels[0].publish->operation_id, "");
}

TEST(LoadSpec, AcceptsJson) {
  const ApiSpec spec = load_ok(
      R"({"id": "urn:d", "channels": {"x": {"bindings": {"kafka": {"partitions": 2}}, "publish": {}}}})");
  EXPECT_EQ(spec.channels[0].name, "d.x");
  EXPECT_EQ(spec.channels[0].kafka->partitions, 2);
}

TEST(LoadSpec, AnAliasReusesItsAnchoredValue) {
  const ApiSpec spec = load_ok(R"(id: urn:d
channels:
  a: {bindings: {kafka: &kafka {partitions: 2, configs: {x: "1"}}}, publish: {}}
  b: {bindings: {kafka: *kafka}, publish: {}}
)");
  ASSERT_EQ(spec.channels.size(), 2u);
  EXPECT_EQ(spec.channels[1].kafka->partitions, 2);
  EXPECT_EQ(spec.channels[1].kafka->configs.at("x"), "1");
}

TEST(LoadSpec, CustomMarkersComeFromNamingOptions) {
  const NamingOptions naming{.delimiter = '.', .public_marker = "zzpublic"};
  const ApiSpec spec =
      load_ok("id: urn:d\nchannels:\n  zzpublic.x: {bindings: {kafka: {}}, publish: {}}\n", naming);
  EXPECT_EQ(spec.channels[0].name, "d.zzpublic.x");
}

TEST(LoadSpec, ReadsSharedSchemas) {
  const ApiSpec spec = load_ok(R"(
id: urn:d
channels: {}
components:
  schemas:
    Currency: { $ref: d.Currency.avsc, x-specmesh-shared: true }
    NotShared: { $ref: d.Other.avsc }
x-specmesh-shared-schemas:
  - $ref: d.Money.avsc
)");
  ASSERT_EQ(spec.shared_schemas.size(), 2u);
  EXPECT_EQ(spec.shared_schemas[0].schema_ref, "d.Currency.avsc");
  EXPECT_EQ(spec.shared_schemas[1].schema_ref, "d.Money.avsc");
}

TEST(LoadSpecErrors, MissingId) {
  EXPECT_THAT(problems("channels: {}\n"),
              ElementsAre("spec.yaml:1:1: missing required field 'id' (e.g. id: 'urn:acme.shop')"));
}

TEST(LoadSpecErrors, IdNotAUrn) {
  EXPECT_THAT(problems("id: acme.shop\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:5: id 'acme.shop' must be a URN starting with 'urn:'"));
}

TEST(LoadSpecErrors, EmptyDomainAfterUrn) {
  EXPECT_THAT(
      problems("id: 'urn: '\nchannels: {}\n"),
      ElementsAre("spec.yaml:1:5: id 'urn: ' must name a domain after 'urn:', e.g. urn:acme.shop"));
}

TEST(LoadSpecErrors, OwnedPublishChannelNeedsChannelBindings) {
  EXPECT_THAT(problems("id: urn:d\nchannels:\n  _public.x:\n    publish: {}\n"),
              ElementsAre("spec.yaml:3:3: channel '_public.x' is topic 'd._public.x' owned by "
                          "domain 'd' and needs channel-level 'bindings.kafka' (partitions, "
                          "replicas, configs)"));
}

TEST(LoadSpecErrors, ForeignSubscribeChannelNeedsNoBindings) {
  EXPECT_EQ(
      load_ok("id: urn:d\nchannels:\n  other._public.x:\n    subscribe: {}\n").channels.size(), 1u);
}

TEST(LoadSpecErrors, RecordPartShapes) {
  EXPECT_THAT(problems(R"(id: urn:d
channels:
  a: {bindings: {kafka: {}}, publish: {message: {payload: [x]}}}
  b: {bindings: {kafka: {}}, publish: {message: {payload: {$ref: x.avsc, type: long}}}}
  c: {bindings: {kafka: {}}, publish: {message: {payload: {format: x}}}}
  d: {bindings: {kafka: {}}, publish: {message: {payload: {type: object}}}}
  e: {bindings: {kafka: {}}, publish: {message: {payload: {type: longg}}}}
  f: {bindings: {kafka: {}}, publish: {message: {payload: {$ref: '#/components/schemas/x'}}}}
)"),
              ElementsAre("spec.yaml:3:59: 'payload' must be a mapping with either '$ref' or "
                          "'type', found a list",
                          "spec.yaml:4:59: 'payload' has both '$ref' and 'type'; use one of them",
                          "spec.yaml:5:59: 'payload' needs either '$ref' or 'type'",
                          "spec.yaml:6:66: 'payload' of type 'object' needs inline 'properties'",
                          "spec.yaml:7:66: unknown kafka type 'longg' (expected one of uuid, "
                          "boolean, long, int, short, float, double, string, bytes, void, or "
                          "object)",
                          "spec.yaml:8:66: '$ref' '#/components/schemas/x' points inside the "
                          "document; specmesh needs a schema file path (.avsc, .json, .yml, "
                          ".yaml or .proto)"));
}

TEST(LoadSpecErrors, WrongTypesAreReportedWithTheirPosition) {
  EXPECT_THAT(problems(R"(id: urn:d
channels:
  a:
    bindings:
      kafka:
        partitions: many
        replicas: 0
        configs: [x]
        envs: prod
    publish: {tags: [{description: no name}]}
)"),
              ElementsAre("spec.yaml:6:21: 'partitions' must be an integer, found 'many'",
                          "spec.yaml:7:19: 'replicas' must be at least 1 (or -1 for the broker "
                          "default), found 0",
                          "spec.yaml:8:18: 'configs' must be a mapping, found a list",
                          "spec.yaml:9:15: 'envs' must be a list of names, found 'prod'",
                          "spec.yaml:10:22: a tag must be a mapping with a 'name', found a "
                          "mapping"));
}

TEST(LoadSpecErrors, MalformedYaml) {
  const std::vector<std::string> found = problems("id: urn:d\nchannels:\n  a: [unclosed\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_THAT(found[0], ::testing::StartsWith("spec.yaml:4:1: invalid YAML: "));
}

TEST(LoadSpecErrors, AliasWithoutAnchor) {
  EXPECT_THAT(problems("id: urn:d\nchannels:\n  a: {bindings: {kafka: *k}, publish: {}}\n"),
              ElementsAre("spec.yaml:3:25: invalid YAML: alias '*k' has no anchor '&k' before it"));
}

TEST(LoadSpecErrors, DuplicateTopicNames) {
  EXPECT_THAT(problems("id: urn:d\nchannels:\n  _public/x: {bindings: {kafka: {}}, publish: {}}\n"
                       "  _public.x: {bindings: {kafka: {}}, publish: {}}\n"),
              ElementsAre("spec.yaml:4:3: channel '_public.x' is topic 'd._public.x', already "
                          "declared at line 3"));
}

TEST(LoadSpecErrors, SameChannelKeyTwiceIsADuplicateKeyOnly) {
  EXPECT_THAT(problems("id: urn:d\nchannels:\n  _public.x: {bindings: {kafka: {}}, publish: {}}\n"
                       "  _public.x: {bindings: {kafka: {}}, publish: {}}\n"),
              ElementsAre("spec.yaml:3:3: key '_public.x' is given again at 4:3",
                          "spec.yaml:4:3: duplicate key '_public.x' (first given at 3:3)"));
}

TEST(LoadSpecErrors, DuplicateKeysAtEveryLevelAreReportedWithTheOtherProblems) {
  EXPECT_THAT(problems(R"(id: urn:d
channels:
  x:
    bindings: {kafka: {partitions: 3, replicas: 0, partitions: 6}}
    publish: {}
id: urn:e
)"),
              ElementsAre("spec.yaml:1:1: key 'id' is given again at 6:1",
                          "spec.yaml:4:24: key 'partitions' is given again at 4:52",
                          "spec.yaml:4:49: 'replicas' must be at least 1 (or -1 for the broker "
                          "default), found 0",
                          "spec.yaml:4:52: duplicate key 'partitions' (first given at 4:24)",
                          "spec.yaml:6:1: duplicate key 'id' (first given at 1:1)"));
}

TEST(LoadSpecErrors, ASecondDocumentIsReportedWithTheFirstOnesProblems) {
  EXPECT_THAT(problems("id: urn:d\n---\nid: urn:d\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:1: missing required field 'channels'",
                          "spec.yaml:2:1: a second YAML document starts here; only one document "
                          "is allowed"));
  EXPECT_THAT(problems("---\n---\nid: urn:d\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:1: the spec is empty",
                          "spec.yaml:2:1: a second YAML document starts here; only one document "
                          "is allowed"));
}

TEST(LoadSpecErrors, TooLargeIntegersSaySoAndNameTheMost) {
  EXPECT_THAT(problems(R"(id: urn:d
channels:
  a: {bindings: {kafka: {partitions: 99999999999999, replicas: 32768}}, publish: {}}
  b: {bindings: {kafka: {partitions: 99999999999999999999, replicas: 2147483648}}, publish: {}}
  c: {bindings: {kafka: {partitions: -99999999999999999999, replicas: -2}}, publish: {}}
)"),
              ElementsAre("spec.yaml:3:38: 'partitions' is too large: 99999999999999 (the most "
                          "is 2147483647)",
                          "spec.yaml:3:64: 'replicas' is too large: 32768 (the most is 32767)",
                          "spec.yaml:4:38: 'partitions' is too large: 99999999999999999999 (the "
                          "most is 2147483647)",
                          "spec.yaml:4:70: 'replicas' is too large: 2147483648 (the most is "
                          "32767)",
                          "spec.yaml:5:38: 'partitions' must be at least 1, found "
                          "-99999999999999999999",
                          "spec.yaml:5:71: 'replicas' must be at least 1 (or -1 for the broker "
                          "default), found -2"));
}

TEST(LoadSpec, TheLargestIntegersAreAccepted) {
  const ApiSpec spec = load_ok(
      "id: urn:d\nchannels:\n  a: {bindings: {kafka: {partitions: 2147483647, replicas: 32767}}, "
      "publish: {}}\n");
  EXPECT_EQ(spec.channels[0].kafka->partitions, 2147483647);
  EXPECT_EQ(spec.channels[0].kafka->replicas, 32767);
}

TEST(LoadSpecErrors, RemoteReferencesAreRefusedWhereTheyAre) {
  const std::string remote =
      ": '$ref' must be a local schema file path (specmesh fetches nothing over the network)";
  EXPECT_THAT(
      problems(R"(id: urn:d
channels:
  a:
    bindings: {kafka: {}}
    publish:
      message:
        bindings: {kafka: {key: {$ref: 'http://sr/key.avsc'}}}
        payload: {$ref: 'https://example.com/schemas/a.avsc'}
x-specmesh-shared-schemas:
  - $ref: file:///schemas/shared.avsc
)"),
      ElementsAre("spec.yaml:7:40: remote reference 'http://sr/key.avsc' is not supported" + remote,
                  "spec.yaml:8:25: remote reference 'https://example.com/schemas/a.avsc' "
                  "is not supported"
                      + remote,
                  "spec.yaml:10:11: remote reference 'file:///schemas/shared.avsc' is not "
                  "supported"
                      + remote));
}

TEST(LoadSpec, PathsWithAColonAreNotRemote) {
  const ApiSpec spec = load_ok(R"(id: urn:d
channels:
  a: {bindings: {kafka: {}}, publish: {message: {payload: {$ref: 'C:/schemas/a.avsc'}}}}
  b: {bindings: {kafka: {}}, publish: {message: {payload: {$ref: 'schemas/a:b.avsc'}}}}
  c: {bindings: {kafka: {}}, publish: {message: {payload: {$ref: 'd_e:f.avsc'}}}}
)");
  EXPECT_EQ(spec.channels[0].publish->message->payload->schema_ref, "C:/schemas/a.avsc");
  EXPECT_EQ(spec.channels[1].publish->message->payload->schema_ref, "schemas/a:b.avsc");
  EXPECT_EQ(spec.channels[2].publish->message->payload->schema_ref, "d_e:f.avsc");
}

TEST(LoadSpecErrors, AsyncApi3IsNotYetSupported) {
  EXPECT_THAT(problems("asyncapi: 3.0.0\nid: urn:d\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:11: asyncapi version '3.0.0' is not supported (expected "
                          "2.0 to 2.6)"));
}

TEST(LoadSpecErrors, ReportsEveryProblemAtOnce) {
  EXPECT_EQ(
      problems("id: urn:d\nchannels:\n  a: {bindings: {kafka: {partitions: x}}, publish: {}}\n"
               "  b: {publish: {}}\n  c: {bindings: {kafka: {replicas: y}}, publish: {}}\n")
          .size(),
      3u);
}

TEST(LoadSpecErrors, OwnedTopicNamesMustBeValidKafkaNames) {
  EXPECT_THAT(
      problems("id: urn:d\nchannels:\n  \"x\\xb0\": {bindings: {kafka: {}}, publish: {}}\n"
               "  \"a b\": {bindings: {kafka: {}}, publish: {}}\n"),
      ElementsAre("spec.yaml:3:3: channel 'x\\xc2\\xb0' is topic 'd.x\\xc2\\xb0', which has "
                  "'\\xc2', which Kafka does not allow (only ASCII letters, digits, '.', "
                  "'_' and '-')",
                  "spec.yaml:4:3: channel 'a b' is topic 'd.a b', which has ' ', which "
                  "Kafka does not allow (only ASCII letters, digits, '.', '_' and '-')"));
}

TEST(LoadSpecErrors, DomainMustNotNameInternalTopics) {
  EXPECT_THAT(problems("id: urn:__consumer\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:5: domain id '__consumer' would name Kafka-internal topics "
                          "('__', '_schemas' or '_confluent' prefix)"));
  EXPECT_THAT(problems("id: 'urn:a/b'\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:5: domain id 'a/b' has '/', which Kafka does not allow "
                          "(only ASCII letters, digits, '.', '_' and '-')"));
}

TEST(LoadSpecErrors, EmptyDocument) {
  EXPECT_THAT(problems(""), ElementsAre("spec.yaml:1:1: the spec is empty"));
}

TEST(LoadStringKeepingPartial, KeepsWhatWasReadOfAnInvalidSpec) {
  const LoadedDocument loaded = load_string_keeping_partial(R"(
id: 'urn:acme.shop'
channels:
  _public.orders:
    bindings: {kafka: {partitions: 3}}
    publish: {message: {payload: {$ref: Order.avsc}}}
  _public.returns:
    publish: {}
)",
                                                            "spec.yaml");
  ASSERT_FALSE(loaded.spec.has_value());
  ASSERT_TRUE(loaded.partial.has_value());
  ASSERT_EQ(loaded.partial->channels.size(), 2u);
  EXPECT_EQ(loaded.partial->channels[0].name, "acme.shop._public.orders");
  EXPECT_EQ(loaded.partial->domain, "acme.shop");
}

TEST(LoadStringKeepingPartial, NothingToKeepOfTextThatIsNotYamlOrOfAValidSpec) {
  EXPECT_FALSE(load_string_keeping_partial("a: [1\n", "spec.yaml").partial.has_value());
  const LoadedDocument valid =
      load_string_keeping_partial("id: 'urn:acme.shop'\nchannels: {}\n", "spec.yaml");
  EXPECT_TRUE(valid.spec.has_value());
  EXPECT_FALSE(valid.partial.has_value());
}

TEST(LoadFile, MissingFileIsNotFound) {
  const Result<ApiSpec> spec = load_file("/nonexistent/spec.yaml");
  ASSERT_FALSE(spec.has_value());
  EXPECT_EQ(spec.error().code, ErrorCode::not_found);
  EXPECT_EQ(spec.error().message,
            "spec file '/nonexistent/spec.yaml' cannot be read: No such file or directory");
}

TEST(LoadFile, ADirectoryIsNotASpec) {
  const Result<ApiSpec> spec = load_file(SPECMESH_TEST_DATA "/specs");
  ASSERT_FALSE(spec.has_value());
  EXPECT_EQ(spec.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(spec.error().message,
            "spec '" SPECMESH_TEST_DATA "/specs' is a directory, not a spec file");
}

TEST(LoadFile, ReadsTheWorkedExample) {
  const Result<ApiSpec> spec = load_file(SPECMESH_TEST_DATA "/specs/worked-example.yaml");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->domain, "acme.shop");
  EXPECT_EQ(spec->channels.size(), 5u);
}

} // namespace
} // namespace specmesh::spec
