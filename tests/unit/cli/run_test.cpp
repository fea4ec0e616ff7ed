// What cli::run does around the commands that the golden cases (tests/cli) do not show: the
// one top-level catch and where provision.properties applies.
#include "../temp_dir.hpp"

#include <specmesh/cli/run.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace specmesh::cli {
namespace {

using unit::TempDir;

const std::string k_worked_example = std::string(SPECMESH_TEST_DATA) + "/specs/worked-example.yaml";

class RunTest : public ::testing::Test {
protected:
  int run(const std::vector<std::string>& args) { return cli::run(args, env); }

  std::ostringstream out;
  std::ostringstream err;
  std::optional<kafka::Connection> connected; ///< what the command connected with, if it did
  Environment env{out, err, [this](const kafka::Connection& connection) {
                    connected = connection;
                    return Result<std::unique_ptr<ports::KafkaAdmin>>(
                        fail(ErrorCode::unavailable, "stopped by the test"));
                  }};
  TempDir dir;
};

TEST_F(RunTest, AnExceptionInsideACommandIsOneLineAndExitOne) {
  env.connect_kafka = [](const kafka::Connection&) -> Result<std::unique_ptr<ports::KafkaAdmin>> {
    throw std::runtime_error("boom");
  };
  EXPECT_EQ(run({"storage", "--bootstrap-server", "broker:9092", "--spec", k_worked_example}),
            k_exit_error);
  EXPECT_EQ(err.str(), "specmesh: internal error: boom\n");
  EXPECT_EQ(out.str(), "");
}

TEST_F(RunTest, ThePropertiesFileSuppliesWhatTheCommandLineLeavesOut) {
  const std::string file = dir.write("provision.properties",
                                     "bootstrap.server=from-file:9092\n"
                                     "username=file-user\n"
                                     "spec=/not/this.yaml\n");
  EXPECT_EQ(run({"storage",
                 "-bs",
                 "cli:9092",
                 "-spec",
                 k_worked_example,
                 "-Dprovision.properties=" + file,
                 "-D",
                 "linger.ms=5"}),
            k_exit_error);
  EXPECT_EQ(err.str(), "specmesh: stopped by the test\n");
  ASSERT_TRUE(connected);
  EXPECT_EQ(connected->bootstrap_servers, "cli:9092");
  EXPECT_EQ(connected->username, "file-user");
  EXPECT_EQ(connected->properties.at("linger.ms"), "5");
}

TEST_F(RunTest, ABadPropertiesFileStopsTheCommandBeforeItRuns) {
  const std::string file = dir.write("bad.properties", "timeout=soon\n");
  EXPECT_EQ(run({"storage",
                 "--bootstrap-server",
                 "broker:9092",
                 "--spec",
                 k_worked_example,
                 "-D",
                 "provision.properties=" + file}),
            k_exit_error);
  const std::string printed = err.str();
  EXPECT_TRUE(printed.starts_with("specmesh: " + file + ":1: ")) << printed;
  EXPECT_EQ(printed.find('\n'), printed.size() - 1) << "one line: " << printed;
  EXPECT_FALSE(connected);
}

TEST_F(RunTest, CommandsWithoutKafkaIgnoreThePropertiesFile) {
  const std::string file = dir.write("provision.properties", "spec=/not/this.yaml\n");
  EXPECT_EQ(run({"validate", "--spec", k_worked_example, "-D", "provision.properties=" + file}),
            k_exit_ok);
  EXPECT_EQ(err.str(), "");
}

TEST_F(RunTest, AValueSpelledLikeAnOriginalFlagIsTheOptionsValue) {
  EXPECT_EQ(run({"plan", "--offline", "-spec", k_worked_example, "-du", "-aclDisabled"}),
            k_exit_changes);
  EXPECT_NE(out.str().find("User:-aclDisabled "), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("ACLs (18 in spec scope)"), std::string::npos) << "ACLs not disabled";
  EXPECT_EQ(err.str(), "");
}

} // namespace
} // namespace specmesh::cli
