#include <specmesh/schema/load_schemas.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace specmesh::schema {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string k_schemas = std::string(SPECMESH_TEST_DATA) + "/schemas";

SchemaRequest value_of(const std::string& topic, const std::string& ref) {
  return {.topic = topic,
          .role = SchemaRole::value,
          .ref = ref,
          .lookup_strategy = "TopicNameStrategy",
          .where = {"spec.yaml", 7, 15}};
}

std::vector<std::string> full_names(const LoadedSchema& loaded) {
  std::vector<std::string> names;
  if (loaded.files) {
    for (const SchemaFile& file : *loaded.files) {
      names.push_back(file.full_name);
    }
  }
  return names;
}

TEST(LoadSchemas, NothingRequestedNothingLoaded) {
  EXPECT_THAT(load_schemas({}, k_schemas), IsEmpty());
}

TEST(LoadSchemas, ReadsTheRefBelowTheSchemaPathWithItsReferences) {
  const std::vector<LoadedSchema> loaded =
      load_schemas({value_of("acme.shop.orders", "refs/acme.shop.Order.avsc")}, k_schemas);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].path, k_schemas + "/refs/acme.shop.Order.avsc");
  ASSERT_TRUE(loaded[0].files.has_value()) << loaded[0].files.error().message;
  EXPECT_THAT(full_names(loaded[0]),
              ElementsAre("acme.shared.Currency", "acme.shop.Item", "acme.shop.Order"));
}

TEST(LoadSchemas, KeepsTheRequestItAnswers) {
  const SchemaRequest request{.topic = "acme.shop.orders",
                              .role = SchemaRole::key,
                              .ref = "refs/Plain.avsc",
                              .lookup_strategy = "RecordNameStrategy",
                              .where = {"spec.yaml", 9, 11}};
  const std::vector<LoadedSchema> loaded = load_schemas({request}, k_schemas);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].request.topic, "acme.shop.orders");
  EXPECT_EQ(loaded[0].request.role, SchemaRole::key);
  EXPECT_EQ(loaded[0].request.ref, "refs/Plain.avsc");
  EXPECT_EQ(loaded[0].request.lookup_strategy, "RecordNameStrategy");
  EXPECT_EQ(loaded[0].request.where, (SourceLocation{"spec.yaml", 9, 11}));
}

TEST(LoadSchemas, WithoutASchemaPathReadsTheRefAsIs) {
  const std::string ref = k_schemas + "/refs/Plain.avsc";
  const std::vector<LoadedSchema> loaded = load_schemas({value_of("acme.shop.a", ref)}, "");
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].path, ref);
  EXPECT_THAT(full_names(loaded[0]), ElementsAre("Other", "Plain"));
}

TEST(LoadSchemas, JoinsSchemaPathAndRefWithAPlainSlash) {
  // Part B §5.1: "/app" + "/x.avsc" reads "/app//x.avsc", which the file system accepts.
  const std::vector<LoadedSchema> loaded =
      load_schemas({value_of("acme.shop.a", "/refs/Plain.avsc")}, k_schemas);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].path, k_schemas + "//refs/Plain.avsc");
  EXPECT_THAT(full_names(loaded[0]), ElementsAre("Other", "Plain"));
}

TEST(LoadSchemas, AFileUsedTwiceGivesBothRequestsTheSameSchemas) {
  const std::vector<LoadedSchema> loaded = load_schemas(
      {value_of("acme.shop.a", "refs/Plain.avsc"), value_of("acme.shop.b", "refs/Plain.avsc")},
      k_schemas);
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].request.topic, "acme.shop.a");
  EXPECT_EQ(loaded[1].request.topic, "acme.shop.b");
  EXPECT_EQ(loaded[0].path, loaded[1].path);
  ASSERT_TRUE(loaded[0].files.has_value());
  EXPECT_EQ(loaded[0].files, loaded[1].files);
}

TEST(LoadSchemas, ABadFileIsRecordedOnItsRequestAndHidesNoOther) {
  const std::vector<LoadedSchema> loaded =
      load_schemas({value_of("acme.shop.a", "errors/does.not.Exist.avsc"),
                    value_of("acme.shop.b", "errors/invalid.avsc"),
                    value_of("acme.shop.c", "refs/Plain.avsc")},
                   k_schemas);
  ASSERT_EQ(loaded.size(), 3u);

  ASSERT_FALSE(loaded[0].files.has_value());
  EXPECT_EQ(loaded[0].files.error().code, ErrorCode::not_found);
  EXPECT_THAT(loaded[0].files.error().message,
              HasSubstr(k_schemas + "/errors/does.not.Exist.avsc"));

  ASSERT_FALSE(loaded[1].files.has_value());
  EXPECT_EQ(loaded[1].files.error().code, ErrorCode::invalid_input);

  EXPECT_THAT(full_names(loaded[2]), ElementsAre("Other", "Plain"));
}

} // namespace
} // namespace specmesh::schema
