#include "cli/validation_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace specmesh::cli {
namespace {

ValidationReport report_with_problems() {
  ValidationReport report{.spec = "specs/x.yaml"};
  report.findings.push_back({Severity::error, "spec", {{"specs/x.yaml", 3, 5}, "missing 'id'"}});
  report.findings.push_back(
      {Severity::error, "schema", {{"/data/dir a/s.avsc", 0, 0}, "cannot be read"}});
  report.findings.push_back(
      {Severity::warning, "spec", {{"specs/x.yaml", 9, 1}, "unknown key 'publsh'"}});
  return report;
}

TEST(ValidationReportTest, WarningsDoNotMakeASpecInvalid) {
  ValidationReport report{.spec = "s.yaml"};
  report.findings.push_back({Severity::warning, "spec", {{"s.yaml", 1, 1}, "w"}});
  EXPECT_TRUE(report.valid());
  report.findings.push_back({Severity::error, "spec", {{"s.yaml", 1, 1}, "e"}});
  EXPECT_FALSE(report.valid());
}

TEST(ValidationReportTest, JsonListsEveryFindingAndCounts) {
  const nlohmann::json json = nlohmann::json::parse(render_report_json(report_with_problems()));
  EXPECT_EQ(json["spec"], "specs/x.yaml");
  EXPECT_EQ(json["valid"], false);
  ASSERT_EQ(json["diagnostics"].size(), 3U);
  EXPECT_EQ(json["diagnostics"][0],
            nlohmann::json::parse(R"({"severity": "error", "file": "specs/x.yaml", "line": 3,
                                      "column": 5, "message": "missing 'id'"})"));
  EXPECT_FALSE(json["diagnostics"][1].contains("line")) << "an unknown line is left out";
  EXPECT_EQ(json["diagnostics"][2]["severity"], "warning");
  EXPECT_EQ(json["summary"]["errors"], 2);
  EXPECT_EQ(json["summary"]["warnings"], 1);
}

TEST(ValidationReportTest, GithubCommandsEscapeMessagesAndProperties) {
  ValidationReport report{.spec = "a,b:c.yaml"};
  report.findings.push_back(
      {Severity::error, "spec", {{"a,b:c.yaml", 2, 7}, "100% wrong:\nsee, here\r"}});
  report.findings.push_back({Severity::warning, "spec", {{"a.yaml", 0, 0}, "w"}});
  EXPECT_EQ(render_report_github(report),
            "::error file=a%2Cb%3Ac.yaml,line=2,col=7::100%25 wrong:%0Asee, here%0D\n"
            "::warning file=a.yaml::w\n");
}

TEST(ValidationReportTest, SarifIsAMinimalValidLog) {
  const nlohmann::json sarif =
      nlohmann::json::parse(render_report_sarif(report_with_problems(), "1.2.3"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  const nlohmann::json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "specmesh");
  EXPECT_EQ(run["tool"]["driver"]["version"], "1.2.3");
  EXPECT_TRUE(run["tool"]["driver"]["informationUri"].is_string());
  ASSERT_EQ(run["results"].size(), 3U);
  const nlohmann::json& first = run["results"][0];
  EXPECT_EQ(first["ruleId"], "spec");
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(first["message"]["text"], "missing 'id'");
  const nlohmann::json& location = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "specs/x.yaml");
  EXPECT_EQ(location["region"]["startLine"], 3);
  EXPECT_EQ(location["region"]["startColumn"], 5);
  const nlohmann::json& second = run["results"][1]["locations"][0]["physicalLocation"];
  EXPECT_EQ(second["artifactLocation"]["uri"], "file:///data/dir%20a/s.avsc");
  EXPECT_FALSE(second.contains("region")) << "no line, no region";
  EXPECT_EQ(run["results"][2]["level"], "warning");
}

} // namespace
} // namespace specmesh::cli
