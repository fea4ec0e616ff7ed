#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace specmesh::cli {
namespace {

const std::string k_worked_example = std::string(SPECMESH_TEST_DATA) + "/specs/worked-example.yaml";

TEST(DesiredOptionsTest, WithoutOptionsTheNamingIsTheOriginals) {
  const Result<plan::DesiredOptions> desired = desired_options(CommandOptions{});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->naming, spec::NamingOptions{});
  EXPECT_EQ(desired->naming.delimiter, '.');
  EXPECT_EQ(desired->naming.public_marker, "_public");
  EXPECT_EQ(desired->domain_user, "");
  EXPECT_DOUBLE_EQ(desired->partition_count_factor, 1.0);
  EXPECT_EQ(desired->env, std::nullopt);
  EXPECT_FALSE(desired->original_acls);
}

TEST(DesiredOptionsTest, MarkerPropertiesRenameTheMarkers) {
  const Result<plan::DesiredOptions> desired = desired_options(
      {.properties = {"specmesh.public=pub", "specmesh.protected=prot", "specmesh.private=priv"}});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->naming.public_marker, "pub");
  EXPECT_EQ(desired->naming.protected_marker, "prot");
  EXPECT_EQ(desired->naming.private_marker, "priv");
  EXPECT_EQ(desired->naming.delimiter, '.');
}

TEST(DesiredOptionsTest, TheLastMarkerPropertyWinsAndAFlagWinsOverAnyProperty) {
  const Result<plan::DesiredOptions> desired =
      desired_options({.properties = {"specmesh.public=first",
                                      "specmesh.public=last",
                                      "specmesh.private=from-property"},
                       .public_marker = "",
                       .private_marker = "from-flag"});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->naming.public_marker, "last");
  EXPECT_EQ(desired->naming.protected_marker, "_protected");
  EXPECT_EQ(desired->naming.private_marker, "from-flag");
}

TEST(DesiredOptionsTest, MarkerFlagsAloneRenameTheMarkers) {
  const Result<plan::DesiredOptions> desired = desired_options(
      {.public_marker = "open", .protected_marker = "shared", .private_marker = "closed"});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->naming.public_marker, "open");
  EXPECT_EQ(desired->naming.protected_marker, "shared");
  EXPECT_EQ(desired->naming.private_marker, "closed");
}

TEST(DesiredOptionsTest, TheDelimiterIsOneCharacter) {
  const Result<plan::DesiredOptions> desired =
      desired_options({.properties = {"DELIMITER=-", "DELIMITER=:"}});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->naming.delimiter, ':');
}

TEST(DesiredOptionsTest, AnyOtherDelimiterIsAnErrorQuotingIt) {
  for (const char* entry : {"DELIMITER=::", "DELIMITER=", "DELIMITER"}) {
    const Result<plan::DesiredOptions> desired = desired_options({.properties = {entry}});
    ASSERT_FALSE(desired) << entry;
    EXPECT_EQ(desired.error().code, ErrorCode::invalid_input);
  }
  const Result<plan::DesiredOptions> two = desired_options({.properties = {"DELIMITER=ab"}});
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().message, "-D DELIMITER must be one character, got 'ab'");
}

TEST(DesiredOptionsTest, OtherPropertiesAndLookalikeKeysChangeNothing) {
  const Result<plan::DesiredOptions> desired =
      desired_options({.properties = {"security.protocol=SASL_SSL",
                                      "delimiter=:",
                                      "specmesh.public",
                                      "specmesh.publicity=x",
                                      "SPECMESH.PUBLIC=y"}});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->naming.delimiter, '.');
  EXPECT_EQ(desired->naming.public_marker, "") << "`-D specmesh.public` sets an empty marker";
}

TEST(DesiredOptionsTest, DomainUserFactorEnvAndOriginalAclsPassThrough) {
  const Result<plan::DesiredOptions> desired = desired_options({.domain_user = "sa-x",
                                                                .partition_count_factor = 0.25,
                                                                .env = "prod",
                                                                .original_acls = true});
  ASSERT_TRUE(desired);
  EXPECT_EQ(desired->domain_user, "sa-x");
  EXPECT_DOUBLE_EQ(desired->partition_count_factor, 0.25);
  EXPECT_EQ(desired->env, "prod");
  EXPECT_TRUE(desired->original_acls);
}

class LoadDesiredTest : public ::testing::Test {
protected:
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
};

TEST_F(LoadDesiredTest, TheSpecsDesiredStateUnderTheOptions) {
  const std::optional<plan::DesiredState> desired = load_desired(
      {.spec_path = k_worked_example, .properties = {"specmesh.public=zz"}}, false, env);
  ASSERT_TRUE(desired) << err.str();
  EXPECT_EQ(desired->scope.domain, "acme.shop");
  EXPECT_FALSE(desired->topics.empty());
  EXPECT_EQ(err.str(), "");
}

TEST_F(LoadDesiredTest, ABadDelimiterIsOneLineBeforeTheSpecIsRead) {
  const std::optional<plan::DesiredState> desired =
      load_desired({.spec_path = "/no/such/spec.yaml", .properties = {"DELIMITER=ab"}}, false, env);
  EXPECT_FALSE(desired);
  EXPECT_EQ(err.str(), "specmesh: -D DELIMITER must be one character, got 'ab'\n");
}

TEST_F(LoadDesiredTest, AFactorOutsideTheRangeIsOneLine) {
  for (const double factor : {0.0, 1.5, -1.0}) {
    err.str("");
    const std::optional<plan::DesiredState> desired =
        load_desired({.spec_path = k_worked_example, .partition_count_factor = factor}, false, env);
    EXPECT_FALSE(desired) << factor;
    const std::string printed = err.str();
    EXPECT_TRUE(printed.starts_with(
        "specmesh: --partition-count-factor must be more than 0 and at most 1, got "))
        << printed;
    EXPECT_EQ(printed.find('\n'), printed.size() - 1) << "one line: " << printed;
  }
}

TEST_F(LoadDesiredTest, AFactorErrorNamesTheFlagAsTheUserWroteIt) {
  CommandOptions options{.spec_path = k_worked_example, .partition_count_factor = 2};
  options.spelled_as["--partition-count-factor"] = "-pfc";
  EXPECT_FALSE(load_desired(options, false, env));
  EXPECT_EQ(err.str(),
            "specmesh: -pfc (--partition-count-factor) must be more than 0 and at most 1, got 2\n");
}

TEST_F(LoadDesiredTest, DashReadsTheSpecFromStandardInputNamedStdin) {
  std::istringstream in("asyncapi: '2.5.0'\nid: 'urn:acme.shop'\nchannels: {}\n");
  env.in = &in;
  const LoadedSpec loaded = load_spec({.spec_path = "-"}, false, env);
  ASSERT_TRUE(loaded.state) << err.str();
  EXPECT_EQ(loaded.state->scope.domain, "acme.shop");

  std::istringstream bad("id: 'urn:acme.shop'\nchannels: []\n");
  env.in = &bad;
  const LoadedSpec invalid = load_spec({.spec_path = "-"}, false, env);
  ASSERT_FALSE(invalid.state);
  ASSERT_FALSE(invalid.state.error().diagnostics.empty());
  EXPECT_EQ(invalid.state.error().diagnostics.front().where.file, "<stdin>");
}

TEST_F(LoadDesiredTest, DashWithoutStandardInputIsOneLine) {
  EXPECT_FALSE(load_desired({.spec_path = "-"}, false, env));
  EXPECT_EQ(err.str(), "specmesh: --spec -: this specmesh has no standard input\n");
}

TEST_F(LoadDesiredTest, VerboseTellsWhichFilesAreRead) {
  const std::string avro_spec = std::string(SPECMESH_TEST_DATA) + "/specs/good/avro-refs.yaml";
  CommandOptions options{.spec_path = avro_spec,
                         .schema_path = std::string(SPECMESH_TEST_DATA) + "/cli/refs"};
  options.verbose = true;
  ASSERT_TRUE(load_desired(options, true, env)) << err.str();
  EXPECT_TRUE(err.str().starts_with("specmesh: reading the spec " + avro_spec + "\n")) << err.str();
  EXPECT_NE(err.str().find("specmesh: read the schema "), std::string::npos) << err.str();

  err.str("");
  options.verbose = false;
  ASSERT_TRUE(load_desired(options, true, env));
  EXPECT_EQ(err.str(), "") << "without -v nothing";
}

TEST_F(LoadDesiredTest, AMissingSpecPrintsItsDiagnosticsAndASummary) {
  const std::optional<plan::DesiredState> desired =
      load_desired({.spec_path = "/no/such/spec.yaml"}, false, env);
  EXPECT_FALSE(desired);
  EXPECT_NE(err.str().find("/no/such/spec.yaml"), std::string::npos) << err.str();
  EXPECT_TRUE(err.str().ends_with("\n"));
  EXPECT_NE(err.str().rfind("specmesh: "), std::string::npos) << err.str();
}

TEST(FailWithTest, PrintsOneLineAndReturnsTheErrorExitCode) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
  EXPECT_EQ(fail_with(env, Error{.code = ErrorCode::unavailable, .message = "broker down"}),
            k_exit_error);
  EXPECT_EQ(err.str(), "specmesh: broker down\n");
  EXPECT_EQ(out.str(), "");
}

/// The commands `register_commands` registers that have option `name`.
std::set<std::string> commands_with(const std::string& name) {
  CommandOptions options;
  CLI::App app{"specmesh"};
  const std::vector<Command> commands = register_commands(app, options);
  std::set<std::string> names;
  for (const Command& command : commands) {
    if (command.app->get_option_no_throw(name) != nullptr) {
      names.insert(command.app->get_name());
    }
  }
  return names;
}

TEST(RegisterCommandsTest, EveryCommandIsRegisteredOnceWithItsRun) {
  CommandOptions options;
  CLI::App app{"specmesh"};
  const std::vector<Command> commands = register_commands(app, options);
  std::vector<std::string> names;
  for (const Command& command : commands) {
    ASSERT_NE(command.app, nullptr);
    EXPECT_TRUE(command.run) << command.app->get_name();
    EXPECT_EQ(app.get_subcommand(command.app->get_name()), command.app);
    names.push_back(command.app->get_name());
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"validate",
                                      "plan",
                                      "provision",
                                      "local",
                                      "export",
                                      "flatten",
                                      "storage",
                                      "consumption",
                                      "version",
                                      "completion"}));
}

TEST(RegisterCommandsTest, TheCommandsThatTalkToKafkaReadProvisionProperties) {
  // cli::run applies provision.properties to the commands with --bootstrap-server.
  const std::set<std::string> kafka{"plan", "provision", "export", "storage", "consumption"};
  EXPECT_EQ(commands_with("--bootstrap-server"), kafka);
  EXPECT_EQ(commands_with("--timeout"), kafka);
  EXPECT_EQ(commands_with("--secret"), kafka);
  EXPECT_EQ(commands_with("-u"), kafka);
}

TEST(RegisterCommandsTest, EveryCommandThatReadsASpecTakesProperties) {
  EXPECT_EQ(commands_with("--spec"),
            (std::set<std::string>{"validate", "plan", "provision", "storage", "consumption"}));
  EXPECT_EQ(commands_with("-D"),
            (std::set<std::string>{
                "validate", "plan", "provision", "export", "flatten", "storage", "consumption"}));
  EXPECT_EQ(commands_with("--partition-count-factor"),
            (std::set<std::string>{"plan", "provision"}));
  EXPECT_EQ(commands_with("--dry-run"), (std::set<std::string>{"provision"}));
  EXPECT_EQ(commands_with("--offline"), (std::set<std::string>{"plan"}));
}

TEST(AddOutputOptionTest, AcceptsTextOrJsonOnly) {
  CommandOptions options;
  CLI::App app{"cmd"};
  add_output_option(app, options);
  EXPECT_EQ(options.output, "text");
  app.parse("--output json", false);
  EXPECT_EQ(options.output, "json");
  EXPECT_THROW(app.parse("-o xml", false), CLI::ValidationError);
}

TEST(AddSpecOptionsTest, EachPropertyIsOneArgument) {
  CommandOptions options;
  CLI::App app{"cmd"};
  add_spec_options(app, options);
  app.allow_extras();
  app.parse("-D a=1 b=2 -Dc=3 --property d=4", false);
  EXPECT_EQ(options.properties, (std::vector<std::string>{"a=1", "c=3", "d=4"}));
  EXPECT_EQ(app.remaining(), (std::vector<std::string>{"b=2"}));
}

} // namespace
} // namespace specmesh::cli
