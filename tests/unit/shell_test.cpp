#include <specmesh/shell.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace specmesh {
namespace {

namespace fs = std::filesystem;

TEST(ShellQuotedTest, QuotesSoTheShellSeesTheTextAsIs) {
  EXPECT_EQ(shell_quoted("a b"), "'a b'");
  EXPECT_EQ(shell_quoted("it's"), "'it'\\''s'");
  EXPECT_EQ(capture_output("printf %s " + shell_quoted("$HOME 'x' `y`")).out, "$HOME 'x' `y`");
}

TEST(CaptureOutputTest, StandardOutputAndExitCode) {
  const CommandOutput done = capture_output("echo hello; echo ignored >&2; exit 3");
  EXPECT_EQ(done.out, "hello\n");
  EXPECT_EQ(done.exit_code, 3);
  EXPECT_EQ(capture_output("true").exit_code, 0);
}

TEST(CaptureOutputTest, ExitCodeOfAKilledCommandIsMinusOne) {
  EXPECT_EQ(capture_output("kill -9 $$").exit_code, -1);
  EXPECT_EQ(exit_code_of(-1), -1);
}

class FindLocalEnvScriptTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (const char* value = std::getenv("SPECMESH_LOCAL_ENV")) {
      m_saved = value;
    }
    ::unsetenv("SPECMESH_LOCAL_ENV");
  }
  void TearDown() override {
    if (m_saved) {
      ::setenv("SPECMESH_LOCAL_ENV", m_saved->c_str(), 1);
    } else {
      ::unsetenv("SPECMESH_LOCAL_ENV");
    }
  }

private:
  std::optional<std::string> m_saved;
};

TEST_F(FindLocalEnvScriptTest, TheFirstCandidateThatExists) {
  const fs::path missing = fs::temp_directory_path() / "specmesh-no-such-dir/local-env.sh";
  const fs::path first = fs::temp_directory_path();
  EXPECT_EQ(find_local_env_script({missing, first, fs::current_path()}), first);
  EXPECT_EQ(find_local_env_script({missing}), std::nullopt);
}

TEST_F(FindLocalEnvScriptTest, TheEnvironmentVariableWinsEvenIfMissing) {
  ::setenv("SPECMESH_LOCAL_ENV", "/elsewhere/local-env.sh", 1);
  EXPECT_EQ(find_local_env_script({fs::temp_directory_path()}),
            fs::path("/elsewhere/local-env.sh"));
}

TEST(ScriptBesideExecutableTest, IsUnderShareOfTheExecutablesPrefix) {
  const fs::path script = script_beside_executable();
  EXPECT_EQ(script.filename(), "local-env.sh");
  EXPECT_EQ(script.parent_path().filename(), "scripts");
}

} // namespace
} // namespace specmesh
