#include "print_diagnostic.hpp"
#include "schema/protobuf_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace specmesh::schema {
namespace {

using ::testing::HasSubstr;

/// Writes `text` as `name` in a fresh directory and returns its path.
std::string proto_file(const std::string& name, const std::string& text) {
  const std::filesystem::path directory =
      std::filesystem::path(::testing::TempDir()) / "protobuf_check";
  std::filesystem::create_directories(directory);
  const std::filesystem::path path = directory / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(CheckProtobuf, AcceptsAFileThatImportsAWellKnownType) {
  const std::string path = proto_file("ok.proto", R"(syntax = "proto3";
import "google/protobuf/timestamp.proto";
message Event { google.protobuf.Timestamp at = 1; }
)");

  const Result<void> checked = check_protobuf(path, {});

  EXPECT_TRUE(checked.has_value()) << checked.error().message;
}

TEST(CheckProtobuf, ReportsASyntaxErrorWithOneBasedLineAndColumn) {
  const std::string path =
      proto_file("syntax.proto", "syntax = \"proto3\";\nmessage M {\n  int32 x = ;\n}\n");

  const Result<void> checked = check_protobuf(path, {});

  ASSERT_FALSE(checked.has_value());
  ASSERT_EQ(checked.error().diagnostics.size(), 1u);
  EXPECT_EQ(checked.error().diagnostics[0].where, (SourceLocation{path, 3, 13}));
  EXPECT_EQ(checked.error().diagnostics[0].message, "Expected field number.");
}

TEST(CheckProtobuf, ReportsAnUndefinedTypeAtItsUse) {
  const std::string path =
      proto_file("undefined.proto", "syntax = \"proto3\";\nmessage M {\n  Nope x = 1;\n}\n");

  const Result<void> checked = check_protobuf(path, {});

  ASSERT_FALSE(checked.has_value());
  ASSERT_EQ(checked.error().diagnostics.size(), 1u);
  EXPECT_EQ(checked.error().diagnostics[0].where, (SourceLocation{path, 3, 3}));
  EXPECT_THAT(checked.error().diagnostics[0].message, HasSubstr("\"Nope\" is not defined"));
}

} // namespace
} // namespace specmesh::schema
