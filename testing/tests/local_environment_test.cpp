// LocalEnvironment against the real local environment: provisioning a unique domain, client
// configs per user, the bad-spec error and the clean-up of what it created.
#include <specmesh/kafka/connect.hpp>
#include <specmesh/testing/local_environment.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace specmesh::testing {
namespace {

namespace fs = std::filesystem;

std::string unique_domain() {
  std::mt19937_64 generator{std::random_device{}()};
  return "testenv" + std::to_string(generator() % 100000000U) + ".shop";
}

/// A spec file in a fresh temporary directory, removed at the end.
class SpecFile {
public:
  explicit SpecFile(const std::string& text)
      : m_dir(fs::temp_directory_path() / ("specmesh-testenv-" + unique_domain())) {
    fs::create_directories(m_dir);
    std::ofstream(m_dir / "api.yaml") << text;
  }
  ~SpecFile() {
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
  }
  SpecFile(const SpecFile&) = delete;
  SpecFile& operator=(const SpecFile&) = delete;

  std::string path() const { return (m_dir / "api.yaml").string(); }

private:
  fs::path m_dir;
};

std::string spec_of(const std::string& domain) {
  return "asyncapi: 2.6.0\nid: 'urn:" + domain
         + "'\ninfo: {title: t, version: 1.0.0}\nchannels:\n  _public.events:\n"
           "    bindings: {kafka: {partitions: 1}}\n    publish:\n      message:\n"
           "        payload: {type: string}\n";
}

int count_created(const plan::Plan& plan) {
  int created = 0;
  for (const auto& change : plan.topics) {
    created += change.action == plan::Action::create ? 1 : 0;
  }
  for (const auto& change : plan.acls) {
    created += change.action == plan::Action::create ? 1 : 0;
  }
  return created;
}

TEST(LocalEnvironmentTest, ProvisionsAndCleansUpWhatItCreated) {
  const std::string domain = unique_domain();
  const SpecFile spec(spec_of(domain));
  LocalEnvironmentOptions options;
  options.start_if_stopped = false;
  LocalEnvironment environment(options);
  ProvisionOptions provision;
  provision.sr_disabled = true;
  const plan::Plan first = environment.provision(spec.path(), "", provision);
  EXPECT_EQ(first.domain, domain);
  EXPECT_EQ(count_created(first), 13) << "1 topic and the 12 ACLs of the domain";
  EXPECT_EQ(count_created(environment.provision(spec.path(), "", provision)), 0)
      << "provisioning again changes nothing";
  EXPECT_TRUE(environment.cleanup().empty());

  // Everything it created is gone: provisioning again creates it all again, and a whole-domain
  // clean-up removes it even though that environment created nothing.
  LocalEnvironment again(options);
  EXPECT_EQ(count_created(again.provision(spec.path(), "", provision)), 13);
  options.cleanup = CleanupScope::whole_domain;
  LocalEnvironment whole(options);
  EXPECT_EQ(count_created(whole.provision(spec.path(), "", provision)), 0);
  EXPECT_TRUE(whole.cleanup().empty());
  again.cleanup(); // its items are gone already: nothing left to remove
  LocalEnvironment last(options);
  EXPECT_EQ(count_created(last.provision(spec.path(), "", provision)), 13);
}

TEST(LocalEnvironmentTest, ABadSpecThrowsItsFileLineColumnDiagnostics) {
  const SpecFile spec("asyncapi: 2.6.0\nid: 'urn:x.y'\ninfo: {title: t, version: 1}\nchannels:\n"
                      "  a: {publish: {message: {payload: {$ref: missing.avsc}}}}\n  b: [\n");
  LocalEnvironmentOptions options;
  options.start_if_stopped = false;
  LocalEnvironment environment(options);
  try {
    environment.provision(spec.path());
    FAIL() << "no exception";
  } catch (const EnvironmentError& e) {
    EXPECT_NE(std::string(e.what()).find(spec.path() + ":"), std::string::npos) << e.what();
    EXPECT_FALSE(e.error().diagnostics.empty());
  }
}

TEST(LocalEnvironmentTest, ClientConfigsActAsTheEnvironmentsUsers) {
  LocalEnvironmentOptions options;
  options.start_if_stopped = false;
  const LocalEnvironment environment(options);
  const auto config = environment.client_config("acme.finance");
  EXPECT_EQ(config.at("sasl.username"), "acme.finance");
  EXPECT_EQ(config.at("sasl.password"), "acme.finance-secret");
  EXPECT_EQ(config.at("bootstrap.servers"), environment.bootstrap_servers());
  EXPECT_TRUE(config.contains("security.protocol"));
  EXPECT_TRUE(config.contains("sasl.mechanisms"));
  EXPECT_THROW(environment.client_config("nobody.at.all"), std::invalid_argument);
  EXPECT_FALSE(environment.schema_registry_url().empty());
}

TEST(LocalEnvironmentTest, ClientConfigsPerListenerConnectAsTheUser) {
  LocalEnvironmentOptions options;
  options.start_if_stopped = false;
  const LocalEnvironment environment(options);
  const auto scram = environment.client_config("acme.shop", "SASL_SSL");
  EXPECT_EQ(scram.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(scram.at("sasl.mechanisms"), "SCRAM-SHA-512");
  EXPECT_EQ(scram.at("sasl.password"), "acme.shop-secret");
  EXPECT_TRUE(std::filesystem::exists(scram.at("ssl.ca.location")));
  const auto mtls = environment.client_config("acme.shop", "SSL");
  EXPECT_EQ(mtls.at("security.protocol"), "SSL");
  EXPECT_FALSE(mtls.contains("sasl.username"));
  EXPECT_TRUE(std::filesystem::exists(mtls.at("ssl.certificate.location")));
  EXPECT_TRUE(std::filesystem::exists(mtls.at("ssl.key.location")));
  EXPECT_EQ(environment.client_config("acme.shop", "SASL_PLAINTEXT"),
            environment.client_config("acme.shop"));
  EXPECT_THROW(environment.client_config("acme.shop", "KERBEROS"), std::invalid_argument);
  EXPECT_THROW(environment.client_config("nobody.at.all", "SSL"), std::invalid_argument);
  // Each configuration really connects: an authenticated metadata request as the user.
  for (const std::string listener : {"SASL_SSL", "SSL"}) {
    const kafka::Connection connection{.bootstrap_servers = environment.bootstrap_servers(),
                                       .properties =
                                           environment.client_config("acme.shop", listener),
                                       .timeout = std::chrono::seconds(10)};
    const auto admin = kafka::make_kafka_admin(connection);
    EXPECT_TRUE(admin) << listener << ": " << admin.error().message;
  }
}

} // namespace
} // namespace specmesh::testing
