#include "spec/yaml_document.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace specmesh::spec::yaml {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

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

std::vector<std::string> problems(const Document& document) {
  std::vector<std::string> out;
  for (const ParseError& problem : document.problems()) {
    out.push_back(std::to_string(problem.mark.line) + ":" + std::to_string(problem.mark.column)
                  + ": " + problem.message);
  }
  return out;
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
  const Document document = parsed("b: [x, y]\na: {c: d}\n");
  const Node root = document.root();
  ASSERT_TRUE(root.is_mapping());
  std::vector<std::string_view> keys;
  for (const auto& [key, value] : root.entries()) {
    keys.push_back(key.scalar());
  }
  EXPECT_THAT(keys, ElementsAre("b", "a"));
  EXPECT_THAT(problems(document), IsEmpty());
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

TEST(YamlDocument, ARepeatedKeyIsAProblemAtEveryPlaceItIsGiven) {
  const Document document = parsed("id: a\nx: 1\nid: b\n'id': c\n");
  EXPECT_THAT(problems(document),
              ElementsAre("3:1: duplicate key 'id' (first given at 1:1)",
                          "4:1: duplicate key 'id' (first given at 1:1)",
                          "1:1: key 'id' is given again at 3:1, 4:1"));
  // Every entry stays; a lookup finds the first.
  EXPECT_EQ(document.root().entries().size(), 4u);
  EXPECT_EQ(document.root()["id"].scalar(), "a");
}

TEST(YamlDocument, KeysRepeatAtAnyLevelButOnlyWithinOneMapping) {
  EXPECT_THAT(problems(parsed("a:\n  b: {p: 1, q: 2, p: 3}\n  c: {p: 1}\n")),
              ElementsAre("2:19: duplicate key 'p' (first given at 2:7)",
                          "2:7: key 'p' is given again at 2:19"));
  EXPECT_THAT(problems(parsed("a: {p: 1}\nb: {p: 1}\nc: [{p: 1}, {p: 1}]\n")), IsEmpty());
}

TEST(YamlDocument, RepeatedKeysAreFoundAmongManyKeys) {
  std::string text;
  for (int i = 0; i < 10000; ++i) {
    text += "k" + std::to_string(i) + ": x\n";
  }
  text += "k5000: again\n";
  EXPECT_THAT(problems(parsed(text)),
              ElementsAre("10001:1: duplicate key 'k5000' (first given at 5001:1)",
                          "5001:1: key 'k5000' is given again at 10001:1"));
}

TEST(YamlDocument, ASecondDocumentIsAProblemWhereItStarts) {
  const Document document = parsed("a: 1\n---\nb: 2\n");
  EXPECT_THAT(problems(document),
              ElementsAre("2:1: a second YAML document starts here; only one document is allowed"));
  EXPECT_EQ(document.root()["a"].scalar(), "1");
  EXPECT_FALSE(document.root()["b"]);
  EXPECT_THAT(problems(parsed("---\na: 1\n...\n--- [x]\n")),
              ElementsAre("4:1: a second YAML document starts here; only one document is allowed"));
  EXPECT_THAT(problems(parsed("---\na: 1\n...\n")), IsEmpty());
}

TEST(YamlDocument, TabsAreNotAllowedForIndentation) {
  EXPECT_EQ(failure("a:\n\tb: 1\n"), "2:1: tabs are not allowed for indentation");
  EXPECT_EQ(failure("a:\n  b: x\n\tc: d\n"), "3:1: tabs are not allowed for indentation");
  EXPECT_EQ(failure("a:\n  - x\n  \t- y\n"), "3:3: tabs are not allowed for indentation");
  EXPECT_EQ(failure("- \tb\n"), "1:3: tabs are not allowed for indentation");
  EXPECT_EQ(failure("a: |\n\tx\n"), "2:1: tabs are not allowed for indentation");
  EXPECT_EQ(failure("\xc3\xa9:\n\tb: 1\n"), "2:1: tabs are not allowed for indentation");
}

TEST(YamlDocument, TabsInsideALineAreFine) {
  const Document document =
      parsed("a: b\tc\nd: \"e\tf\"\ng: [\tx]\nh:\tv\t# note\ni: |\n  j\n  \tk\n");
  EXPECT_EQ(document.root()["a"].scalar(), "b\tc");
  EXPECT_EQ(document.root()["d"].scalar(), "e\tf");
  EXPECT_EQ(document.root()["g"].items()[0].scalar(), "x");
  EXPECT_EQ(document.root()["h"].scalar(), "v");
  EXPECT_EQ(document.root()["i"].scalar(), "j\n\tk\n");
}

/// `open` repeated `depth` times, then `close` as often.
std::string nested(int depth, std::string_view open, std::string_view close) {
  std::string text;
  text.reserve(static_cast<std::size_t>(depth) * (open.size() + close.size()));
  for (int i = 0; i < depth; ++i) {
    text += open;
  }
  for (int i = 0; i < depth; ++i) {
    text += close;
  }
  return text;
}

TEST(YamlDocument, NestingDeeperThanTheLimitIsRefusedWhereItGoesTooDeep) {
  // libyaml's scanner is quadratic in the depth of flow collections: 100,000 levels would take
  // minutes if the parse went on past the limit.
  constexpr int k_deep = 100'000;
  const std::string limit = std::to_string(k_max_depth);
  const std::string message = ": mappings and lists are nested more than " + limit
                              + " levels deep here; " + limit + " is the limit";
  EXPECT_EQ(failure(nested(k_deep, "[", "]")), "1:" + std::to_string(k_max_depth + 1) + message);
  // "a: {" after the top-level block mapping: the collection at depth d starts at 4 (d - 1).
  EXPECT_EQ(failure(nested(k_deep, "a: {", "}")), "1:" + std::to_string(4 * k_max_depth) + message);
  EXPECT_EQ(failure(nested(k_deep, "- ", "") + "x\n"),
            "1:" + std::to_string(2 * k_max_depth + 1) + message);
}

TEST(YamlDocument, NestingUpToTheLimitIsRead) {
  const Document document = parsed(nested(static_cast<int>(k_max_depth), "[", "]"));
  EXPECT_EQ(document.root().items().size(), 1u);
}

TEST(YamlDocument, AnAliasInsideTheCollectionItNamesIsRefused) {
  EXPECT_EQ(failure("a: &x [1, *x]\n"),
            "1:11: alias '*x' is inside the collection it refers to (anchor '&x')");
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
