#include "spec/findings.hpp"
#include "spec/yaml_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace specmesh::spec::yaml {
namespace {

Document parsed(std::string_view text) {
  tl::expected<Document, ParseError> document = parse(text);
  EXPECT_TRUE(document.has_value()) << (document ? "" : document.error().message);
  return document ? std::move(*document) : Document{};
}

nlohmann::json json_of(std::string_view text) {
  const Document document = parsed(text);
  return to_json(document.root(), 1000).value_or(nlohmann::json("not converted"));
}

TEST(YamlToJson, TypesPlainScalarsByTheCoreSchemaAndKeepsQuotedOnesStrings) {
  EXPECT_EQ(
      json_of("[true, False, 3, -7, 0x1f, 0o17, 1.5e3, '3', \"true\", text, ~]"),
      nlohmann::json::parse(R"([true, false, 3, -7, 31, 15, 1500.0, "3", "true", "text", null])"));
  EXPECT_EQ(json_of("a: |\n  12\n"), nlohmann::json::parse(R"({"a": "12\n"})"));
  EXPECT_EQ(json_of("[0777, yes, 1_000]"), nlohmann::json::parse(R"([777, "yes", "1_000"])"));
  const nlohmann::json special = json_of("[.inf, -.Inf, .nan]");
  EXPECT_TRUE(std::isinf(special[0].get<double>()) && special[0].get<double>() > 0);
  EXPECT_TRUE(std::isinf(special[1].get<double>()) && special[1].get<double>() < 0);
  EXPECT_TRUE(std::isnan(special[2].get<double>()));
}

TEST(YamlToJson, KeepsTheFirstOfDuplicateKeysAsTheLoaderDoes) {
  EXPECT_EQ(json_of("a: 1\nb: {c: [x]}\na: 2\n"),
            nlohmann::json::parse(R"({"a": 1, "b": {"c": ["x"]}})"));
}

TEST(YamlToJson, RefusesADocumentThatAliasesExpandPastTheLimit) {
  const Document document = parsed("a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n");
  EXPECT_TRUE(to_json(document.root(), 100).has_value());
  EXPECT_FALSE(to_json(document.root(), 10).has_value());
}

TEST(NodeAt, FollowsKeysAndIndexes) {
  const Document document = parsed("channels:\n  x:\n    tags: [{name: a}, {name: b}]\n");
  const std::vector<std::string> path{"channels", "x", "tags", "1", "name"};
  EXPECT_EQ(node_at(document.root(), path).scalar(), "b");
  const std::vector<std::string> beyond{"channels", "x", "tags", "2"};
  EXPECT_FALSE(node_at(document.root(), beyond));
  const std::vector<std::string> not_an_index{"channels", "x", "tags", "one"};
  EXPECT_FALSE(node_at(document.root(), not_an_index));
}

TEST(Findings, SayWhereInTheSpecANodeIs) {
  const Document document =
      parsed("info: {title: t}\nchannels:\n  x:\n    publish:\n      tags: [{name: a}]\n");
  const Node root = document.root();
  using Path = std::vector<std::string>;
  EXPECT_EQ(where(root, Path{}), "at the top level");
  EXPECT_EQ(where(root, Path{"info"}), "in 'info'");
  EXPECT_EQ(where(root, Path{"channels", "x"}), "in channel 'x'");
  EXPECT_EQ(where(root, Path{"channels", "x", "publish", "tags", "0"}),
            "in 'publish.tags[0]' of channel 'x'");
  EXPECT_EQ(subject(root, Path{}), "the spec");
  EXPECT_EQ(subject(root, Path{"info"}), "'info'");
  EXPECT_EQ(subject(root, Path{"channels", "x"}), "channel 'x'");
  EXPECT_EQ(subject(root, Path{"channels", "x", "publish", "tags", "0"}),
            "'tags[0]' in 'publish' of channel 'x'");
}

} // namespace
} // namespace specmesh::spec::yaml
