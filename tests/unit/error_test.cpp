#include <specmesh/error.hpp>

#include <gtest/gtest.h>

namespace specmesh {
namespace {

TEST(Diagnostic, PrintsFileLineAndColumnCompilerStyle) {
  const Diagnostic diagnostic{{"spec.yaml", 12, 5}, "channel has no operation"};
  EXPECT_EQ(diagnostic.to_string(), "spec.yaml:12:5: channel has no operation");
}

TEST(Diagnostic, PrintsOnlyTheFileWhenThePositionIsUnknown) {
  const Diagnostic diagnostic{{"spec.yaml", 0, 0}, "file is empty"};
  EXPECT_EQ(diagnostic.to_string(), "spec.yaml: file is empty");
}

TEST(Diagnostic, AKnownLineWithoutAColumnStillPrintsBoth) {
  const Diagnostic diagnostic{{"spec.yaml", 3, 0}, "duplicate key"};
  EXPECT_EQ(diagnostic.to_string(), "spec.yaml:3:0: duplicate key");
}

TEST(Diagnostic, PrintsOnlyTheMessageWithoutAFile) {
  const Diagnostic diagnostic{{}, "no spec given"};
  EXPECT_EQ(diagnostic.to_string(), "no spec given");
}

TEST(Diagnostic, AWarningSaysSo) {
  const Diagnostic warning{
      {"spec.yaml", 4, 3}, "unknown key 'publsh'", Diagnostic::Severity::warning};
  EXPECT_EQ(warning.to_string(), "spec.yaml:4:3: warning: unknown key 'publsh'");
  EXPECT_NE(warning, (Diagnostic{{"spec.yaml", 4, 3}, "unknown key 'publsh'"}));
}

TEST(Fail, MakesAnErrorValueWithCodeAndMessage) {
  const Result<int> result = fail(ErrorCode::not_found, "topic 'x' not found");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
  EXPECT_EQ(result.error().message, "topic 'x' not found");
  EXPECT_TRUE(result.error().diagnostics.empty());
}

TEST(Error, EqualWhenCodeMessageAndDiagnosticsAre) {
  const Error error{ErrorCode::invalid_spec, "spec.yaml: 1 problem", {{{"spec.yaml", 1, 2}, "x"}}};
  EXPECT_EQ(error,
            (Error{ErrorCode::invalid_spec, "spec.yaml: 1 problem", {{{"spec.yaml", 1, 2}, "x"}}}));
  EXPECT_NE(
      error,
      (Error{ErrorCode::invalid_input, "spec.yaml: 1 problem", {{{"spec.yaml", 1, 2}, "x"}}}));
  EXPECT_NE(error, (Error{ErrorCode::invalid_spec, "other", {{{"spec.yaml", 1, 2}, "x"}}}));
  EXPECT_NE(error,
            (Error{ErrorCode::invalid_spec, "spec.yaml: 1 problem", {{{"spec.yaml", 1, 3}, "x"}}}));
  EXPECT_NE(error, (Error{ErrorCode::invalid_spec, "spec.yaml: 1 problem", {}}));
}

} // namespace
} // namespace specmesh
