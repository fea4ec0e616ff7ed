// Acceptance test of `specmesh export` (Part A.5): provision a domain with the real Kafka and
// registry adapters, export it, and plan the exported spec against the same cluster: nothing
// may change. Runs in-process through cli::run against the local environment
// (scripts/local-env.sh up); FAILS, never skips, when it is not running.
#include "support.hpp"

#include <specmesh/cli/run.hpp>
#include <specmesh/registry/connect.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace specmesh::itest {
namespace {

using nlohmann::json;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A public channel with an Avro value referring to another record, a protected channel with
/// two grants and a JSON Schema value, and a private channel; configs on two of them.
std::string shop_spec(const std::string& domain) {
  return "asyncapi: 2.6.0\n"
         "id: 'urn:"
         + domain
         + "'\n"
           "channels:\n"
           "  _public.orders:\n"
           "    bindings:\n"
           "      kafka:\n"
           "        partitions: 3\n"
           "        configs: {retention.ms: '3600000', cleanup.policy: 'compact,delete'}\n"
           "    publish:\n"
           "      operationId: publishOrders\n"
           "      message:\n"
           "        payload: {$ref: "
         + domain
         + ".Order.avsc}\n"
           "        bindings: {kafka: {key: {type: string}}}\n"
           "  _protected.payments:\n"
           "    bindings: {kafka: {partitions: 2}}\n"
           "    publish:\n"
           "      operationId: publishPayments\n"
           "      tags: [{name: 'grant-access:acme.finance'}, {name: 'grant-access:acme.audit'}]\n"
           "      message:\n"
           "        payload: {$ref: payment.json}\n"
           "  _private.cart:\n"
           "    bindings: {kafka: {configs: {retention.ms: '86400000'}}}\n"
           "    publish: {operationId: publishCart}\n";
}

void write_shop_schemas(const TempDir& dir, const std::string& domain) {
  dir.write(domain + ".Order.avsc",
            R"({"type":"record","name":"Order","namespace":")" + domain
                + R"(","fields":[{"name":"id","type":"string"},{"name":"to","type":"Address"}]})");
  dir.write(domain + ".Address.avsc",
            R"({"type":"record","name":"Address","namespace":")" + domain
                + R"(","fields":[{"name":"city","type":"string"}]})");
  dir.write("payment.json", R"({"type":"object","properties":{"amount":{"type":"number"}}})");
}

/// Every item of the plan document that is not UNCHANGED, one per line.
std::string changed_items(const json& plan) {
  std::string out;
  for (const char* kind : {"topics", "acls", "schemas"}) {
    for (const json& entry : plan.value(kind, json::array())) {
      if (entry.value("state", "") != "UNCHANGED") {
        out += std::string(kind) + ": " + entry.dump() + "\n";
      }
    }
  }
  return out;
}

TEST(ExportRoundTrip, TheExportedSpecPlansBackToNoChanges) {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  const std::string& registry_url = local_env().registry_url;
  ASSERT_FALSE(registry_url.empty()) << "no schema_registry_url in 'local-env.sh status'";
  const std::string domain = unique_domain("shop");
  const TempDir dir;
  write_shop_schemas(dir, domain);
  const std::string spec = dir.write("shop-api.yaml", shop_spec(domain));

  const RunResult provisioned = run_specmesh(
      concat(concat({"provision"}, connection_args(registry_url)),
             {"--spec", spec, "--schema-path", dir.path().string(), "--domain-user", "acme.shop"}));
  ASSERT_EQ(provisioned.exit_code, 0) << provisioned.describe();

  const std::filesystem::path export_dir = dir.path() / "exported";
  const std::string exported_spec = (dir.path() / "exported-api.yaml").string();
  const RunResult exported = run_specmesh(
      concat(concat({"export"}, connection_args(registry_url)),
             {"-id", domain, "--schema-dir", export_dir.string(), "--out-spec", exported_spec}));
  ASSERT_EQ(exported.exit_code, 0) << exported.describe();
  EXPECT_EQ(read_file(exported_spec), exported.out);
  EXPECT_NE(exported.out.find("id: urn:" + domain), std::string::npos) << exported.out;
  EXPECT_NE(exported.out.find("_public.orders:"), std::string::npos) << exported.out;
  EXPECT_NE(exported.out.find("grant-access:acme.audit"), std::string::npos) << exported.out;
  EXPECT_TRUE(std::filesystem::exists(export_dir / (domain + "._public.orders-value.avsc")));
  EXPECT_TRUE(std::filesystem::exists(export_dir / (domain + ".Address.avsc")));
  EXPECT_TRUE(std::filesystem::exists(export_dir / (domain + "._protected.payments-value.json")));

  const RunResult planned = run_specmesh(concat(concat({"plan"}, connection_args(registry_url)),
                                                {"--spec",
                                                 exported_spec,
                                                 "--schema-path",
                                                 export_dir.string(),
                                                 "--domain-user",
                                                 "acme.shop",
                                                 "--output",
                                                 "json"}));
  const json plan = planned.json();
  EXPECT_EQ(planned.exit_code, 0) << changed_items(plan) << planned.describe();
  EXPECT_EQ(changed_items(plan), "");
  EXPECT_EQ(count_state(plan, "topics", "UNCHANGED"), 3);
  EXPECT_EQ(count_state(plan, "acls", "UNCHANGED"), 16); // 12 base + 2 grants x 2
  EXPECT_EQ(plan.value("schemas", json::array()).size(), 3u) << planned.out;

  cleanup_domains({domain});
}

} // namespace
} // namespace specmesh::itest
