// Production-shaped security (the production-clusters issue): specmesh and the domains'
// clients over the local broker's SASL_SSL/SCRAM-SHA-512 and mutual-TLS listeners, as they are
// over SASL_PLAINTEXT in provision_test.cpp; and one clear line for each bad TLS or SCRAM
// setting. The certificates are the local environment's (scripts/local-env/pki.sh).
#include "shop_spec.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace specmesh::itest {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

/// Provision, plan and the access matrix on one listener, every party authenticated on it.
class ListenerTest : public DomainTest, public ::testing::WithParamInterface<std::string> {
protected:
  RunResult run(const std::string& command,
                const std::string& spec,
                const std::vector<std::string>& extra = {}) {
    return run_specmesh(concat(
        concat({command}, admin_args(GetParam())),
        concat({"--spec", spec, "--sr-disabled", "--output", "json", "--timeout", "15"}, extra)));
  }

  Credentials user(const std::string& name) const { return local_env().user(name, GetParam()); }
};

TEST_P(ListenerTest, ProvisionPlanNoOpAndTheAccessMatrix) {
  const std::string shop = domain("shop");
  const std::string finance = domain("finance");
  const std::string stranger = domain("stranger");
  const Credentials owner = user("acme.shop");
  const Credentials granted = user("acme.finance");
  const Credentials other = user("acme.stranger");

  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(shop));
  const RunResult created = run("provision", spec, {"--domain-user", owner.username});
  ASSERT_EQ(created.exit_code, 0) << created.describe();
  EXPECT_EQ(count_state(created.json(), "topics", "CREATED"), 3) << created.out;
  // The owner's cluster ACL may be left by an earlier test with the same owner user.
  EXPECT_EQ(count_state(created.json(), "acls", "CREATED")
                + count_state(created.json(), "acls", "UNCHANGED"),
            14)
      << created.out;
  for (const auto& [consumer_domain, consumer] :
       {std::pair{finance, granted}, std::pair{stranger, other}}) {
    const std::string file = m_dir.write(consumer_domain + ".yaml", consumer_spec(consumer_domain));
    const RunResult consumer_run = run("provision", file, {"--domain-user", consumer.username});
    ASSERT_EQ(consumer_run.exit_code, 0) << consumer_run.describe();
  }
  const RunResult planned = run("plan", spec, {"--domain-user", owner.username});
  EXPECT_EQ(planned.exit_code, 0) << "plan after provision must be a no-op: " << planned.describe();

  // The owner produces to every topic (retried while the new ACLs propagate); nobody else does.
  const std::vector<std::string> all_topics{orders(shop), payments(shop), cart(shop)};
  for (const std::string& topic : all_topics) {
    Attempt attempt;
    eventually([&] {
      attempt = produce(owner, topic, "hello " + topic, 3s);
      return attempt.ok;
    });
    EXPECT_TRUE(attempt.ok) << "acme.shop producing to " << topic << ": " << attempt.describe();
  }
  const Attempt intruder = produce(granted, orders(shop), "intruder", 3s);
  EXPECT_EQ(intruder.code, "TOPIC_AUTHORIZATION_FAILED") << intruder.describe();

  // Public by everyone, protected by the owner and the granted domain, private by the owner.
  struct Read {
    Credentials reader;
    std::string group_domain;
    std::string topic;
    bool allowed;
  };
  const std::vector<Read> reads{{owner, shop, cart(shop), true},
                                {granted, finance, payments(shop), true},
                                {other, stranger, orders(shop), true},
                                {other, stranger, payments(shop), false},
                                {granted, finance, cart(shop), false}};
  int group_number = 0;
  for (const Read& read : reads) {
    const std::string group = read.group_domain + ".consumer" + std::to_string(++group_number);
    const Attempt attempt = consume_one(read.reader, read.topic, group, read.allowed ? 10s : 5s);
    const std::string what = read.reader.username + " reading " + read.topic + ": ";
    if (read.allowed) {
      EXPECT_TRUE(attempt.ok) << what << attempt.describe();
    } else {
      EXPECT_EQ(attempt.code, "TOPIC_AUTHORIZATION_FAILED") << what << attempt.describe();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SecuredListeners,
                         ListenerTest,
                         ::testing::Values("SASL_SSL", "SSL"),
                         [](const auto& listener) { return listener.param; });

// ------------------------------------------------------------------------------------------
// The schema registry over HTTPS with basic authentication.
// ------------------------------------------------------------------------------------------

class RegistryOverHttpsTest : public DomainTest {
protected:
  /// A spec whose public channel has an Avro payload, and its schema file.
  std::string spec_with_schema(const std::string& shop) {
    m_dir.write("order.avsc",
                R"({"type": "record", "name": "Order", "namespace": ")" + shop
                    + R"(", "fields": [{"name": "id", "type": "string"}]})");
    return m_dir.write("shop.yaml",
                       "asyncapi: 2.5.0\n"
                       "id: 'urn:"
                           + shop
                           + "'\n"
                             "info: {title: itest, version: 1.0.0}\n"
                             "channels:\n"
                             "  _public.orders:\n"
                             "    bindings: {kafka: {partitions: 1}}\n"
                             "    publish:\n"
                             "      operationId: orders\n"
                             "      message:\n"
                             "        payload: {$ref: order.avsc}\n");
  }

  RunResult run(const std::string& command,
                const std::string& spec,
                const std::vector<std::string>& registry_flags) {
    return run_specmesh(concat(concat({command}, connection_args(local_env().registry_https_url)),
                               concat({"--spec",
                                       spec,
                                       "--schema-path",
                                       m_dir.path().string(),
                                       "--output",
                                       "json",
                                       "--timeout",
                                       "10"},
                                      registry_flags)));
  }
};

TEST_F(RegistryOverHttpsTest, ProvisionAndPlanWithBasicAuthAndTheCaFile) {
  const std::string shop = domain("shop");
  const std::string spec = spec_with_schema(shop);
  const std::vector<std::string> flags{"--sr-api-key",
                                       "acme.shop",
                                       "--sr-api-secret",
                                       local_env().user("acme.shop").password,
                                       "--sr-ca-file",
                                       local_env().registry_ca_file};
  const RunResult created = run("provision", spec, flags);
  ASSERT_EQ(created.exit_code, 0) << created.describe();
  ASSERT_EQ(created.json()["schemas"].size(), 1U) << created.out;
  EXPECT_EQ(created.json()["schemas"][0]["state"], "CREATED") << created.out;
  const RunResult planned = run("plan", spec, flags);
  EXPECT_EQ(planned.exit_code, 0) << planned.describe();
  ASSERT_EQ(planned.json()["schemas"].size(), 1U) << planned.out;
  EXPECT_EQ(planned.json()["schemas"][0]["state"], "UNCHANGED") << planned.out;
}

TEST_F(RegistryOverHttpsTest, AWrongSecretOrAMissingCaIsOneLineWithoutTheSecret) {
  const std::string spec = spec_with_schema(domain("shop"));
  const std::string wrong = "pw-" + random_hex(10) + "-must-not-leak";
  struct Case {
    std::string what;
    std::vector<std::string> flags;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"wrong secret",
       {"--sr-api-key",
        "acme.shop",
        "--sr-api-secret",
        wrong,
        "--sr-ca-file",
        local_env().registry_ca_file},
       "401"},
      {"no CA file", {"--sr-api-key", "acme.shop", "--sr-api-secret", wrong}, "certificate"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const RunResult run_result = run("plan", spec, c.flags);
    EXPECT_EQ(run_result.exit_code, 1) << run_result.describe();
    EXPECT_EQ(std::count(run_result.err.begin(), run_result.err.end(), '\n'), 1)
        << run_result.describe();
    EXPECT_TRUE(contains(run_result.err, c.expected)) << run_result.describe();
    for (const std::string* text : {&run_result.out, &run_result.err, &run_result.process_stderr}) {
      EXPECT_FALSE(contains(*text, wrong)) << "the secret leaked: " << run_result.describe();
    }
  }
}

// ------------------------------------------------------------------------------------------
// Bad TLS and SCRAM settings: one line naming the problem, exit 1, within --timeout, no secret.
// ------------------------------------------------------------------------------------------

class BadSecuritySettingsTest : public DomainTest {
protected:
  /// A certificate for CN=acme.shop signed by the local CA that expired yesterday.
  Certificate expired_certificate() {
    const std::filesystem::path ca =
        std::filesystem::path(local_env().listener("SSL").ca_file).parent_path();
    const std::string key = (m_dir.path() / "expired.key").string();
    const std::string cert = (m_dir.path() / "expired.pem").string();
    const std::string csr = (m_dir.path() / "expired.csr").string();
    const std::string make =
        "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" + key
        + "' -out '" + csr + "' -subj /CN=acme.shop 2>/dev/null && openssl x509 -req -in '" + csr
        + "' -CA '" + (ca / "ca.pem").string() + "' -CAkey '" + (ca / "ca.key").string()
        + "' -set_serial 0x1234 -days -1 -out '" + cert + "' 2>/dev/null";
    EXPECT_EQ(std::system(make.c_str()), 0) << make;
    return {cert, key};
  }

  /// A CA of its own, which signed nothing the broker uses.
  std::string other_ca() {
    std::string ca = (m_dir.path() / "other-ca.pem").string();
    const std::string make =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '"
        + (m_dir.path() / "other-ca.key").string() + "' -out '" + ca
        + "' -days 2 -subj /CN=other 2>/dev/null";
    EXPECT_EQ(std::system(make.c_str()), 0) << make;
    return ca;
  }
};

TEST_F(BadSecuritySettingsTest, EachGetsOneLineExitOneWithinTheTimeoutAndNoSecret) {
  const std::string spec = m_dir.write("shop.yaml", ShopSpec{}.yaml(domain("shop")));
  const Listener scram = local_env().listener("SASL_SSL");
  const Listener mtls = local_env().listener("SSL");
  const Certificate admin_cert = local_env().certificates.at(local_env().admin.username);
  const Certificate shop_cert = local_env().certificates.at("acme.shop");
  const Certificate expired = expired_certificate();
  const std::string password = "pw-" + random_hex(10) + "-must-not-leak";
  const std::vector<std::string> scram_flags{"--bootstrap-server",
                                             scram.bootstrap,
                                             "--username",
                                             "admin",
                                             "--secret",
                                             password,
                                             "-D",
                                             "security.protocol=SASL_SSL"};
  const std::vector<std::string> tls_flags{
      "--bootstrap-server", mtls.bootstrap, "-D", "security.protocol=SSL"};
  struct Case {
    std::string what;
    std::vector<std::string> flags;
    std::string expected; ///< the line must contain it
  };
  const std::vector<Case> cases{
      {"wrong SCRAM password",
       concat(scram_flags,
              {"-D", "sasl.mechanism=SCRAM-SHA-512", "-D", "ssl.ca.location=" + scram.ca_file}),
       "authentication failed for user 'admin' (SASL SCRAM-SHA-512)"},
      {"no SASL mechanism",
       {"--bootstrap-server",
        scram.bootstrap,
        "-D",
        "security.protocol=SASL_SSL",
        "-D",
        "sasl.username=admin",
        "-D",
        "sasl.password=" + password,
        "-D",
        "ssl.ca.location=" + scram.ca_file},
       "kafka property 'sasl.mechanism': not set"},
      {"missing CA file",
       concat(tls_flags, {"-D", "ssl.ca.location=/no/such/ca.pem"}),
       "kafka property 'ssl.ca.location': cannot read '/no/such/ca.pem'"},
      {"wrong CA",
       concat(tls_flags,
              {"-D",
               "ssl.ca.location=" + other_ca(),
               "-D",
               "ssl.certificate.location=" + admin_cert.cert_file,
               "-D",
               "ssl.key.location=" + admin_cert.key_file}),
       "the broker's certificate is not signed by a trusted CA"},
      {"no client certificate",
       concat(tls_flags, {"-D", "ssl.ca.location=" + mtls.ca_file}),
       "the broker refused the client certificate"},
      {"key of another certificate",
       concat(tls_flags,
              {"-D",
               "ssl.ca.location=" + mtls.ca_file,
               "-D",
               "ssl.certificate.location=" + admin_cert.cert_file,
               "-D",
               "ssl.key.location=" + shop_cert.key_file}),
       "kafka property 'ssl.key.location': the key does not belong to the certificate"},
      {"expired client certificate",
       concat(tls_flags,
              {"-D",
               "ssl.ca.location=" + mtls.ca_file,
               "-D",
               "ssl.certificate.location=" + expired.cert_file,
               "-D",
               "ssl.key.location=" + expired.key_file}),
       "kafka property 'ssl.certificate.location': the certificate in '" + expired.cert_file
           + "' expired on"},
      {"TLS to the SASL_PLAINTEXT listener",
       {"--bootstrap-server",
        local_env().bootstrap,
        "-D",
        "security.protocol=SSL",
        "-D",
        "ssl.ca.location=" + mtls.ca_file},
       "the broker does not speak TLS on this port"},
  };
  constexpr int k_timeout_seconds = 8;
  for (const Case& c : cases) {
    for (const std::string command : {"plan", "storage"}) {
      SCOPED_TRACE(command + ", " + c.what);
      std::vector<std::string> args =
          concat(concat({command}, c.flags),
                 {"--spec", spec, "--timeout", std::to_string(k_timeout_seconds)});
      if (command == "plan") {
        args.emplace_back("--sr-disabled");
      }
      const RunResult run = run_specmesh(args);
      EXPECT_EQ(run.exit_code, 1) << run.describe();
      EXPECT_LT(run.elapsed, std::chrono::seconds(k_timeout_seconds)) << run.describe();
      EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.describe();
      EXPECT_TRUE(contains(run.err, c.expected)) << run.describe();
      EXPECT_TRUE(run.out.empty()) << run.describe();
      for (const std::string* text : {&run.out, &run.err, &run.process_stderr}) {
        EXPECT_FALSE(contains(*text, password)) << "the password leaked: " << run.describe();
      }
    }
  }
}

} // namespace
} // namespace specmesh::itest
