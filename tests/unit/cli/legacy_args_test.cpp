#include <specmesh/cli/run.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace specmesh::cli {
namespace {

using Args = std::vector<std::string>;

/// Every argument is looked at on its own.
bool no_option_takes_a_value(const std::string& /*name*/) {
  return false;
}

/// The options of these tests that take a value, as the commands register them.
bool takes_value(const std::string& name) {
  static const std::set<std::string> options{"--bootstrap-server",
                                             "--schema-registry",
                                             "--spec",
                                             "--schema-path",
                                             "--domain-user",
                                             "--secret",
                                             "-u",
                                             "-s",
                                             "-D",
                                             "--property"};
  return options.contains(name);
}

// Part B §6 / README "Drop-in for the Java CLI": every single-dash name of the original and the
// long option it stands for.
const std::vector<std::pair<std::string, std::string>> k_original_flags{
    {"-bs", "--bootstrap-server"},
    {"-spec", "--spec"},
    {"-sr", "--schema-registry"},
    {"-schemaPath", "--schema-path"},
    {"-srKey", "--sr-api-key"},
    {"-srSecret", "--sr-api-secret"},
    {"-dry", "--dry-run"},
    {"-clean", "--clean-unspecified"},
    {"-aclDisabled", "--acl-disabled"},
    {"-srDisabled", "--sr-disabled"},
    {"-du", "--domain-user"},
    {"-pfc", "--partition-count-factor"},
    {"-id", "--domain-id"},
    {"-aggid", "--domain-id"},
    {"-in", "--in-spec"},
    {"-out", "--out-spec"},
};

TEST(TranslateLegacyFlagsTest, EveryOriginalSpellingBecomesItsLongOption) {
  for (const auto& [legacy, modern] : k_original_flags) {
    EXPECT_EQ(translate_legacy_flags({legacy}, no_option_takes_a_value), Args{modern}) << legacy;
  }
}

TEST(TranslateLegacyFlagsTest, AnAttachedValueIsKept) {
  for (const auto& [legacy, modern] : k_original_flags) {
    EXPECT_EQ(translate_legacy_flags({legacy + "=a=b"}, no_option_takes_a_value),
              Args{modern + "=a=b"})
        << legacy;
  }
  EXPECT_EQ(translate_legacy_flags({"-spec="}, takes_value), Args{"--spec="});
}

TEST(TranslateLegacyFlagsTest, AWholeCommandLineKeepsItsOrderAndValues) {
  const Args original{"provision",
                      "-bs",
                      "kafka:9092",
                      "-sr",
                      "http://schema-registry:8081",
                      "-spec",
                      "/app/simple_schema_demo-api.yaml",
                      "-schemaPath",
                      "/app",
                      "-u",
                      "admin",
                      "-s",
                      "admin-secret",
                      "-dry",
                      "-Dprovision.properties=/app/provision.properties"};
  EXPECT_EQ(translate_legacy_flags(original, takes_value),
            (Args{"provision",
                  "--bootstrap-server",
                  "kafka:9092",
                  "--schema-registry",
                  "http://schema-registry:8081",
                  "--spec",
                  "/app/simple_schema_demo-api.yaml",
                  "--schema-path",
                  "/app",
                  "-u",
                  "admin",
                  "-s",
                  "admin-secret",
                  "--dry-run",
                  "-Dprovision.properties=/app/provision.properties"}));
}

TEST(TranslateLegacyFlagsTest, OtherArgumentsPassUnchanged) {
  const Args untouched{"",
                       "plan",
                       "--spec",
                       "--bootstrap-server=localhost:9092",
                       "-u",
                       "-s",
                       "-o",
                       "-h",
                       "--bs",       // a long option the original never had
                       "-BS",        // names are case-sensitive
                       "-bsx",       // a longer name that starts with one
                       "-spec.yaml", // a value that only starts like one
                       "-b",
                       "bs",
                       "spec",
                       "--",
                       "-"};
  EXPECT_EQ(translate_legacy_flags(untouched, no_option_takes_a_value), untouched);
  EXPECT_EQ(translate_legacy_flags({}, takes_value), Args{});
}

TEST(TranslateLegacyFlagsTest, PropertiesStayAsGiven) {
  // `-D` is a short option of CLI11 too; neither its attached nor its separate form changes,
  // even when the property's key is an original flag's name.
  const Args properties{"-D",
                        "specmesh.public=zz",
                        "-Dspecmesh.private=pp",
                        "-Dbs=1",
                        "-D-bs",
                        "-Dk",
                        "--property",
                        "DELIMITER=:",
                        "--property=provision.properties=a.properties"};
  EXPECT_EQ(translate_legacy_flags(properties, takes_value), properties);
}

TEST(TranslateLegacyFlagsTest, AValueSpelledLikeAnOriginalFlagIsKept) {
  // CLI11 takes the argument after an option as its value whatever it looks like; so must the
  // translation, or the password `-dry` would become `--dry-run`.
  EXPECT_EQ(translate_legacy_flags(
                {"--secret", "-dry", "-du", "-clean", "-s", "-bs", "-D", "-spec=x"}, takes_value),
            (Args{"--secret", "-dry", "--domain-user", "-clean", "-s", "-bs", "-D", "-spec=x"}));
}

TEST(TranslateLegacyFlagsTest, AfterAValueOrAFlagTheNextArgumentIsAnOptionAgain) {
  EXPECT_EQ(translate_legacy_flags(
                {"-u", "-u", "-bs", "b:9092", "-dry", "-clean", "-spec=a", "-sr"}, takes_value),
            (Args{"-u",
                  "-u",
                  "--bootstrap-server",
                  "b:9092",
                  "--dry-run",
                  "--clean-unspecified",
                  "--spec=a",
                  "--schema-registry"}));
}

} // namespace
} // namespace specmesh::cli
