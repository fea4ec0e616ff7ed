#include "../temp_dir.hpp"
#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace specmesh::cli {
namespace {

using unit::TempDir;

/// Every command registered as `specmesh` registers it, one of them parsed from `args`.
class ParsedCommandLine {
public:
  CLI::App& parse(std::vector<std::string> args) {
    std::reverse(args.begin(), args.end()); // CLI11 takes its vector back to front
    m_app.parse(args);
    return *m_app.get_subcommand(m_app.get_subcommands().front()->get_name());
  }

  CommandOptions options;
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};

private:
  CLI::App m_app{"specmesh"};
  std::vector<Command> m_commands = register_commands(m_app, options);
};

class ApplyPropertiesFileTest : public ::testing::Test {
protected:
  /// `specmesh <command> <args...> -D provision.properties=<file with text>`.
  Result<void> apply(const std::string& text, std::vector<std::string> args = {"provision"}) {
    m_file = m_dir.write("provision.properties", text);
    args.insert(args.end(), {"-D", "provision.properties=" + m_file});
    return apply_properties_file(m_command_line.parse(args), options(), m_command_line.env);
  }
  const CommandOptions& options() const { return m_command_line.options; }
  std::string err() const { return m_command_line.err.str(); }
  const std::string& file() const { return m_file; }

private:
  TempDir m_dir;
  std::string m_file;
  ParsedCommandLine m_command_line;
};

TEST_F(ApplyPropertiesFileTest, KeysWithDotsSupplyTheOptionsOfTheirDashedNames) {
  ASSERT_TRUE(apply("bootstrap.server=kafka:9092\n"
                    "spec=/app/api.yaml\n"
                    "schema.registry=http://schema-registry:8081\n"
                    "schema.path=/app\n"
                    "username=admin\n"
                    "secret=admin-secret\n"
                    "sr.api.key=key\n"
                    "sr.api.secret=sr-secret\n"
                    "dry.run=true\n"
                    "clean.unspecified=true\n"
                    "acl.disabled=true\n"
                    "sr.disabled=true\n"
                    "domain.user=sa-x\n"
                    "partition.count.factor=0.5\n"
                    "original.acls=true\n"
                    "timeout=7.5\n"));
  EXPECT_EQ(options().bootstrap_servers, "kafka:9092");
  EXPECT_EQ(options().spec_path, "/app/api.yaml");
  EXPECT_EQ(options().schema_registry, "http://schema-registry:8081");
  EXPECT_EQ(options().schema_path, "/app");
  EXPECT_EQ(options().username, "admin");
  EXPECT_EQ(options().secret, "admin-secret");
  EXPECT_EQ(options().sr_api_key, "key");
  EXPECT_EQ(options().sr_api_secret, "sr-secret");
  EXPECT_TRUE(options().dry_run);
  EXPECT_TRUE(options().clean_unspecified);
  EXPECT_TRUE(options().acl_disabled);
  EXPECT_TRUE(options().sr_disabled);
  EXPECT_EQ(options().domain_user, "sa-x");
  EXPECT_DOUBLE_EQ(options().partition_count_factor, 0.5);
  EXPECT_TRUE(options().original_acls);
  EXPECT_DOUBLE_EQ(options().timeout_seconds, 7.5);
  EXPECT_EQ(err(), "");
}

TEST_F(ApplyPropertiesFileTest, TheCommandLineWins) {
  ASSERT_TRUE(apply("spec=from-file.yaml\nusername=file-user\ndomain.user=file-du\n",
                    {"provision", "--spec", "cli.yaml", "-u", "cli-user"}));
  EXPECT_EQ(options().spec_path, "cli.yaml");
  EXPECT_EQ(options().username, "cli-user");
  EXPECT_EQ(options().domain_user, "file-du"); // not on the command line
}

TEST_F(ApplyPropertiesFileTest, CommentsBlankLinesAndSurroundingBlanksAreSkipped) {
  ASSERT_TRUE(apply("# a comment\n"
                    "! also a comment\n"
                    "\n"
                    "   \t\n"
                    "  # an indented comment=with an equals sign\n"
                    "  username  =  admin  \n"
                    "\tspec=api.yaml\t\n"));
  EXPECT_EQ(options().username, "admin");
  EXPECT_EQ(options().spec_path, "api.yaml");
  EXPECT_EQ(err(), "");
}

TEST_F(ApplyPropertiesFileTest, CrlfLineEndingsLeaveNoCarriageReturnInValues) {
  ASSERT_TRUE(apply("# written on Windows\r\nspec=api.yaml\r\ndry.run=true\r\n\r\nusername=u\r\n"));
  EXPECT_EQ(options().spec_path, "api.yaml");
  EXPECT_TRUE(options().dry_run);
  EXPECT_EQ(options().username, "u");
}

TEST_F(ApplyPropertiesFileTest, TheValueIsEverythingAfterTheFirstSeparator) {
  ASSERT_TRUE(apply("secret=a=b==c\n"
                    "schema.registry=http://registry:8081/apis?x=1\n"
                    "username: colon-user\n"
                    "domain.user=User:sa-x\n"));
  EXPECT_EQ(options().secret, "a=b==c");
  EXPECT_EQ(options().schema_registry, "http://registry:8081/apis?x=1");
  EXPECT_EQ(options().username, "colon-user"); // Java properties also separate with ':'
  EXPECT_EQ(options().domain_user, "User:sa-x");
}

TEST_F(ApplyPropertiesFileTest, UnknownKeysAreIgnoredWithANoteNamingFileAndLine) {
  ASSERT_TRUE(apply("acl.enabled=true\nspec=api.yaml\nsasl.password=hunter2\n"));
  EXPECT_EQ(options().spec_path, "api.yaml");
  EXPECT_EQ(err(),
            "specmesh: " + file() + ":1: ignoring 'acl.enabled': no such option of 'provision'\n"
                + "specmesh: " + file()
                + ":3: ignoring 'sasl.password': no such option of 'provision'\n");
  EXPECT_EQ(err().find("hunter2"), std::string::npos) << "values are never echoed";
}

TEST_F(ApplyPropertiesFileTest, OnlyTheOptionsOfTheRunningCommandAreKnown) {
  // `export` has no --spec: the same file serves several commands.
  ASSERT_TRUE(apply("spec=api.yaml\ndomain.id=acme.shop\n", {"export"}));
  EXPECT_EQ(options().spec_path, "");
  EXPECT_EQ(options().domain_id, "acme.shop");
  EXPECT_EQ(err(), "specmesh: " + file() + ":1: ignoring 'spec': no such option of 'export'\n");
}

TEST_F(ApplyPropertiesFileTest, AFlagIsTrueOrFalse) {
  ASSERT_TRUE(apply("dry.run=false\nsr.disabled=true\n"));
  EXPECT_FALSE(options().dry_run);
  EXPECT_TRUE(options().sr_disabled);
}

TEST_F(ApplyPropertiesFileTest, AKeysLastLineWinsAsInJavaProperties) {
  ASSERT_TRUE(apply("domain.user=first\n"
                    "dry.run=true\n"
                    "sr.disabled=false\n"
                    "domain.user=last\n"
                    "dry.run=false\n"
                    "sr.disabled=true\n"
                    "spec=file.yaml\n"
                    "spec=file-again.yaml\n",
                    {"provision", "--spec", "cli.yaml"}));
  EXPECT_EQ(options().domain_user, "last");
  EXPECT_FALSE(options().dry_run);
  EXPECT_TRUE(options().sr_disabled);
  EXPECT_EQ(options().spec_path, "cli.yaml") << "the command line still wins";
}

TEST_F(ApplyPropertiesFileTest, AnyOtherFlagValueIsAnErrorAtItsLine) {
  const Result<void> applied = apply("spec=api.yaml\n\ndry.run=yes\nusername=u\n");
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(applied.error().message, file() + ":3: 'dry.run' must be true or false")
      << "the key as the file writes it";
  EXPECT_EQ(options().username, "") << "nothing after the bad line is applied";
}

TEST_F(ApplyPropertiesFileTest, AValueTheOptionRejectsIsAnErrorAtItsLine) {
  for (const char* line : {"partition.count.factor=half", "timeout=soon", "output=xml"}) {
    const Result<void> applied = apply(std::string("# c\n") + line + "\n");
    ASSERT_FALSE(applied) << line;
    EXPECT_EQ(applied.error().code, ErrorCode::invalid_input);
    EXPECT_TRUE(applied.error().message.starts_with(file() + ":2: ")) << applied.error().message;
    EXPECT_EQ(applied.error().message.find('\n'), std::string::npos) << "one line";
  }
}

TEST_F(ApplyPropertiesFileTest, AMissingNamedFileIsANoteNotAnError) {
  ParsedCommandLine command_line;
  const std::string missing = TempDir().path("absent.properties");
  CLI::App& provision = command_line.parse({"provision", "-D", "provision.properties=" + missing});
  ASSERT_TRUE(apply_properties_file(provision, command_line.options, command_line.env));
  EXPECT_EQ(command_line.err.str(),
            "specmesh: note: properties file '" + missing
                + "' not found; using the command line only\n");
}

TEST_F(ApplyPropertiesFileTest, TheLastNamedFileIsTheOneRead) {
  TempDir dir;
  const std::string first = dir.write("first.properties", "spec=first.yaml\n");
  const std::string last = dir.write("last.properties", "spec=last.yaml\n");
  ParsedCommandLine command_line;
  CLI::App& plan = command_line.parse(
      {"plan", "-D", "provision.properties=" + first, "-D", "provision.properties=" + last});
  ASSERT_TRUE(apply_properties_file(plan, command_line.options, command_line.env));
  EXPECT_EQ(command_line.options.spec_path, "last.yaml");
}

/// Runs in a directory of its own: ./provision.properties is the default file.
class DefaultPropertiesFileTest : public ::testing::Test {
protected:
  void SetUp() override { std::filesystem::current_path(m_dir.path()); }
  void TearDown() override { std::filesystem::current_path(m_saved); }

  TempDir m_dir;

private:
  std::filesystem::path m_saved = std::filesystem::current_path();
};

TEST_F(DefaultPropertiesFileTest, IsReadFromTheWorkingDirectory) {
  m_dir.write("provision.properties", "spec=here.yaml\n");
  ParsedCommandLine command_line;
  ASSERT_TRUE(apply_properties_file(
      command_line.parse({"provision"}), command_line.options, command_line.env));
  EXPECT_EQ(command_line.options.spec_path, "here.yaml");
}

TEST_F(DefaultPropertiesFileTest, WhenAbsentNothingIsSaid) {
  ParsedCommandLine command_line;
  ASSERT_TRUE(apply_properties_file(command_line.parse({"provision", "--spec", "a.yaml"}),
                                    command_line.options,
                                    command_line.env));
  EXPECT_EQ(command_line.options.spec_path, "a.yaml");
  EXPECT_EQ(command_line.err.str(), "");
}

TEST(PropertyTest, TheLastValueOfTheKeyWins) {
  const CommandOptions options{.properties = {"a=1", "b=2", "a=3=4", "flag"}};
  EXPECT_EQ(property(options, "a"), "3=4");
  EXPECT_EQ(property(options, "b"), "2");
  EXPECT_EQ(property(options, "flag"), "") << "-Dk: an empty value (Part B §6.1)";
  EXPECT_EQ(property(options, "c"), std::nullopt);
  EXPECT_EQ(property(options, "A"), std::nullopt) << "keys are case-sensitive";
}

TEST(CheckSpecGivenTest, NamesTheCommandWhoseHelpToSee) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
  EXPECT_FALSE(check_spec_given(CommandOptions{}, "plan", env));
  EXPECT_EQ(err.str(), "specmesh: --spec is required (see 'specmesh plan --help')\n");

  err.str("");
  EXPECT_TRUE(check_spec_given(CommandOptions{.spec_path = "a.yaml"}, "provision", env));
  EXPECT_EQ(err.str(), "");
  EXPECT_EQ(out.str(), "");
}

} // namespace
} // namespace specmesh::cli
