#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace specmesh::cli {
namespace {

TEST(VerbosityTest, VerboseLinesOnlyWithVerboseNotesNotWithQuiet) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{out, err, {}, {}};
  CommandOptions options;
  verbose_line(options, env, "detail");
  note_line(options, env, "note");
  EXPECT_EQ(err.str(), "specmesh: note\n");

  err.str("");
  options.verbose = true;
  verbose_line(options, env, "detail");
  EXPECT_EQ(err.str(), "specmesh: detail\n");

  err.str("");
  options = CommandOptions{};
  options.quiet = true;
  note_line(options, env, "note");
  verbose_line(options, env, "detail");
  EXPECT_EQ(err.str(), "");
  EXPECT_EQ(out.str(), "");
}

TEST(VerbosityTest, AKafkaConnectionIsDescribedWithoutSecrets) {
  const kafka::Connection connection{
      .bootstrap_servers = "k:9092",
      .username = "admin",
      .password = "admin-secret",
      .properties = {{"sasl.password", "other-secret"}, {"security.protocol", "SASL_SSL"}},
      .timeout = std::chrono::milliseconds(2500)};
  const std::string described = describe_connection(connection);
  EXPECT_EQ(described,
            "connecting to Kafka at k:9092 as user 'admin' (timeout 2.5 s; client properties "
            "sasl.password, security.protocol)");
  EXPECT_EQ(described.find("secret"), std::string::npos);
}

TEST(VerbosityTest, ARegistryConnectionIsDescribedWithoutSecrets) {
  EXPECT_EQ(describe_connection(registry::Connection{
                .url = "https://u:pw@sr:8081/api", .api_key = "key", .api_secret = "s3cr3t"}),
            "connecting to the schema registry at https://***@sr:8081/api as user 'key' "
            "(timeout 30 s)");
  EXPECT_EQ(describe_connection(registry::Connection{.url = "http://sr:8081/a@b"}),
            "connecting to the schema registry at http://sr:8081/a@b (timeout 30 s)");
}

} // namespace
} // namespace specmesh::cli
