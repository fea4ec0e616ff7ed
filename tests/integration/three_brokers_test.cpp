// The three-broker suite (ctest label three-brokers): replication as a production cluster has
// it, storage over every broker, and faults survived. It runs against a local cluster started
// with `scripts/local-env.sh up --brokers 3`, which scripts/test.sh starts (in a state dir and
// on ports of its own) after the other suites; it stops and starts brokers, so nothing else
// may share that cluster.
#include "loopback_ports.hpp"
#include "support.hpp"

#include <specmesh/cli/run.hpp>
#include <specmesh/kafka/connect.hpp>
#include <specmesh/registry/connect.hpp>
#include <specmesh/shell.hpp>
#include <specmesh/testing/forwarding_ports.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <csignal>
#include <sstream>
#include <thread>

namespace specmesh::itest {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::size_t k_brokers = 3;

CommandOutput local_env_script(const std::string& args) {
  return capture_output(std::string(SPECMESH_LOCAL_ENV) + " " + args + " 2>&1");
}

/// The broker's pid now (it changes when the broker is started again); 0 when stopped.
int broker_pid(int id) {
  const json status = json::parse(local_env_script("status --output json").out, nullptr, false);
  for (const json& broker : status.value("brokers", json::array())) {
    if (broker.value("id", 0) == id && broker.value("running", false)) {
      return broker.value("pid", 0);
    }
  }
  return 0;
}

/// Node `id`'s port on the SASL_PLAINTEXT listener: its entry in that listener's bootstrap
/// list, which names every node in order.
int sasl_port(int id) {
  for (const Listener& listener : local_env().listeners) {
    if (listener.name == "SASL_PLAINTEXT") {
      std::istringstream addresses(listener.bootstrap);
      std::string address;
      for (int node = 1; std::getline(addresses, address, ','); ++node) {
        if (node == id) {
          return std::stoi(address.substr(address.rfind(':') + 1));
        }
      }
    }
  }
  ADD_FAILURE() << "env.json lists no SASL_PLAINTEXT address of broker " << id;
  return 0;
}

/// How many brokers the cluster's metadata lists (a stopped broker leaves it once fenced).
int listed_brokers() {
  std::string error;
  rd_kafka_conf_t* conf = client_conf(local_env().admin, {}, error);
  if (conf == nullptr) {
    ADD_FAILURE() << error;
    return -1;
  }
  std::array<char, 512> errstr{};
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
  if (rk == nullptr) {
    ADD_FAILURE() << errstr.data();
    return -1;
  }
  const rd_kafka_metadata_t* metadata = nullptr;
  int count = -1;
  if (rd_kafka_metadata(rk, 0, nullptr, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    count = metadata->broker_cnt;
    rd_kafka_metadata_destroy(metadata);
  }
  rd_kafka_destroy(rk);
  return count;
}

/// A spec with one channel per (name, bindings) pair, e.g. {"_public.orders", "partitions: 2"}.
std::string spec_yaml(const std::string& domain,
                      const std::vector<std::pair<std::string, std::string>>& channels) {
  std::string yaml = "asyncapi: 2.5.0\nid: 'urn:" + domain
                     + "'\ninfo: {title: three brokers, version: 1.0.0}\nchannels:\n";
  int operation = 0;
  for (const auto& [name, bindings] : channels) {
    yaml +=
        fmt::format("  {}:\n    bindings: {{kafka: {{{}}}}}\n    publish: {{operationId: op{}}}\n",
                    name,
                    bindings,
                    ++operation);
  }
  return yaml;
}

/// Items of the plan document that are not UNCHANGED, one per line (empty: nothing to do).
std::string changed_items(const json& plan) {
  std::string out;
  for (const char* kind : {"topics", "acls"}) {
    for (const json& entry : plan.value(kind, json::array())) {
      if (entry.value("state", "") != "UNCHANGED") {
        out += entry.dump() + "\n";
      }
    }
  }
  return out;
}

/// The real adapter, which SIGKILLs a broker right before the first CreateTopics it sends:
/// the broker dies in the middle of a provision, at the same point every run.
class KillBrokerBeforeCreateTopics : public testing::ForwardingKafkaAdmin {
public:
  KillBrokerBeforeCreateTopics(ports::KafkaAdmin& target, int pid)
      : ForwardingKafkaAdmin(target), m_pid(pid) {}

  std::vector<ports::Outcome> create_topics(const std::vector<plan::Topic>& topics,
                                            bool validate_only) override {
    if (!validate_only && !m_killed) {
      m_killed = true;
      EXPECT_EQ(::kill(m_pid, SIGKILL), 0) << "could not kill broker pid " << m_pid;
    }
    return ForwardingKafkaAdmin::create_topics(topics, validate_only);
  }

private:
  int m_pid;
  bool m_killed = false;
};

class ThreeBrokersTest : public DomainTest {
protected:
  void SetUp() override {
    ASSERT_EQ(local_env().brokers.size(), k_brokers)
        << "this suite needs a local cluster of three brokers, which scripts/test.sh starts; "
           "by hand: SPECMESH_LOCAL_HOME=/tmp/three scripts/local-env.sh up --brokers 3 (with "
           "SPECMESH_*_PORT settings of its own if another environment runs)";
    DomainTest::SetUp();
  }

  void TearDown() override {
    for (const Broker& broker : local_env().brokers) {
      if (broker_pid(broker.id) == 0) {
        start_broker(broker.id);
      }
    }
    DomainTest::TearDown();
  }

  static void stop_broker(int id) {
    const CommandOutput stopped = local_env_script("stop-broker " + std::to_string(id));
    ASSERT_EQ(stopped.exit_code, 0) << stopped.out;
    EXPECT_TRUE(eventually([] { return listed_brokers() == static_cast<int>(k_brokers) - 1; }, 30s))
        << "the cluster still lists broker " << id << " after it stopped";
  }

  static void start_broker(int id) {
    const CommandOutput started = local_env_script("start-broker " + std::to_string(id));
    ASSERT_EQ(started.exit_code, 0) << started.out;
  }

  /// `specmesh storage` as the admin (the reports need DESCRIBE on the cluster).
  static RunResult storage(const std::string& spec, const std::vector<std::string>& extra = {}) {
    return run_specmesh(
        concat(concat(concat({"storage"}, admin_kafka_args()), {"--spec", spec, "--timeout", "30"}),
               extra));
  }

  RunResult as_admin(const std::string& command,
                     const std::string& spec,
                     const std::vector<std::string>& extra = {}) {
    return run_specmesh(
        concat(concat({command}, admin_args()),
               concat({"--spec", spec, "--timeout", "60", "--output", "json"}, extra)));
  }
};

TEST_F(ThreeBrokersTest, ReplicasThreeIsCreatedWithThreeReplicasAndDriftIsReported) {
  const std::string shop = domain("shop");
  const std::string drifted = shop + "._public.drifted";
  for (const auto& outcome : m_admin->create_topics({plan::Topic{drifted, 1, 2, {}}}, false)) {
    ASSERT_TRUE(outcome) << outcome.error().message;
  }
  const std::string spec = m_dir.write("shop.yaml",
                                       spec_yaml(shop,
                                                 {{"_public.orders", "partitions: 2, replicas: 3"},
                                                  {"_public.drifted", "partitions: 1, replicas: 3"},
                                                  {"_private.cart", "partitions: 1"}}));

  const RunResult provisioned = as_admin("provision", spec);
  ASSERT_EQ(provisioned.exit_code, 0) << provisioned.describe();

  std::map<std::string, int> replication;
  for (const auto& [name, description] : scope_topics(*m_admin, shop)) {
    replication[name] = description.topic.replication;
  }
  EXPECT_EQ(replication[shop + "._public.orders"], 3);
  EXPECT_EQ(replication[shop + "._private.cart"], 3) << "the cluster's default is 3";
  EXPECT_EQ(replication[drifted], 2) << "specmesh does not reassign replicas";

  const RunResult planned = as_admin("plan", spec);
  EXPECT_EQ(planned.exit_code, 0) << planned.describe();
  const json drift = item(planned.json(), "topics", drifted);
  EXPECT_EQ(drift.value("state", ""), "UNCHANGED") << planned.out;
  EXPECT_TRUE(contains(drift.dump(), "replication factor is 2, spec asks 3")) << planned.out;
}

TEST_F(ThreeBrokersTest, StorageSumsEveryReplicaWithOneRequestPerBroker) {
  const std::string shop = domain("shop");
  const std::string orders = shop + "._public.orders";
  const std::string spec =
      m_dir.write("shop.yaml", spec_yaml(shop, {{"_public.orders", "partitions: 2, replicas: 3"}}));
  ASSERT_EQ(as_admin("provision", spec).exit_code, 0);
  for (int i = 0; i < 20; ++i) {
    const Attempt produced = produce(local_env().admin, orders, "record " + std::to_string(i), 10s);
    ASSERT_TRUE(produced.ok) << produced.describe();
  }
  // acks=all waits for the in-sync replicas; the files of all three match once they caught up.
  std::vector<std::int64_t> bytes;
  ASSERT_TRUE(eventually([&] {
    bytes.clear();
    for (const Broker& broker : local_env().brokers) {
      bytes.push_back(log_file_bytes(broker.log_dirs, orders));
    }
    return bytes[0] > 0 && bytes[0] == bytes[1] && bytes[1] == bytes[2];
  }));

  const RunResult run = storage(spec, {"-D", "debug=admin"});

  ASSERT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_EQ(run.json()[orders]["storage-bytes"], bytes[0] + bytes[1] + bytes[2]) << run.out;
  EXPECT_EQ(count_occurrences(run.process_stderr, "specmesh: DescribeLogDirs v1 -> broker"),
            k_brokers)
      << run.process_stderr.substr(0, 4000);
}

TEST_F(ThreeBrokersTest, WithABrokerStoppedEachItemSaysWhyAndTheRerunConverges) {
  const std::string shop = domain("shop");
  const std::string before = m_dir.write(
      "before.yaml", spec_yaml(shop, {{"_public.orders", "partitions: 2, replicas: 3"}}));
  ASSERT_EQ(as_admin("provision", before).exit_code, 0);
  const std::string after = m_dir.write("after.yaml",
                                        spec_yaml(shop,
                                                  {{"_public.orders", "partitions: 2, replicas: 3"},
                                                   {"_public.payments", "replicas: 3"},
                                                   {"_private.cart", "partitions: 1"}}));
  stop_broker(3);

  const RunResult partial = storage(before);
  EXPECT_EQ(partial.exit_code, 1) << partial.describe();
  EXPECT_TRUE(contains(partial.err, "broker 3")) << partial.describe();
  EXPECT_FALSE(contains(partial.out, "storage-bytes")) << "a partial sum: " << partial.out;

  const RunResult planned = as_admin("plan", after);
  EXPECT_EQ(planned.exit_code, 2) << planned.describe();
  EXPECT_EQ(count_state(planned.json(), "topics", "CREATE"), 2) << planned.out;

  // The controller may place a replica on the stopped (fenced) broker or refuse: each new
  // topic is CREATED or FAILED with the broker's reason, and the exit code says which.
  const RunResult degraded = as_admin("provision", after);
  int failed = 0;
  for (const std::string& name : {shop + "._public.payments", shop + "._private.cart"}) {
    const json topic = item(degraded.json(), "topics", name);
    const std::string state = topic.value("state", "");
    EXPECT_TRUE(state == "CREATED" || state == "FAILED") << topic.dump();
    EXPECT_EQ(state == "FAILED", topic.value("exception", json()).is_object()) << topic.dump();
    failed += state == "FAILED" ? 1 : 0;
  }
  EXPECT_EQ(degraded.exit_code, failed == 0 ? 0 : 1) << degraded.describe();
  EXPECT_EQ(states(degraded.json(), "topics")[shop + "._public.orders"], "UNCHANGED");
  EXPECT_EQ(count_state(degraded.json(), "acls", "FAILED"), 0) << degraded.out;

  {
    // While broker 3 is down another socket may take its port: a client connection, when the
    // port lies in the kernel's ephemeral range, or (here) another server.
    const test_servers::HeldPort taken(sasl_port(3));
    ASSERT_EQ(taken.problem(), "");
    const CommandOutput refused = local_env_script("start-broker 3");
    EXPECT_EQ(refused.exit_code, 1) << refused.out;
    EXPECT_TRUE(contains(refused.out,
                         fmt::format("port 127.0.0.1:{} (Kafka node 3 SASL listener) is already "
                                     "in use by another socket",
                                     sasl_port(3))))
        << refused.out;
    EXPECT_EQ(broker_pid(3), 0) << "start-broker started a node that cannot bind its port";
  }
  start_broker(3);
  const RunResult rerun = as_admin("provision", after);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.describe();
  EXPECT_EQ(count_state(rerun.json(), "topics", "CREATED"), failed) << rerun.out;
  const RunResult converged = as_admin("plan", after);
  EXPECT_EQ(converged.exit_code, 0) << converged.describe();
  EXPECT_EQ(changed_items(converged.json()), "");
}

TEST_F(ThreeBrokersTest, ABrokerKilledInAThousandTopicProvisionLeavesAnHonestReport) {
  const std::string bulk = domain("bulk");
  std::vector<std::pair<std::string, std::string>> channels;
  channels.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    channels.emplace_back("_private.t" + std::to_string(1000 + i), "partitions: 1");
  }
  const std::string spec = m_dir.write("bulk.yaml", spec_yaml(bulk, channels));
  const int pid = broker_pid(2);
  ASSERT_GT(pid, 0);

  std::ostringstream out;
  std::ostringstream err;
  std::unique_ptr<ports::KafkaAdmin> real;
  cli::Environment env{.out = out,
                       .err = err,
                       .connect_kafka = [&](const kafka::Connection& connection)
                           -> Result<std::unique_ptr<ports::KafkaAdmin>> {
                         auto connected = kafka::make_kafka_admin(connection);
                         if (!connected) {
                           return tl::unexpected(connected.error());
                         }
                         real = std::move(*connected);
                         return std::make_unique<KillBrokerBeforeCreateTopics>(*real, pid);
                       },
                       .connect_registry = registry::make_schema_registry};
  const auto start = std::chrono::steady_clock::now();
  const int exit_code = cli::run(concat(concat({"provision"}, admin_args()),
                                        {"--spec", spec, "--timeout", "60", "--output", "json"}),
                                 env);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(broker_pid(2), 0) << "broker 2 was not killed during the provision";
  EXPECT_TRUE(exit_code == 0 || exit_code == 1) << exit_code << "\n" << err.str();

  // Every item says what happened to it; what says CREATED is there.
  const json report = json::parse(out.str(), nullptr, false);
  ASSERT_TRUE(report.is_object()) << out.str().substr(0, 2000) << err.str();
  const std::map<std::string, std::string> topic_states = states(report, "topics");
  EXPECT_EQ(topic_states.size(), 1000u);
  for (const json& entry : report.value("topics", json::array())) {
    const std::string state = entry.value("state", "");
    EXPECT_TRUE(state == "CREATED" || state == "FAILED") << entry.dump();
    EXPECT_EQ(state == "FAILED", !entry.value("exception", json()).is_null()) << entry.dump();
  }
  for (const json& entry : report.value("acls", json::array())) {
    const std::string state = entry.value("state", "");
    EXPECT_TRUE(state == "CREATED" || state == "FAILED") << entry.dump();
  }
  std::cerr << fmt::format("provision with broker 2 killed: exit {} after {:.1f} s; topics {} "
                           "created, {} failed; ACLs {} created, {} failed\n",
                           exit_code,
                           took.count(),
                           count_state(report, "topics", "CREATED"),
                           count_state(report, "topics", "FAILED"),
                           count_state(report, "acls", "CREATED"),
                           count_state(report, "acls", "FAILED"));
  start_broker(2);
  const std::map<std::string, ports::TopicDescription> live = scope_topics(*m_admin, bulk);
  for (const auto& [name, state] : topic_states) {
    if (state == "CREATED") {
      EXPECT_TRUE(live.contains(name)) << name << " was reported CREATED but is not there";
    }
  }

  const RunResult rerun = as_admin("provision", spec);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.describe().substr(0, 4000);
  // One plan, not re-tried: the phantom CREATEs seen once came from a start-broker that
  // returned before the restarted node was up (fixed in local-env.sh's start_node).
  const RunResult converged = as_admin("plan", spec);
  EXPECT_EQ(converged.exit_code, 0) << converged.describe().substr(0, 4000);
  EXPECT_EQ(changed_items(converged.json()), "");
  EXPECT_EQ(scope_topics(*m_admin, bulk).size(), 1000u);
}

} // namespace
} // namespace specmesh::itest
