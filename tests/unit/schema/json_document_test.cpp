#include "print_diagnostic.hpp"
#include "schema/json_document.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace specmesh::schema {
namespace {

using ::testing::ElementsAre;

JsonDocument parse_ok(const std::string& text) {
  auto document = parse_json_document(text, "f.json");
  EXPECT_TRUE(document.has_value()) << (document ? "" : document.error().message);
  return document ? std::move(*document) : JsonDocument{};
}

std::vector<Diagnostic> json_problems(const std::string& text) {
  auto document = parse_json_document(text, "f.json");
  EXPECT_FALSE(document.has_value());
  return document ? std::vector<Diagnostic>{} : document.error().diagnostics;
}

SourceLocation at(int line, int column) {
  return {"f.json", line, column};
}

TEST(ParseJsonDocument, LocatesEveryKindOfValueWhereItStarts) {
  const JsonDocument document = parse_ok(
      "{\"a\": [1, -2.5e3, true],\n \"b\": {\"c\": \"x\\\"y\", \"d\": null},\n \"e\": false}");
  const Json& root = document.root();

  EXPECT_EQ(document.where(root), at(1, 1));
  EXPECT_EQ(document.where(root["a"]), at(1, 7));
  EXPECT_EQ(document.where(root["a"][1]), at(1, 11));
  EXPECT_EQ(document.where(root["a"][2]), at(1, 19));
  EXPECT_EQ(document.where(root["b"]), at(2, 7));
  EXPECT_EQ(document.where(root["b"]["c"]), at(2, 13));
  EXPECT_EQ(document.where(root["b"]["d"]), at(2, 26));
  EXPECT_EQ(document.where(root["e"]), at(3, 7));
}

TEST(ParseJsonDocument, CountsColumnsInCharactersAndSkipsComments) {
  const JsonDocument document = parse_ok("// comment\n{\"é\": \"ü\", \"n\": 7}");

  EXPECT_EQ(document.where(document.root()["n"]), at(2, 17));
}

TEST(ParseJsonDocument, ReportsASyntaxErrorAtTheCharacter) {
  EXPECT_THAT(json_problems("{\n  \"a\": tru\n}"),
              ElementsAre(Diagnostic{at(2, 11),
                                     "invalid JSON: syntax error while parsing value - invalid "
                                     "literal; last read: '\"a\": tru<U+000A>'"}));
}

TEST(ParseJsonDocument, RefusesADuplicateKeyAtItsSecondUse) {
  EXPECT_THAT(json_problems("{\"a\": 1,\n \"a\": 2}"),
              ElementsAre(Diagnostic{at(2, 2), "duplicate key 'a'"}));
}

TEST(ParseJsonDocument, RefusesNestingDeeperThanTheLimitLinearly) {
  const std::string deep(100'000, '[');

  EXPECT_THAT(json_problems(deep),
              ElementsAre(Diagnostic{at(1, k_max_nesting + 1), "nesting deeper than 500 levels"}));
}

TEST(ParseYamlDocument, ReadsPlainScalarsByTheCoreSchemaAndKeepsQuotedOnesStrings) {
  auto document = parse_yaml_document("a: 1\nb: '1'\nc: true\nd: ~\ne: 2.5\nf: text\n", "f.yml");
  ASSERT_TRUE(document.has_value()) << document.error().message;

  EXPECT_EQ(document->root(),
            Json::parse(R"({"a": 1, "b": "1", "c": true, "d": null, "e": 2.5, "f": "text"})"));
  EXPECT_EQ(document->where(document->root()["e"]), (SourceLocation{"f.yml", 5, 4}));
}

TEST(ParseYamlDocument, ReportsInvalidYamlAndDuplicateKeysWithTheirPosition) {
  auto invalid = parse_yaml_document("a: [1\n", "f.yml");
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().diagnostics.at(0).where.file, "f.yml");

  auto duplicate = parse_yaml_document("a: 1\na: 2\n", "f.yml");
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_THAT(duplicate.error().diagnostics,
              ElementsAre(Diagnostic{{"f.yml", 2, 1}, "duplicate key 'a' (first given at 1:1)"},
                          Diagnostic{{"f.yml", 1, 1}, "key 'a' is given again at 2:1"}));
}

TEST(ParseYamlDocument, RefusesTextThatIsNotUtf8AtTheByte) {
  auto invalid = parse_yaml_document("type: object\ntitle: \"a\xff\"\n", "f.yml");

  ASSERT_FALSE(invalid.has_value());
  ASSERT_EQ(invalid.error().diagnostics.size(), 1u);
  EXPECT_EQ(invalid.error().diagnostics[0].where, (SourceLocation{"f.yml", 2, 10}));
  EXPECT_THAT(invalid.error().message, ::testing::HasSubstr("UTF-8"));
}

TEST(ParseYamlDocument, RefusesDeepNesting) {
  auto deep = parse_yaml_document(std::string(100'000, '['), "f.yml");

  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.error().diagnostics.size(), 1u);
}

} // namespace
} // namespace specmesh::schema
