#include "spec/yaml_document.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace specmesh::spec::yaml {
namespace {

using ::testing::ElementsAre;

Document parsed(std::string_view text) {
  tl::expected<Document, ParseError> document = parse(text);
  if (!document) {
    ADD_FAILURE() << "not parsed: " << document.error().mark.line << ":"
                  << document.error().mark.column << ": " << document.error().message;
    return {};
  }
  return std::move(*document);
}

std::string at(Node node) {
  return std::to_string(node.mark().line) + ":" + std::to_string(node.mark().column);
}

std::string failure(std::string_view text) {
  const tl::expected<Document, ParseError> document = parse(text);
  if (document) {
    ADD_FAILURE() << "parsed, but an error was expected";
    return {};
  }
  const ParseError& error = document.error();
  return std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) + ": "
         + error.message;
}

TEST(YamlDocument, ReadsEntriesAndItemsInDocumentOrder) {
  const Document document = parsed("b: [x, y]\na: {c: d}\nb: again\n");
  const Node root = document.root();
  ASSERT_TRUE(root.is_mapping());
  std::vector<std::string_view> keys;
  for (const auto& [key, value] : root.entries()) {
    keys.push_back(key.scalar());
  }
  EXPECT_THAT(keys, ElementsAre("b", "a", "b"));
  EXPECT_EQ(root["b"].items().size(), 2u);
  EXPECT_EQ(root["b"].items()[1].scalar(), "y");
  EXPECT_EQ(root["a"]["c"].scalar(), "d");
}

TEST(YamlDocument, MissingKeysAndLookupsIntoNonMappingsAreAbsent) {
  const Document document = parsed("a: x\n");
  EXPECT_FALSE(document.root()["b"]);
  EXPECT_FALSE(document.root()["a"]["c"]);
  EXPECT_FALSE(document.root()["b"]["c"]);
  EXPECT_TRUE(document.root()["b"].items().empty());
}

TEST(YamlDocument, OnlyPlainUntaggedNullWordsAreNull) {
  const Document document =
      parsed("a: ~\nb: null\nc: NULL\nd:\ne: ''\nf: 'null'\ng: !!str null\nh: nulls\n");
  const Node root = document.root();
  for (const char* key : {"a", "b", "c", "d"}) {
    EXPECT_TRUE(root[key].is_null()) << key;
  }
  for (const char* key : {"e", "f", "g", "h"}) {
    EXPECT_TRUE(root[key].is_scalar()) << key;
  }
  EXPECT_EQ(root["g"].scalar(), "null");
}

TEST(YamlDocument, KnowsWhichScalarsArePlain) {
  const Document document = parsed("a: 3\nb: '3'\nc: \"3\"\nd: !!str 3\ne: |\n  3\nf: [x]\n");
  const Node root = document.root();
  EXPECT_TRUE(root["a"].is_plain());
  for (const char* key : {"b", "c", "d", "e", "f"}) {
    EXPECT_FALSE(root[key].is_plain()) << key;
  }
}

TEST(YamlDocument, PositionsAreWhereEachNodeStarts) {
  const Document document = parsed(R"(a:
  b: plain
  c: "quoted"
  d: {e: [f, g: h]}
  i: &anchor 'value'
  j: !!str tagged
  k:
l: |
  block
)");
  const Node a = document.root()["a"];
  EXPECT_EQ(at(a), "2:3"); // a block mapping at its first key
  EXPECT_EQ(at(a["b"]), "2:6");
  EXPECT_EQ(at(a["c"]), "3:6"); // a quoted scalar at its opening quote
  EXPECT_EQ(at(a["d"]), "4:6"); // a flow mapping at its '{'
  EXPECT_EQ(at(a["d"]["e"]), "4:10");
  EXPECT_EQ(at(a["d"]["e"].items()[1]), "4:14"); // a pair in a flow sequence at its key
  EXPECT_EQ(at(a["i"]), "5:6");                  // at its anchor
  EXPECT_EQ(at(a["j"]), "6:6");                  // at its tag
  EXPECT_EQ(at(a["k"]), "7:5");                  // an empty value right after its key's ':'
  EXPECT_EQ(at(document.root()["l"]), "8:4");    // a block scalar at its indicator
}

TEST(YamlDocument, ColumnsCountCharacters) {
  EXPECT_EQ(at(parsed("\xc3\xa9: [x]\n").root()["\xc3\xa9"]), "1:4");
}

TEST(YamlDocument, AnAliasIsItsAnchoredNode) {
  const Document document = parsed("a: &k {p: 1}\nb: *k\n");
  EXPECT_EQ(document.root()["b"]["p"].scalar(), "1");
  EXPECT_EQ(at(document.root()["b"]), "1:4");
}

TEST(YamlDocument, MergeKeysAreOrdinaryKeys) {
  const Document document = parsed("a: &k {p: 1}\nb: {<<: *k, q: 2}\n");
  EXPECT_FALSE(document.root()["b"]["p"]);
  EXPECT_EQ(document.root()["b"]["<<"]["p"].scalar(), "1");
}

TEST(YamlDocument, DecodesEscapesToUtf8) {
  EXPECT_EQ(parsed(R"(a: "x\xb0\_\N")").root()["a"].scalar(), "x\xc2\xb0\xc2\xa0\xc2\x85");
}

TEST(YamlDocument, ReadsJson) {
  const Document document = parsed(R"({"a":{"b":[1,"two"]}})");
  EXPECT_EQ(document.root()["a"]["b"].items()[1].scalar(), "two");
}

TEST(YamlDocument, ReadsOnlyTheFirstDocument) {
  EXPECT_EQ(parsed("a: 1\n---\nb: 2\n").root()["a"].scalar(), "1");
  EXPECT_FALSE(parsed("a: 1\n---\nb: 2\n").root()["b"]);
}

TEST(YamlDocument, EmptyTextHasNoDocumentAndAnEmptyDocumentIsNull) {
  EXPECT_FALSE(parsed("").root());
  EXPECT_FALSE(parsed("# only a comment\n").root());
  EXPECT_TRUE(parsed("---\n").root().is_null());
}

TEST(YamlDocument, ErrorsSayWhereAndWhy) {
  EXPECT_EQ(failure("a: [x\n"),
            "2:1: did not find expected ',' or ']' while parsing a flow sequence (started at 1:4)");
  EXPECT_EQ(failure("a: *nowhere\n"), "1:4: alias '*nowhere' has no anchor '&nowhere' before it");
  EXPECT_EQ(failure(R"(a: "\ud800")"),
            "1:7: found invalid Unicode character escape code while parsing a quoted scalar "
            "(started at 1:4)");
}

TEST(YamlDocument, ReadsUtf8AndUtf16AndRejectsAnythingElse) {
  const std::u16string utf16 = u"\ufeffa: 1\n"; // with its byte order mark
  const Document document =
      parsed(std::string_view(reinterpret_cast<const char*>(utf16.data()), utf16.size() * 2));
  EXPECT_EQ(document.root()["a"].scalar(), "1");
  EXPECT_EQ(failure("a: x\xb0\n"), "1:5: invalid leading UTF-8 octet (0xb0)");
  EXPECT_EQ(failure("a: \xc3\xa9\r\nb:\r c\xc0\x80\n"), "3:3: invalid length of a UTF-8 sequence");
  EXPECT_EQ(failure("a:\n%     b\xc8\xdf\n"), "2:9: invalid trailing UTF-8 octet (0xdf)");
  EXPECT_EQ(failure("a: \x01\n"), "1:4: control characters are not allowed (0x01)");
}

} // namespace
} // namespace specmesh::spec::yaml
