// The spec's warnings as the loader attaches them: the official AsyncAPI schema's findings and
// SpecMesh's bindings.kafka checks (spec_warnings.hpp, asyncapi_check.hpp,
// kafka_binding_check.hpp).
#include "spec/asyncapi_check.hpp"

#include <specmesh/spec/load.hpp>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::spec {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> warnings_of(const std::string& text) {
  Result<ApiSpec> spec = load_string(text, "spec.yaml");
  EXPECT_TRUE(spec.has_value()) << (spec ? "" : spec.error().message);
  std::vector<std::string> out;
  if (spec) {
    for (const Diagnostic& warning : spec->warnings) {
      EXPECT_EQ(warning.severity, Diagnostic::Severity::warning);
      out.push_back(warning.to_string());
    }
  }
  return out;
}

TEST(SpecWarnings, NameEachTypoAtItsKeyWithDidYouMean) {
  EXPECT_THAT(warnings_of(R"(asyncapi: 2.6.0
id: 'urn:acme.shop'
channels:
  _public.orders:
    bindings:
      kafka:
        partitons: 3
        configs: {retention.msx: '1', cleanup.policy: compactt}
    publsh:
      message: {payload: {type: string}}
)"),
              ElementsAre("spec.yaml:7:9: warning: unknown key 'partitons' in 'bindings.kafka' of "
                          "channel '_public.orders' (did you mean 'partitions'?)",
                          "spec.yaml:8:19: warning: unknown Kafka topic config 'retention.msx' in "
                          "channel '_public.orders' (did you mean 'retention.ms'?)",
                          "spec.yaml:8:55: warning: config 'cleanup.policy' of channel "
                          "'_public.orders' must be delete, compact or both (compact,delete), "
                          "found 'compactt' (did you mean 'compact'?)",
                          "spec.yaml:9:5: warning: unknown key 'publsh' in channel "
                          "'_public.orders' (did you mean 'publish'?)"));
}

TEST(SpecWarnings, NoneForACleanSpecWithExtensionsAndVendorConfigs) {
  EXPECT_THAT(warnings_of(R"(asyncapi: 2.6.0
id: 'urn:acme.shop'
version: '1.0'
x-owner: team-a
channels:
  _public.orders:
    bindings:
      kafka: {partitions: 3, replicas: 1, envs: [dev], configs: {confluent.x: y, retention.ms: 1}}
    publish:
      operationId: send
      tags: [{name: 'grant-access:acme.finance'}]
      message: {payload: {type: string}}
  _public.payments:
    bindings: {kafka: {partitions: 3}}
    publish:
      message:
        schemaFormat: application/vnd.apache.avro+json;version=1.9.0
        payload: {$ref: acme.shop.Payment.avsc}
  _private.ages:
    bindings: {kafka: {partitions: 3}}
    publish:
      message:
        schemaFormat: application/vnd.apache.avro+json;version=1.9.0
        payload: {type: int}
)"),
              IsEmpty());
}

TEST(SpecWarnings, KeysThatHaveNoEffectWhereTheyAreAndRemovedConfigs) {
  EXPECT_THAT(warnings_of(R"(asyncapi: 2.6.0
id: 'urn:acme.shop'
channels:
  _public.orders:
    bindings: {kafka: {partitions: 3, configs: {message.format.version: '3.0'}}}
    publish:
      bindings: {kafka: {partitions: 3}}
)"),
              ElementsAre("spec.yaml:5:49: warning: Kafka topic config 'message.format.version' "
                          "of channel '_public.orders' was removed in Kafka 4.0",
                          "spec.yaml:7:26: warning: 'partitions' in 'publish.bindings.kafka' of "
                          "channel '_public.orders' has no effect: specmesh reads it from the "
                          "channel's bindings.kafka"));
}

TEST(SpecWarnings, AValueOfTheWrongTypeWhereAFormatIsExpected) {
  // valijson threw on a format (uri, email) given a non-string; now it is a warning.
  EXPECT_THAT(warnings_of("asyncapi: 2.6.0\nid: 'urn:acme.shop'\n"
                          "info: {title: t, version: '1', contact: {url: {a: 1}, email: [x]}}\n"
                          "channels: {}\n"),
              ElementsAre("spec.yaml:3:47: warning: 'url' in 'info.contact' must be a string, "
                          "found a mapping",
                          "spec.yaml:3:62: warning: 'email' in 'info.contact' must be a string, "
                          "found a list"));
}

TEST(SpecWarnings, ALaterMinorVersionIsCheckedAgainstTheNewestSchemaOfItsMajor) {
  EXPECT_THAT(warnings_of("asyncapi: 2.9.0\nid: 'urn:acme.shop'\nchannels: {}\n"),
              ElementsAre("spec.yaml:1:11: warning: asyncapi version '2.9.0' is not an AsyncAPI "
                          "release specmesh knows; checked against 2.6.0"));
}

TEST(SpecWarnings, AnAliasBombIsNotExpandedButSaysSo) {
  std::string text = "asyncapi: 2.6.0\nid: 'urn:acme.shop'\nchannels: {}\nx0: &x0 [a, a, a, a]\n";
  for (int level = 1; level < 12; ++level) {
    const std::string below = "*x" + std::to_string(level - 1);
    text += fmt::format("x{0}: &x{0} [{1}, {1}, {1}, {1}]\n", level, below);
  }
  const std::vector<std::string> warnings = warnings_of(text);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], ::testing::HasSubstr("it is not checked against the AsyncAPI schema"));
}

TEST(SpecWarnings, AVeryLongKeyIsNotCheckedButSaysSo) {
  // std::regex overflowed the stack on a key of 50,000 characters.
  const std::string text = "asyncapi: 2.6.0\nid: 'urn:acme.shop'\n? x-" + std::string(100'000, 'a')
                           + "\n: 1\nchannels: {}\n";
  EXPECT_THAT(warnings_of(text),
              ElementsAre("spec.yaml:3:3: warning: a key or value longer than 10000 characters; "
                          "the spec is not checked against the AsyncAPI schema"));
}

TEST(SpecWarnings, StandBesideTheLoadersErrorsThatTheyExplain) {
  const Result<ApiSpec> spec = load_string(R"(asyncapi: 2.6.0
id: 'urn:acme.shop'
channels:
  _public.orders:
    bindngs: {kafka: {partitions: 3}}
    publish:
      tags: notalist
)",
                                           "spec.yaml");
  ASSERT_FALSE(spec.has_value());
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : spec.error().diagnostics) {
    lines.push_back(diagnostic.to_string());
  }
  EXPECT_THAT(lines,
              ElementsAre(::testing::StartsWith("spec.yaml:4:3: channel '_public.orders' is topic"),
                          "spec.yaml:5:5: warning: unknown key 'bindngs' in channel "
                          "'_public.orders' (did you mean 'bindings'?)",
                          "spec.yaml:7:13: 'tags' must be a list, found 'notalist'"));
}

TEST(AsyncApiSchemaVersion, PicksTheReleaseOfTheSameMinorOrTheNewestOfTheMajor) {
  EXPECT_EQ(asyncapi_schema_version("2.4.0"), "2.4.0");
  EXPECT_EQ(asyncapi_schema_version("2.4"), "2.4.0");
  EXPECT_EQ(asyncapi_schema_version("2.4.1"), "2.4.0");
  EXPECT_EQ(asyncapi_schema_version("2.9.0"), "2.6.0");
  EXPECT_EQ(asyncapi_schema_version("3.0.0"), "3.0.0");
  EXPECT_EQ(asyncapi_schema_version("1.2.0"), std::nullopt);
  EXPECT_EQ(asyncapi_schema_version("x"), std::nullopt);
}

} // namespace
} // namespace specmesh::spec
