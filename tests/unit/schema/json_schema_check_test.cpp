#include "print_diagnostic.hpp"
#include "schema/json_schema_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace specmesh::schema {
namespace {

using ::testing::StartsWith;

Result<void> check(const std::string& text) {
  auto document = parse_json_document(text, "s.json");
  EXPECT_TRUE(document.has_value());
  return document ? check_json_schema(*document) : Result<void>{};
}

TEST(CheckJsonSchema, AcceptsADraft07Schema) {
  const Result<void> checked = check(R"({"$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object", "properties": {"id": {"type": ["string", "null"]}}, "required": ["id"]})");

  EXPECT_TRUE(checked.has_value()) << checked.error().message;
}

TEST(CheckJsonSchema, ReportsAnUnknownTypeAtItsValue) {
  const Result<void> checked =
      check("{\"type\": \"object\",\n \"properties\": {\"id\": {\"type\": \"strng\"}}}");

  ASSERT_FALSE(checked.has_value());
  ASSERT_EQ(checked.error().diagnostics.size(), 1u);
  EXPECT_EQ(checked.error().diagnostics[0].where, (SourceLocation{"s.json", 2, 32}));
  EXPECT_THAT(checked.error().diagnostics[0].message, StartsWith("invalid JSON Schema: "));
}

TEST(CheckJsonSchema, AFormattedKeywordOfTheWrongTypeIsAProblemNotAnException) {
  // The fuzzer's find: the meta-schema says `$schema` is a string of format uri.
  const Result<void> checked = check(R"({"$schema": {"a": 1}, "type": "object",
      "properties": {"format": {"type": "string", "format": "uri"}}})");

  ASSERT_FALSE(checked.has_value());
  ASSERT_EQ(checked.error().diagnostics.size(), 1u);
  EXPECT_EQ(checked.error().diagnostics[0].where, (SourceLocation{"s.json", 1, 13}));
}

TEST(CheckJsonSchema, ReportsAKeywordOfTheWrongType) {
  const Result<void> checked = check(R"({"required": "id"})");

  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().diagnostics.at(0).where, (SourceLocation{"s.json", 1, 14}));
}

} // namespace
} // namespace specmesh::schema
