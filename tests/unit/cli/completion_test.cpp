// The scripts' content; tests/cli/completion_test.sh runs them in bash and zsh.
#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <string>

namespace specmesh::cli {
namespace {

std::string script_for(const std::string& shell) {
  CLI::App app{"test", "specmesh"};
  CommandOptions options;
  register_commands(app, options);
  return completion_script(app, shell);
}

TEST(CompletionTest, BashOffersEveryRegisteredCommand) {
  const std::string script = script_for("bash");
  EXPECT_NE(script.find("compgen -W \"validate plan provision local export flatten storage "
                        "consumption version completion --help --version\""),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("complete -o filenames -F _specmesh specmesh"), std::string::npos);
}

TEST(CompletionTest, BashCompletesFilesAfterSpecIncludingItsLegacySpelling) {
  const std::string script = script_for("bash");
  EXPECT_NE(script.find("--spec|-spec) COMPREPLY=($(compgen -f -- \"$cur\"))"), std::string::npos)
      << script;
  EXPECT_NE(script.find("--schema-path|-schemaPath) COMPREPLY=($(compgen -d"), std::string::npos);
  EXPECT_NE(script.find("--output|-o) COMPREPLY=($(compgen -W \"text json yaml github sarif\""),
            std::string::npos);
}

TEST(CompletionTest, ANewOptionCompletesWithoutAnyEditHere) {
  CLI::App app{"test", "specmesh"};
  CLI::App* command = app.add_subcommand("frob", "Frobnicate. More text.");
  std::string value;
  command->add_option("--widget", value, "A widget")->type_name("FILE");
  const std::string bash = completion_script(app, "bash");
  EXPECT_NE(bash.find("    frob)\n"), std::string::npos) << bash;
  EXPECT_NE(bash.find("--widget) COMPREPLY=($(compgen -f"), std::string::npos) << bash;
  const std::string zsh = completion_script(app, "zsh");
  EXPECT_NE(zsh.find("'frob:Frobnicate'"), std::string::npos) << zsh;
  EXPECT_NE(zsh.find("'--widget[A widget]:file:_files'"), std::string::npos) << zsh;
}

TEST(CompletionTest, ZshEscapesDescriptionsAndRepeatsTheRepeatable) {
  const std::string script = script_for("zsh");
  EXPECT_TRUE(script.starts_with("#compdef specmesh\n"));
  EXPECT_NE(script.find("'*-D[key=value, repeatable\\: specmesh.public|protected|private=MARKER"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("'--spec[AsyncAPI spec file (YAML or JSON), - for standard input "
                        "\\[required\\]]:file:_files'"),
            std::string::npos);
}

} // namespace
} // namespace specmesh::cli
