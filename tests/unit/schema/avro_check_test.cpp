#include "print_diagnostic.hpp"
#include "schema/avro_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace specmesh::schema {
namespace {

using ::testing::ElementsAre;

JsonDocument document_of(const std::string& text) {
  auto document = parse_json_document(text, "t.avsc");
  EXPECT_TRUE(document.has_value()) << (document ? "" : document.error().message);
  return document ? std::move(*document) : JsonDocument{};
}

/// The problems check_avro finds in `text`, with `definitions` from other files.
std::vector<Diagnostic> problems(const std::string& text, const AvroDefinitions& definitions = {}) {
  const JsonDocument document = document_of(text);
  const Result<void> checked = check_avro(document, definitions);
  return checked ? std::vector<Diagnostic>{} : checked.error().diagnostics;
}

Diagnostic at(int line, int column, const std::string& message) {
  return Diagnostic{{"t.avsc", line, column}, message};
}

TEST(CheckAvro, AcceptsValidSchemasOfEveryKind) {
  EXPECT_THAT(problems(R"({"type": "record", "name": "A", "namespace": "n", "fields": [
      {"name": "id", "type": "string", "default": ""},
      {"name": "count", "type": "long", "default": 3},
      {"name": "tags", "type": {"type": "array", "items": "string"}, "default": ["x"]},
      {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "BLUE"]},
       "default": "RED"},
      {"name": "next", "type": ["null", "A"], "default": null}]})"),
              ElementsAre());
  EXPECT_THAT(problems(R"(["null", "string"])"), ElementsAre());
  EXPECT_THAT(problems(R"("bytes")"), ElementsAre());
}

TEST(CheckAvro, ResolvesNamesFromOtherFilesByInliningTheirDefinitions) {
  const Json item = Json::parse(
      R"({"type": "record", "name": "Item", "namespace": "shop", "fields": [{"name": "c", "type": "shop.Currency"}]})");
  const Json currency = Json::parse(
      R"({"type": "enum", "name": "Currency", "namespace": "shop", "symbols": ["EUR"]})");
  const AvroDefinitions definitions{{"shop.Item", &item}, {"shop.Currency", &currency}};

  EXPECT_THAT(problems(R"({"type": "record", "name": "Order", "namespace": "shop", "fields": [
      {"name": "item", "type": "Item"}, {"name": "again", "type": "Item"},
      {"name": "currency", "type": "Currency", "default": "EUR"}]})",
                       definitions),
              ElementsAre());
}

TEST(CheckAvro, PlacesAvroCsMessagesAtTheValueTheyAreAbout) {
  EXPECT_THAT(
      problems("{\"type\": \"record\", \"name\": \"A\", \"fields\": [\n  {\"name\": \"x\"}]}"),
      ElementsAre(at(2, 3, R"(invalid Avro schema: Record field 0 must have a "type")")));
  EXPECT_THAT(problems(R"({"type": "fixed", "name": "F"})"),
              ElementsAre(at(1, 1, R"(invalid Avro schema: Fixed type must have a "size")")));
  EXPECT_THAT(problems(R"({"type": "record", "name": "1A", "fields": []})"),
              ElementsAre(at(1, 28, "invalid Avro schema: Invalid Avro identifier")));
  EXPECT_THAT(
      problems(R"({"type": "map", "values": []})"),
      ElementsAre(at(1, 27, "invalid Avro schema: Union type must have at least one branch")));
}

TEST(CheckAvro, ChecksDefaultsAgainstTheFieldType) {
  EXPECT_THAT(
      problems(
          R"({"type": "record", "name": "A", "fields": [{"name": "n", "type": "int", "default": 3000000000}]})"),
      ElementsAre(at(1, 84, "field 'n': default 3000000000 is not a valid int")));
  EXPECT_THAT(
      problems(
          R"({"type": "record", "name": "A", "fields": [{"name": "u", "type": ["null", "int"], "default": 1}]})"),
      ElementsAre(at(1, 94, "field 'u': default 1 is not a valid null, the union's first branch")));
  EXPECT_THAT(
      problems(
          R"({"type": "record", "name": "A", "fields": [{"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["X"]}, "default": "Y"}]})"),
      ElementsAre(at(1, 126, "field 'e': default \"Y\" is not a valid enum 'E'")));
}

TEST(CheckAvro, RefusesDuplicateEnumSymbols) {
  EXPECT_THAT(problems(R"({"type": "enum", "name": "E", "symbols": ["A", "A"]})"),
              ElementsAre(at(1, 48, "duplicate enum symbol 'A'")));
}

} // namespace
} // namespace specmesh::schema
