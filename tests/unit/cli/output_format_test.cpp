#include "cli/output_format.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace specmesh::cli {
namespace {

TEST(ReadsAsOtherTypeTest, NumbersBooleansNullsAndDatesDo) {
  for (const char* text : {"1",     "-1",   "+1.5", ".5",    "1e3",  "0777",       "0x1F",
                           "1_000", "1:20", ".inf", "-.Inf", ".NaN", "2024-01-01", "true",
                           "False", "yes",  "off",  "null",  "~",    "",           "Y"}) {
    EXPECT_TRUE(reads_as_other_type(text)) << text;
  }
}

TEST(ReadsAsOtherTypeTest, OrdinaryWordsDoNot) {
  for (const char* text : {"acme.shop",
                           "CREATE",
                           "3 topics",
                           "v1",
                           "yesterday",
                           "User:*",
                           "nothing",
                           "-",
                           ".",
                           ".nAn",
                           "+.nan",
                           ".infinity",
                           "1 2"}) {
    EXPECT_FALSE(reads_as_other_type(text)) << text;
  }
}

TEST(ReadsAsOtherTypeTest, AValueOfAnyLengthIsJudgedWithoutRecursion) {
  // std::regex overflowed the stack on some 50,000 characters of `\S*`.
  EXPECT_TRUE(reads_as_other_type("1" + std::string(1'000'000, 'a')));
  EXPECT_FALSE(reads_as_other_type("1" + std::string(1'000'000, 'a') + " b"));
}

TEST(JsonToYamlTest, KeepsKeyOrderAndTypes) {
  const std::string yaml = json_to_yaml(
      R"({"zeta": 1, "alpha": [true, null, 2.5], "name": "acme.shop", "empty": {}, "list": []})");
  EXPECT_EQ(yaml,
            "---\n"
            "zeta: 1\n"
            "alpha:\n"
            "  - true\n"
            "  - ~\n"
            "  - 2.5\n"
            "name: acme.shop\n"
            "empty: {}\n"
            "list: []\n");
}

TEST(JsonToYamlTest, StringsThatLookLikeOtherTypesAreQuotedAndReadBackAsStrings) {
  const std::string yaml =
      json_to_yaml(R"({"version": "1.0", "mode": "0777", "flag": "true", "none": "null",
                       "count": 3, "1": "key that looks like a number"})");
  const YAML::Node node = YAML::Load(yaml);
  EXPECT_EQ(node["version"].Scalar(), "1.0");
  EXPECT_EQ(node["version"].Tag(), "!"); // quoted: a string for every reader
  EXPECT_EQ(node["mode"].Tag(), "!");
  EXPECT_EQ(node["flag"].Tag(), "!");
  EXPECT_EQ(node["none"].Tag(), "!");
  EXPECT_EQ(node["count"].Tag(), "?"); // a plain number stays a number
  EXPECT_NE(yaml.find("\"1\": key that looks like a number"), std::string::npos) << yaml;
}

TEST(JsonToYamlTest, TextThatYamlSyntaxNeedsQuotedStaysReadable) {
  const YAML::Node node = YAML::Load(json_to_yaml(R"({"a": "x: y", "b": "# no comment"})"));
  EXPECT_EQ(node["a"].Scalar(), "x: y");
  EXPECT_EQ(node["b"].Scalar(), "# no comment");
}

TEST(RenderPlanTest, YamlIsTheJsonDocument) {
  const plan::Plan empty;
  const std::string json = render_plan(empty, "json");
  EXPECT_EQ(render_plan(empty, "yaml"), json_to_yaml(json));
  EXPECT_NE(render_plan(empty, "text"), json);
}

} // namespace
} // namespace specmesh::cli
