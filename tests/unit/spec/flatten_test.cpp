#include "load_ok.hpp"

#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>

namespace specmesh::spec {
namespace {

using ::testing::HasSubstr;

std::string flat_ok(const std::string& text, const NamingOptions& naming = {}) {
  const Result<std::string> flat = flatten_yaml(text, "spec.yaml", naming);
  if (!flat) {
    std::string all;
    for (const Diagnostic& diagnostic : flat.error().diagnostics) {
      all += diagnostic.to_string() + "\n";
    }
    ADD_FAILURE() << flat.error().message << "\n" << all << "from:\n" << text;
    return {};
  }
  return *flat;
}

constexpr const char* k_spec = R"(# a comment
asyncapi: '2.6.0'
id: "urn:acme.shop"   # the domain
info: {title: shop, version: '1.0'}
channels:
  _public.orders:   # owned
    bindings: {kafka: {partitions: 3, configs: {retention.ms: '0777'}}}
    publish: {operationId: a}
  /elsewhere/_public/audit:
    bindings: {kafka: {}}
    publish: {operationId: b}
  acme.payments._public.paid:
    subscribe: {operationId: c}
)";

TEST(FlattenedKey, IsTheTopicForOwnedPublishChannels) {
  const ApiSpec spec = load_ok(k_spec);
  ASSERT_EQ(spec.channels.size(), 3u);
  EXPECT_EQ(flattened_key(spec.channels[0], spec.domain, '.'), "acme.shop._public.orders");
}

TEST(FlattenedKey, StaysAbsoluteForPublishChannelsOutsideTheDomain) {
  const ApiSpec spec = load_ok(k_spec);
  EXPECT_EQ(flattened_key(spec.channels[1], spec.domain, '.'), "/elsewhere._public.audit");
}

TEST(FlattenedKey, KeepsSubscribeOnlyChannelsAsWritten) {
  const ApiSpec spec = load_ok(k_spec);
  EXPECT_EQ(flattened_key(spec.channels[2], spec.domain, '.'), "acme.payments._public.paid");
}

TEST(FlattenYaml, ChangesOnlyTheChannelKeys) {
  EXPECT_EQ(flat_ok(k_spec), R"(# a comment
asyncapi: '2.6.0'
id: "urn:acme.shop"   # the domain
info: {title: shop, version: '1.0'}
channels:
  acme.shop._public.orders:   # owned
    bindings: {kafka: {partitions: 3, configs: {retention.ms: '0777'}}}
    publish: {operationId: a}
  /elsewhere._public.audit:
    bindings: {kafka: {}}
    publish: {operationId: b}
  acme.payments._public.paid:
    subscribe: {operationId: c}
)");
}

TEST(FlattenYaml, ReloadsAsTheSameTopicsWithFullNamesAsKeys) {
  const ApiSpec original = load_ok(k_spec);
  const ApiSpec reloaded = load_ok(flat_ok(k_spec));
  ASSERT_EQ(reloaded.channels.size(), original.channels.size());
  for (std::size_t i = 0; i < original.channels.size(); ++i) {
    EXPECT_EQ(reloaded.channels[i].name, original.channels[i].name);
    EXPECT_EQ(reloaded.channels[i].key, flattened_key(original.channels[i], original.domain, '.'));
  }
}

TEST(FlattenYaml, KeepsEachKeysQuotingStyle) {
  EXPECT_EQ(flat_ok("id: urn:acme.shop\n"
                    "channels:\n"
                    "  'single':\n"
                    "    bindings: {kafka: {}}\n"
                    "    publish: {operationId: a}\n"
                    "  \"double\": {bindings: {kafka: {}}, publish: {operationId: b}}\n"
                    "  ? explicit\n"
                    "  : {bindings: {kafka: {}}, publish: {operationId: c}}\n"
                    "  ? |-\n"
                    "    literal\n"
                    "  : {bindings: {kafka: {}}, publish: {operationId: d}}\n"
                    "  ? >-\n"
                    "    folded\n"
                    "\n"
                    "  : {bindings: {kafka: {}}, publish: {operationId: e}}\n"),
            "id: urn:acme.shop\n"
            "channels:\n"
            "  'acme.shop.single':\n"
            "    bindings: {kafka: {}}\n"
            "    publish: {operationId: a}\n"
            "  \"acme.shop.double\": {bindings: {kafka: {}}, publish: {operationId: b}}\n"
            "  ? acme.shop.explicit\n"
            "  : {bindings: {kafka: {}}, publish: {operationId: c}}\n"
            "  ? \"acme.shop.literal\"\n"
            "  : {bindings: {kafka: {}}, publish: {operationId: d}}\n"
            "  ? \"acme.shop.folded\"\n"
            "\n"
            "  : {bindings: {kafka: {}}, publish: {operationId: e}}\n");
}

TEST(FlattenYaml, QuotesAPlainKeyWhoseTopicWouldReadAsANumber) {
  EXPECT_EQ(flat_ok("id: urn:1\n"
                    "channels:\n"
                    "  e5: {bindings: {kafka: {}}, publish: {operationId: a}}\n"),
            "id: urn:1\n"
            "channels:\n"
            "  \"1.e5\": {bindings: {kafka: {}}, publish: {operationId: a}}\n");
}

TEST(FlattenYaml, WritesJsonForJson) {
  const std::string json = R"({"id": "urn:acme.shop", "channels": {
  "_public.orders": {"bindings": {"kafka": {"partitions": 3}}, "publish": {"operationId": "a"}},
  "acme.other._public.x": {"subscribe": {"operationId": "b"}}}}
)";
  EXPECT_EQ(flat_ok(json), R"({"id": "urn:acme.shop", "channels": {
  "acme.shop._public.orders": {"bindings": {"kafka": {"partitions": 3}}, "publish": {"operationId": "a"}},
  "acme.other._public.x": {"subscribe": {"operationId": "b"}}}}
)");
}

TEST(FlattenYaml, FindsKeysAfterMultiByteCharactersCarriageReturnsAndAByteOrderMark) {
  const std::string text = "\xEF\xBB\xBFid: urn:acme.shop\r\n"
                           "info: {title: 'café 😀 ü'}\r\n"
                           "channels:\r\n"
                           "  _public.a: {bindings: {kafka: {}}, publish: {operationId: é}}\r\n"
                           "  _public.b: {bindings: {kafka: {}}, publish: {operationId: 😀}}\r\n";
  EXPECT_EQ(flat_ok(text),
            "\xEF\xBB\xBFid: urn:acme.shop\r\n"
            "info: {title: 'café 😀 ü'}\r\n"
            "channels:\r\n"
            "  acme.shop._public.a: {bindings: {kafka: {}}, publish: {operationId: é}}\r\n"
            "  acme.shop._public.b: {bindings: {kafka: {}}, publish: {operationId: 😀}}\r\n");
}

TEST(FlattenYaml, RenamesOnlyTheTopLevelChannels) {
  EXPECT_EQ(
      flat_ok("id: urn:acme.shop\n"
              "x-copy: {channels: {_public.a: 1}}\n"
              "channels: {_public.a: {bindings: {kafka: {}}, publish: {operationId: a}}}\n"),
      "id: urn:acme.shop\n"
      "x-copy: {channels: {_public.a: 1}}\n"
      "channels: {acme.shop._public.a: {bindings: {kafka: {}}, publish: {operationId: a}}}\n");
}

TEST(FlattenYaml, RefusesToRenameAnAnchoredKeyOrAliasedChannels) {
  const Result<std::string> anchored =
      flatten_yaml("id: urn:acme.shop\n"
                   "channels:\n"
                   "  &k _public.a: {bindings: {kafka: {}}, publish: {operationId: a}}\n"
                   "  acme.other.x: {subscribe: {operationId: b}}\n",
                   "spec.yaml");
  ASSERT_FALSE(anchored.has_value());
  ASSERT_EQ(anchored.error().diagnostics.size(), 1u);
  EXPECT_EQ(anchored.error().diagnostics[0].to_string(),
            "spec.yaml:3:3: channel key '_public.a' has an anchor; flatten cannot rename it to "
            "'acme.shop._public.a' without changing what refers to it");

  const Result<std::string> tagged_and_alias =
      flatten_yaml("id: urn:acme.shop\n"
                   "x-name: &k _public.a\n"
                   "channels:\n"
                   "  *k : {bindings: {kafka: {}}, publish: {operationId: a}}\n"
                   "  !!str _public.b: {bindings: {kafka: {}}, publish: {operationId: b}}\n",
                   "spec.yaml");
  ASSERT_FALSE(tagged_and_alias.has_value());
  ASSERT_EQ(tagged_and_alias.error().diagnostics.size(), 2u);
  EXPECT_THAT(tagged_and_alias.error().diagnostics[0].to_string(),
              HasSubstr("spec.yaml:4:3: channel key '_public.a' is an alias;"));
  EXPECT_THAT(tagged_and_alias.error().diagnostics[1].to_string(),
              HasSubstr("spec.yaml:5:3: channel key '_public.b' has a tag;"));

  const Result<std::string> aliased = flatten_yaml(
      "id: urn:acme.shop\n"
      "x-channels: &c {_public.a: {bindings: {kafka: {}}, publish: {operationId: a}}}\n"
      "channels: *c\n",
      "spec.yaml");
  ASSERT_FALSE(aliased.has_value());
  ASSERT_EQ(aliased.error().diagnostics.size(), 1u);
  EXPECT_THAT(aliased.error().diagnostics[0].to_string(),
              HasSubstr("spec.yaml:3:11: 'channels' is an alias"));
}

TEST(FlattenYaml, LeavesAnAnchoredKeyThatKeepsItsName) {
  const std::string text = "id: urn:acme.shop\n"
                           "channels:\n"
                           "  &k acme.other.x: {subscribe: {operationId: b}}\n";
  EXPECT_EQ(flat_ok(text), text);
}

TEST(FlattenYaml, FlattensWithTheGivenDelimiter) {
  const NamingOptions naming{.delimiter = '-'};
  const std::string flat = flat_ok("id: urn:acme:shop\n"
                                   "channels:\n"
                                   "  _public/orders:\n"
                                   "    bindings: {kafka: {}}\n"
                                   "    publish: {operationId: a}\n",
                                   naming);
  EXPECT_EQ(load_ok(flat, naming).channels.at(0).key, "acme-shop-_public-orders");
}

TEST(FlattenYaml, FailsWithTheLoadersDiagnosticsForAnInvalidSpec) {
  const Result<std::string> flat = flatten_yaml("asyncapi: 2.6.0\nchannels: {}\n", "bad.yaml");
  ASSERT_FALSE(flat.has_value());
  EXPECT_EQ(flat.error().code, ErrorCode::invalid_spec);
  ASSERT_EQ(flat.error().diagnostics.size(), 1u);
  EXPECT_THAT(flat.error().diagnostics[0].message, HasSubstr("missing required field 'id'"));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A node as yaml-cpp (YAML 1.2) reads it: each scalar's text and tag (`?` plain, resolved by
/// the reader; `!` quoted or block, a string), maps and sequences in order.
std::string dump(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Scalar:
    return node.Tag() + "'" + node.Scalar() + "'";
  case YAML::NodeType::Sequence: {
    std::string out = "[";
    for (const YAML::Node& item : node) {
      out += dump(item) + ", ";
    }
    return out + "]";
  }
  case YAML::NodeType::Map: {
    std::string out = "{";
    for (const auto& entry : node) {
      out += dump(entry.first) + ": " + dump(entry.second) + ",\n";
    }
    return out + "}";
  }
  default:
    return "~";
  }
}

TEST(FlattenYaml, YamlCppReadsEveryOddScalarBackAsItReadItFromTheInput) {
  const std::string text = read_file(SPECMESH_TEST_DATA "/specs/good/odd-scalars.yaml");
  ASSERT_THAT(text, HasSubstr("x-odd-scalars:"));
  const YAML::Node original = YAML::Load(text);
  const YAML::Node flat = YAML::Load(flat_ok(text));

  for (const auto& entry : original) {
    const std::string key = entry.first.Scalar();
    if (key != "channels") {
      EXPECT_EQ(dump(flat[key]), dump(entry.second)) << key;
    }
  }
  const std::map<std::string, std::string> renamed{
      {"_public.orders", "acme.shop._public.orders"},
      {"_protected.payments", "acme.shop._protected.payments"},
      {"_private.cart", "acme.shop._private.cart"},
      {"_private.audit", "acme.shop._private.audit"},
      {"_private.events", "acme.shop._private.events"},
      {"acme.warehouse._public.stock", "acme.warehouse._public.stock"}};
  ASSERT_EQ(flat["channels"].size(), renamed.size());
  auto flat_channel = flat["channels"].begin();
  for (const auto& channel : original["channels"]) {
    EXPECT_EQ(flat_channel->first.Scalar(), renamed.at(channel.first.Scalar()));
    EXPECT_EQ(dump(flat_channel->second), dump(channel.second)) << channel.first.Scalar();
    ++flat_channel;
  }
}

} // namespace
} // namespace specmesh::spec
