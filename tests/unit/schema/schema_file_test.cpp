#include "print_diagnostic.hpp"

#include <specmesh/schema/schema_file.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace specmesh::schema {
// Readable failure output for whole SchemaFile comparisons; GoogleTest requires this name.
// NOLINTNEXTLINE(readability-identifier-naming)
void PrintTo(const SchemaFile& file, std::ostream* out) {
  *out << fmt::format("{{{} '{}' ns '{}' kind '{}' path '{}' references [{}]}}",
                      to_string(file.type),
                      file.full_name,
                      file.name_space,
                      file.avro_kind,
                      file.path,
                      fmt::join(file.references, ", "));
}

namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;
using Names = std::vector<std::string>;

const std::string k_schemas = std::string(SPECMESH_TEST_DATA) + "/schemas/";

std::string schema_path(const std::string& relative) {
  return k_schemas + relative;
}

std::string text_of(const std::string& relative) {
  std::ifstream in(schema_path(relative), std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> full_names(const std::vector<SchemaFile>& files) {
  std::vector<std::string> names;
  names.reserve(files.size());
  for (const SchemaFile& file : files) {
    names.push_back(file.full_name);
  }
  return names;
}

std::vector<SchemaFile> resolve_ok(const std::string& relative) {
  auto resolved = resolve_schema_file(schema_path(relative));
  EXPECT_TRUE(resolved.has_value()) << (resolved ? "" : resolved.error().message);
  return resolved ? *resolved : std::vector<SchemaFile>{};
}

/// A JSON Schema or Protobuf file: no Avro name, kind or references.
SchemaFile single_file(SchemaType type, const std::string& relative) {
  return SchemaFile{.type = type,
                    .full_name = {},
                    .name_space = {},
                    .avro_kind = {},
                    .content = text_of(relative),
                    .path = schema_path(relative),
                    .references = {}};
}

Error resolve_error(const std::string& relative, const std::vector<std::string>& imports = {}) {
  auto resolved = resolve_schema_file(schema_path(relative), imports);
  EXPECT_FALSE(resolved.has_value()) << "resolved " << relative << " without error";
  return resolved ? Error{} : resolved.error();
}

/// The one located problem of a failed resolution.
Diagnostic diagnostic_of(const std::string& relative,
                         const std::vector<std::string>& imports = {}) {
  const Error error = resolve_error(relative, imports);
  EXPECT_EQ(error.diagnostics.size(), 1u) << error.message;
  return error.diagnostics.empty() ? Diagnostic{} : error.diagnostics.front();
}

Diagnostic at(const std::string& relative, int line, int column, const std::string& message) {
  return Diagnostic{{schema_path(relative), line, column}, message};
}

TEST(SchemaType, IsSpelledAsTheRegistrySpellsIt) {
  EXPECT_STREQ(to_string(SchemaType::avro), "AVRO");
  EXPECT_STREQ(to_string(SchemaType::json), "JSON");
  EXPECT_STREQ(to_string(SchemaType::protobuf), "PROTOBUF");
}

TEST(ResolveSchemaFile, ListsReferencedTypesLeafFirstWithTheRootLast) {
  const auto files = resolve_ok("refs/acme.shop.Order.avsc");

  EXPECT_EQ(full_names(files),
            (Names{"acme.shared.Currency", "acme.shop.Item", "acme.shop.Order"}));
}

TEST(ResolveSchemaFile, DescribesEachTypeWithTheFileItWasReadFrom) {
  const auto files = resolve_ok("refs/acme.shop.Order.avsc");

  ASSERT_EQ(files.size(), 3u);
  const SchemaFile currency{.type = SchemaType::avro,
                            .full_name = "acme.shared.Currency",
                            .name_space = "acme.shared",
                            .avro_kind = "enum",
                            .content = text_of("refs/acme.shared.Currency.avsc"),
                            .path = schema_path("refs/acme.shared.Currency.avsc"),
                            .references = {}};
  const SchemaFile item{.type = SchemaType::avro,
                        .full_name = "acme.shop.Item",
                        .name_space = "acme.shop",
                        .avro_kind = "record",
                        .content = text_of("refs/acme.shop.Item.avsc"),
                        .path = schema_path("refs/acme.shop.Item.avsc"),
                        .references = {"acme.shared.Currency"}};
  const SchemaFile order{.type = SchemaType::avro,
                         .full_name = "acme.shop.Order",
                         .name_space = "acme.shop",
                         .avro_kind = "record",
                         .content = text_of("refs/acme.shop.Order.avsc"),
                         .path = schema_path("refs/acme.shop.Order.avsc"),
                         .references = {"acme.shared.Currency", "acme.shop.Item"}};
  EXPECT_EQ(files[0], currency);
  EXPECT_EQ(files[1], item);
  EXPECT_EQ(files[2], order);
}

TEST(ResolveSchemaFile, LoadsATypeReferencedSeveralTimesOnlyOnce) {
  // Order uses Item twice and Currency directly and through Item.
  const auto files = resolve_ok("refs/acme.shop.Order.avsc");

  EXPECT_EQ(full_names(files),
            (Names{"acme.shared.Currency", "acme.shop.Item", "acme.shop.Order"}));
  EXPECT_EQ(files.back().references, (Names{"acme.shared.Currency", "acme.shop.Item"}));
}

TEST(ResolveSchemaFile, AcceptsCommentsInAvroFiles) {
  const auto files = resolve_ok("refs/acme.shop.Order.avsc");

  ASSERT_FALSE(files.empty());
  EXPECT_NE(files.back().content.find("// resolved in the acme.shop namespace"), std::string::npos);
}

TEST(ResolveSchemaFile, ResolvesReferencesWithoutANamespaceToFilesNamedAfterTheType) {
  const auto files = resolve_ok("refs/Plain.avsc");

  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].full_name, "Other");
  EXPECT_EQ(files[0].name_space, "");
  EXPECT_EQ(files[0].path, schema_path("refs/Other.avsc"));
  EXPECT_EQ(files[1].full_name, "Plain");
  EXPECT_EQ(files[1].references, (Names{"Other"}));
}

TEST(ResolveSchemaFile, OrdersSharedDependenciesOfAStarBeforeEverythingThatUsesThem) {
  const auto files = resolve_ok("star/star.A.avsc");

  EXPECT_EQ(full_names(files), (Names{"star.D", "star.B", "star.C", "star.A"}));
  ASSERT_EQ(files.size(), 4u);
  EXPECT_TRUE(files[0].references.empty());
  EXPECT_EQ(files[0].avro_kind, "fixed");
  EXPECT_EQ(files[1].references, (Names{"star.D"}));
  EXPECT_EQ(files[2].references, (Names{"star.D"}));
  EXPECT_EQ(files[3].references, (Names{"star.D", "star.B", "star.C"}));
}

TEST(ResolveSchemaFile, TreatsReferencesToInlineNamedTypesAsInternal) {
  const auto files = resolve_ok("inline/inl.Outer.avsc");

  EXPECT_EQ(full_names(files), (Names{"inl.External", "inl.Outer"}));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1].references, (Names{"inl.External"}));
}

TEST(ResolveSchemaFile, StopsAtARecordThatRefersToItself) {
  const auto files = resolve_ok("cycles/cyc.Node.avsc");

  EXPECT_EQ(full_names(files), (Names{"cyc.Node"}));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(files[0].references.empty());
}

TEST(ResolveSchemaFile, BreaksACycleBetweenFilesAtTheRoot) {
  const auto files = resolve_ok("cycles/cyc.Ping.avsc");

  EXPECT_EQ(full_names(files), (Names{"cyc.Pong", "cyc.Ping"}));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_TRUE(files[0].references.empty());
  EXPECT_EQ(files[1].references, (Names{"cyc.Pong"}));
}

TEST(ResolveSchemaFile, BreaksACycleBetweenFilesBelowTheRoot) {
  const auto files = resolve_ok("cycles/cyc.Start.avsc");

  EXPECT_EQ(full_names(files), (Names{"cyc.Pong", "cyc.Ping", "cyc.Start"}));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[2].references, (Names{"cyc.Pong", "cyc.Ping"}));
}

TEST(ResolveSchemaFile, AcceptsAPrimitiveRoot) {
  const auto files = resolve_ok("roots/primitive.avsc");

  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].full_name, "");
  EXPECT_EQ(files[0].avro_kind, "string");
  EXPECT_EQ(files[0].content, "\"string\"\n");
  EXPECT_TRUE(files[0].references.empty());
}

TEST(ResolveSchemaFile, RejectsJsonThatIsNotAvro) {
  EXPECT_EQ(
      diagnostic_of("roots/not_avro.avsc"),
      at("roots/not_avro.avsc", 1, 1, R"(invalid Avro schema: "type" field must be a string)"));
}

TEST(ResolveSchemaFile, FollowsTheMembersOfAUnionRoot) {
  const auto files = resolve_ok("roots/union.avsc");

  EXPECT_EQ(full_names(files), (Names{"roots.demo.Alpha", "roots.demo.Beta", ""}));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[1].name_space, "roots.demo");
  EXPECT_EQ(files[1].references, (Names{"roots.demo.Alpha"}));
  EXPECT_EQ(files[2].avro_kind, "union");
  EXPECT_EQ(files[2].name_space, "");
  EXPECT_EQ(files[2].references, (Names{"roots.demo.Alpha", "roots.demo.Beta"}));
}

TEST(ResolveSchemaFile, FollowsTheValuesOfAMapRoot) {
  const auto files = resolve_ok("roots/map.avsc");

  EXPECT_EQ(full_names(files), (Names{"roots.demo.Alpha", ""}));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1].avro_kind, "map");
  EXPECT_EQ(files[1].references, (Names{"roots.demo.Alpha"}));
}

TEST(ResolveSchemaFile, FollowsTheItemsOfAnArrayRoot) {
  const auto files = resolve_ok("roots/array.avsc");

  EXPECT_EQ(full_names(files), (Names{"roots.demo.Alpha", "roots.demo.Beta", ""}));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[2].avro_kind, "array");
  EXPECT_EQ(files[2].references, (Names{"roots.demo.Alpha", "roots.demo.Beta"}));
}

TEST(ResolveSchemaFile, LeavesAnObjectWithANonKeywordTypeToAvro) {
  // {"type": "ns.Hidden"} is not a reference to a file (ns.Hidden.avsc does not exist).
  EXPECT_EQ(
      diagnostic_of("nested/ns.Holder.avsc"),
      at("nested/ns.Holder.avsc", 5, 50, R"(invalid Avro schema: Unknown Avro "type": ns.Hidden)"));
}

TEST(ResolveSchemaFile, ReportsInvalidJsonWithItsPosition) {
  const Error error = resolve_error("errors/invalid.avsc");

  EXPECT_EQ(error.code, ErrorCode::invalid_input);
  EXPECT_THAT(error.diagnostics,
              ElementsAre(at("errors/invalid.avsc",
                             3,
                             11,
                             "invalid JSON: syntax error while parsing value - invalid literal; "
                             "last read: '\"name\": o'")));
}

TEST(ResolveSchemaFile, ReportsInvalidJsonInAReferencedFile) {
  const Error error = resolve_error("errors/err.UsesBroken.avsc");

  EXPECT_EQ(error.code, ErrorCode::invalid_input);
  EXPECT_THAT(error.diagnostics,
              ElementsAre(at("errors/err.Broken.avsc",
                             2,
                             1,
                             "invalid JSON: syntax error while parsing object key - unexpected "
                             "end of input; expected string literal")));
}

TEST(ResolveSchemaFile, ReportsAMissingRootFile) {
  const Error error = resolve_error("errors/does.not.Exist.avsc");

  EXPECT_EQ(error.code, ErrorCode::not_found);
  EXPECT_EQ(error.message,
            "schema file '" + schema_path("errors/does.not.Exist.avsc")
                + "' cannot be read: No such file or directory");
}

TEST(ResolveSchemaFile, ReportsAMissingReferencedFileWithTheChainOfFiles) {
  const Error error = resolve_error("errors/err.Root.avsc");

  EXPECT_EQ(error.code, ErrorCode::not_found);
  EXPECT_THAT(error.diagnostics,
              ElementsAre(at("errors/err.Bad.avsc",
                             5,
                             42,
                             "unknown Avro type 'some.unknown.Type': not defined before this use, "
                             "and no file '"
                                 + schema_path("errors/some.unknown.Type.avsc")
                                 + "' defines it (referenced via err.Root.avsc -> err.Bad.avsc)")));
}

TEST(ResolveSchemaFile, RejectsAReferencedFileThatIsNotANamedType) {
  const Error error = resolve_error("errors/err.UsesUnnamed.avsc");

  EXPECT_EQ(error.code, ErrorCode::invalid_input);
  EXPECT_THAT(error.diagnostics,
              ElementsAre(at("errors/err.Unnamed.avsc",
                             1,
                             1,
                             "'" + schema_path("errors/err.Unnamed.avsc")
                                 + "' is not a named Avro type (record, enum or fixed)")));
}

TEST(ResolveSchemaFile, RejectsAReferencedFileThatDefinesAnotherType) {
  const Error error = resolve_error("errors/err.UsesWrongName.avsc");

  EXPECT_EQ(error.code, ErrorCode::invalid_input);
  EXPECT_THAT(error.diagnostics,
              ElementsAre(at("errors/err.Expected.avsc",
                             1,
                             1,
                             "'" + schema_path("errors/err.Expected.avsc")
                                 + "' defines 'err.Actual', expected 'err.Expected'")));
}

TEST(ResolveSchemaFile, ReadsJsonTextInAYmlFileAsJsonSchema) {
  const auto files = resolve_ok("formats/user_checkout.yml");

  const SchemaFile expected = single_file(SchemaType::json, "formats/user_checkout.yml");
  EXPECT_EQ(files, (std::vector<SchemaFile>{expected}));
}

TEST(ResolveSchemaFile, ReadsJsonTextInAYamlFileAsJsonSchema) {
  const auto files = resolve_ok("formats/user_checkout.yaml");

  const SchemaFile expected = single_file(SchemaType::json, "formats/user_checkout.yaml");
  EXPECT_EQ(files, (std::vector<SchemaFile>{expected}));
}

TEST(ResolveSchemaFile, ReadsAJsonFileAsJsonSchema) {
  const auto files = resolve_ok("formats/user_checkout.json");

  const SchemaFile expected = single_file(SchemaType::json, "formats/user_checkout.json");
  EXPECT_EQ(files, (std::vector<SchemaFile>{expected}));
}

TEST(ResolveSchemaFile, ReadsAJsonSchemaWrittenInYamlAndGivesTheRegistryItsJson) {
  const auto files = resolve_ok("formats/user_checkout_yaml.yml");

  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].type, SchemaType::json);
  EXPECT_EQ(nlohmann::json::parse(files[0].content),
            nlohmann::json::parse(R"({"$schema": "http://json-schema.org/draft-07/schema#",
                                      "title": "UserCheckout", "type": "object",
                                      "properties": {"id": {"type": "string"},
                                                     "total": {"type": "number", "minimum": 0}},
                                      "required": ["id"]})"));
}

TEST(ResolveSchemaFile, ReportsAJsonSchemaThatBreaksTheMetaSchemaAtTheValue) {
  const Diagnostic problem = diagnostic_of("invalid/strng.json");

  EXPECT_EQ(problem.where, (SourceLocation{schema_path("invalid/strng.json"), 6, 20}));
  EXPECT_THAT(problem.message, StartsWith("invalid JSON Schema: "));
}

TEST(ResolveSchemaFile, ReportsAnAvroSyntaxErrorInTheFile) {
  EXPECT_EQ(diagnostic_of("invalid/acme.shop.Order.avsc"),
            at("invalid/acme.shop.Order.avsc",
               8,
               5,
               "invalid JSON: syntax error while parsing array - unexpected '{'; expected ']'"));
}

TEST(ResolveSchemaFile, ReportsARecordWithoutANameThroughAvro) {
  EXPECT_EQ(
      diagnostic_of("invalid/unnamed.avsc"),
      at("invalid/unnamed.avsc", 1, 1, R"(invalid Avro schema: Record type must have a "name")"));
}

TEST(ResolveSchemaFile, ReportsADefaultOfTheWrongTypeAtTheDefault) {
  EXPECT_EQ(diagnostic_of("invalid/wrong-default.avsc"),
            at("invalid/wrong-default.avsc",
               7,
               50,
               R"(field 'amount': default "zero" is not a valid int)"));
}

TEST(ResolveSchemaFile, ReportsAnUnknownTypeAtItsName) {
  EXPECT_EQ(
      diagnostic_of("invalid/unknown-type.avsc"),
      at("invalid/unknown-type.avsc", 6, 37, R"(invalid Avro schema: Unknown Avro "type": strng)"));
}

TEST(ResolveSchemaFile, ReportsAnInvalidEnumSymbol) {
  EXPECT_EQ(diagnostic_of("invalid/bad-enum.avsc"),
            at("invalid/bad-enum.avsc",
               5,
               23,
               "enum symbol '2-CLOSED' is not a valid Avro name (a letter or '_', then letters, "
               "digits or '_')"));
}

TEST(ResolveSchemaFile, RefusesDeepNestingQuickly) {
  const std::string path = (std::filesystem::path(::testing::TempDir()) / "deep.avsc").string();
  std::ofstream(path) << std::string(100'000, '[') << std::string(100'000, ']');

  const auto resolved = resolve_schema_file(path);

  ASSERT_FALSE(resolved.has_value());
  EXPECT_THAT(resolved.error().diagnostics,
              ElementsAre(Diagnostic{{path, 1, 501}, "nesting deeper than 500 levels"}));
}

TEST(ResolveSchemaFile, ReadsAProtoFileAsASingleProtobufSchema) {
  const auto files = resolve_ok("formats/user_info.proto");

  const SchemaFile expected = single_file(SchemaType::protobuf, "formats/user_info.proto");
  EXPECT_EQ(files, (std::vector<SchemaFile>{expected}));
}

TEST(ResolveSchemaFile, ReportsGarbageInAProtoFileAtItsLine) {
  EXPECT_EQ(diagnostic_of("invalid/garbage.proto"),
            at("invalid/garbage.proto", 6, 3, "Expected \";\"."));
}

TEST(ResolveSchemaFile, ResolvesProtoImportsThroughTheImportPaths) {
  const auto resolved =
      resolve_schema_file(schema_path("proto/acme/shop/order.proto"), {schema_path("proto")});

  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  EXPECT_EQ(resolved->size(), 1u);
}

TEST(ResolveSchemaFile, ReportsAProtoImportThatIsNowhere) {
  const Diagnostic problem =
      diagnostic_of("proto/acme/shop/missing-import.proto", {schema_path("proto")});

  EXPECT_EQ(problem.where,
            (SourceLocation{schema_path("proto/acme/shop/missing-import.proto"), 4, 1}));
  EXPECT_EQ(problem.message, "Import \"acme/common/nowhere.proto\" was not found or had errors.");
}

TEST(ResolveSchemaFile, RejectsAnEmptyProtoFile) {
  const Error error = resolve_error("errors/empty.proto");

  EXPECT_EQ(error.code, ErrorCode::invalid_input);
  EXPECT_EQ(error.message,
            "protobuf schema file '" + schema_path("errors/empty.proto") + "' is empty");
}

TEST(ResolveSchemaFile, RejectsAnUnsupportedExtension) {
  const Error error = resolve_error("errors/schema.txt");

  EXPECT_EQ(error.code, ErrorCode::invalid_input);
  EXPECT_EQ(error.message,
            "unsupported schema file '" + schema_path("errors/schema.txt")
                + "': the extension must be .avsc, .json, .yml, .yaml or .proto");
}

} // namespace
} // namespace specmesh::schema
