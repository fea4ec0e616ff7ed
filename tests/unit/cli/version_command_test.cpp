#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

namespace specmesh::cli {
namespace {

TEST(VersionTest, SpecmeshTheCommitAndEachLibraryOnALine) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
  env.library_versions = {{"librdkafka", "2.8.0"}, {"libcurl", "7.88.1"}};
  const std::string text = version_text(env);
  EXPECT_TRUE(std::regex_match(text,
                               std::regex("specmesh [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit "
                                          "([0-9a-f]{7,}|unknown)\\)\n"
                                          "librdkafka 2\\.8\\.0\n"
                                          "libcurl 7\\.88\\.1\n")))
      << text;
  EXPECT_TRUE(text.starts_with("specmesh " + specmesh_version() + " "));
}

TEST(VersionTest, VersionAndDashDashVersionPrintTheSame) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
  env.library_versions = {{"librdkafka", "2.8.0"}};
  ASSERT_EQ(run({"version"}, env), k_exit_ok);
  const std::string by_command = out.str();
  out.str("");
  ASSERT_EQ(run({"--version"}, env), k_exit_ok);
  EXPECT_EQ(out.str(), by_command);
  EXPECT_EQ(by_command, version_text(env));
  EXPECT_EQ(err.str(), "");
}

} // namespace
} // namespace specmesh::cli
