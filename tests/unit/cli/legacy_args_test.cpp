#include <specmesh/cli/run.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace specmesh::cli {
namespace {

using Args = std::vector<std::string>;

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
    EXPECT_EQ(translate_legacy_flags({legacy}), Args{modern}) << legacy;
  }
}

TEST(TranslateLegacyFlagsTest, AnAttachedValueIsKept) {
  for (const auto& [legacy, modern] : k_original_flags) {
    EXPECT_EQ(translate_legacy_flags({legacy + "=a=b"}), Args{modern + "=a=b"}) << legacy;
  }
  EXPECT_EQ(translate_legacy_flags({"-spec="}), Args{"--spec="});
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
  EXPECT_EQ(translate_legacy_flags(original),
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
  EXPECT_EQ(translate_legacy_flags(untouched), untouched);
  EXPECT_EQ(translate_legacy_flags({}), Args{});
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
  EXPECT_EQ(translate_legacy_flags(properties), properties);
}

} // namespace
} // namespace specmesh::cli
