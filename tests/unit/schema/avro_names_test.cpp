#include "schema/avro_names.hpp"

#include <gtest/gtest.h>

namespace specmesh::schema {
namespace {

TEST(AvroNames, KnowsTheTypeKeywords) {
  EXPECT_TRUE(is_avro_keyword("long"));
  EXPECT_TRUE(is_avro_keyword("fixed"));
  EXPECT_FALSE(is_avro_keyword("Long"));
  EXPECT_FALSE(is_avro_keyword("acme.Order"));
}

TEST(AvroNames, QualifiesOnlyUndottedNamesWithTheNamespace) {
  EXPECT_EQ(qualify("Item", "acme.shop"), "acme.shop.Item");
  EXPECT_EQ(qualify("acme.shared.Currency", "acme.shop"), "acme.shared.Currency");
  EXPECT_EQ(qualify("Item", ""), "Item");
}

TEST(AvroNames, NamesARecordByItsOwnOrItsEnclosingNamespace) {
  const auto own =
      named_type(Json::parse(R"({"type": "record", "name": "A", "namespace": "n"})"), "outer");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->full_name, "n.A");

  const auto inherited = named_type(Json::parse(R"({"type": "enum", "name": "E"})"), "outer");
  ASSERT_TRUE(inherited.has_value());
  EXPECT_EQ(inherited->full_name, "outer.E");

  const auto dotted =
      named_type(Json::parse(R"({"type": "fixed", "name": "x.F", "namespace": "n"})"), "");
  ASSERT_TRUE(dotted.has_value());
  EXPECT_EQ(dotted->name_space, "x");
}

TEST(AvroNames, DoesNotNameUnnamedOrUnnamableTypes) {
  EXPECT_FALSE(named_type(Json::parse(R"({"type": "record"})"), "n").has_value());
  EXPECT_FALSE(named_type(Json::parse(R"({"type": "array", "name": "A"})"), "n").has_value());
  EXPECT_EQ(kind_of(Json::parse(R"("string")")), "");
  EXPECT_EQ(string_member(Json::parse(R"({"name": 3})"), "name"), "");
}

} // namespace
} // namespace specmesh::schema
