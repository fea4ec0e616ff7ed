#include "spec/valijson_formats.hpp"

#include <gtest/gtest.h>

namespace specmesh::spec {
namespace {

TEST(RemoveFormatKeywords, RemovesFormatsAndKeepsDataAndPropertiesNamedFormat) {
  nlohmann::json schema = nlohmann::json::parse(R"({
    "type": "string", "format": "uri",
    "properties": {"format": {"type": "string", "format": "email"}},
    "items": [{"format": "date-time"}],
    "default": {"format": "kept"}, "examples": [{"format": "kept"}],
    "enum": [{"format": "kept"}], "const": {"format": "kept"}
  })");

  remove_format_keywords(schema);

  EXPECT_EQ(schema, nlohmann::json::parse(R"({
    "type": "string",
    "properties": {"format": {"type": "string"}},
    "items": [{}],
    "default": {"format": "kept"}, "examples": [{"format": "kept"}],
    "enum": [{"format": "kept"}], "const": {"format": "kept"}
  })"));
}

} // namespace
} // namespace specmesh::spec
