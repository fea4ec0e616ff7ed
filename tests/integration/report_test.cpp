// Acceptance tests of `specmesh storage` and `specmesh consumption` (Part B §8, §9.3 cases
// 37-38) against the real local broker: provision a fresh domain, produce a known number of
// records as the owner, and check the reports against the broker's own partition log files and
// against two consumer groups that are still running while the report is taken.
#include "support.hpp"

#include <specmesh/shell.hpp>

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <array>
#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

namespace specmesh::itest {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int k_records = 1000;
constexpr int k_partitions = 3;

std::string spec_yaml(const std::string& domain) {
  return "asyncapi: 2.5.0\n"
         "id: 'urn:"
         + domain
         + "'\n"
           "info: {title: itest, version: 1.0.0}\n"
           "channels:\n"
           "  _public.orders:\n"
           "    bindings: {kafka: {partitions: "
         + std::to_string(k_partitions)
         + "}}\n"
           "    publish: {operationId: orders}\n"
           "  _private.cart:\n"
           "    bindings: {kafka: {partitions: 1}}\n"
           "    publish: {operationId: cart}\n";
}

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using KafkaClient = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

/// Why the first record that could not be delivered failed (empty: every record was delivered).
struct DeliveryFailures {
  std::mutex mutex;
  std::string first;
  int count = 0;
};

/// A librdkafka client of `type` acting as `user`, or nullptr with `error` set. A producer
/// records each failed delivery in `failures`: flush() succeeds when records fail too.
KafkaClient client(rd_kafka_type_t type,
                   const Credentials& user,
                   const std::map<std::string, std::string>& extra,
                   std::string& error,
                   DeliveryFailures* failures = nullptr) {
  rd_kafka_conf_t* conf = client_conf(user, extra, error);
  if (conf == nullptr) {
    return {};
  }
  if (failures != nullptr) {
    rd_kafka_conf_set_opaque(conf, failures);
    rd_kafka_conf_set_dr_msg_cb(conf,
                                [](rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
                                  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                                    auto* failed = static_cast<DeliveryFailures*>(opaque);
                                    const std::lock_guard lock(failed->mutex);
                                    if (failed->count++ == 0) {
                                      failed->first = rd_kafka_err2str(message->err);
                                    }
                                  }
                                });
  }
  std::array<char, 512> errstr{};
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr.data(), errstr.size());
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    error = errstr.data();
  }
  return KafkaClient(rk);
}

/// Produces `count` records to `topic` as `user` and flushes; returns the error, if any: one
/// that refused a record, or the first failed delivery.
std::string produce_records(const Credentials& user, const std::string& topic, int count) {
  std::string error;
  DeliveryFailures failures;
  KafkaClient producer = client(RD_KAFKA_PRODUCER, user, {{"linger.ms", "5"}}, error, &failures);
  if (!producer) {
    return error;
  }
  for (int i = 0; i < count; ++i) {
    const std::string key = "key-" + std::to_string(i);
    const std::string value = "record number " + std::to_string(i);
    // rd_kafka_produceva, not the RD_KAFKA_V_* macros: those use GNU statement expressions.
    std::array<rd_kafka_vu_t, 4> fields{};
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = topic.c_str();
    fields[1].vtype = RD_KAFKA_VTYPE_KEY;
    fields[1].u.mem = {const_cast<char*>(key.data()), key.size()};
    fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[2].u.mem = {const_cast<char*>(value.data()), value.size()};
    fields[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[3].u.i = RD_KAFKA_MSG_F_COPY;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    do {
      rd_kafka_error_t* failure = rd_kafka_produceva(producer.get(), fields.data(), fields.size());
      err = failure == nullptr ? RD_KAFKA_RESP_ERR_NO_ERROR : rd_kafka_error_code(failure);
      if (failure != nullptr) {
        rd_kafka_error_destroy(failure);
      }
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        rd_kafka_poll(producer.get(), 100);
      }
    } while (err == RD_KAFKA_RESP_ERR__QUEUE_FULL);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return rd_kafka_err2str(err);
    }
  }
  if (const auto err = rd_kafka_flush(producer.get(), 30000); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return rd_kafka_err2str(err);
  }
  const std::lock_guard lock(failures.mutex);
  return failures.count == 0
             ? ""
             : std::to_string(failures.count) + " records not delivered: " + failures.first;
}

/// A consumer group member that keeps polling on a background thread (so the group stays
/// Stable), committing synchronously after each record, until destroyed.
class RunningConsumer {
public:
  RunningConsumer(const Credentials& user, const std::string& topic, const std::string& group) {
    m_client = client(RD_KAFKA_CONSUMER,
                      user,
                      {{"group.id", group},
                       {"client.id", group + "-client"},
                       {"auto.offset.reset", "earliest"},
                       {"enable.auto.commit", "false"}},
                      m_error);
    if (!m_client) {
      return;
    }
    rd_kafka_poll_set_consumer(m_client.get());
    rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
    const auto err = rd_kafka_subscribe(m_client.get(), topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      m_error = rd_kafka_err2str(err);
      return;
    }
    m_thread = std::thread([this] { poll_until_stopped(); });
  }
  ~RunningConsumer() {
    m_stop = true;
    if (m_thread.joinable()) {
      m_thread.join();
    }
    if (m_client) {
      rd_kafka_consumer_close(m_client.get());
    }
  }
  RunningConsumer(const RunningConsumer&) = delete;
  RunningConsumer& operator=(const RunningConsumer&) = delete;

  const std::string& error() const { return m_error; }
  int committed() const { return m_committed; }

private:
  void poll_until_stopped() {
    while (!m_stop) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(m_client.get(), 100);
      if (message == nullptr) {
        continue;
      }
      if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR
          && rd_kafka_commit_message(m_client.get(), message, 0) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ++m_committed;
      }
      rd_kafka_message_destroy(message);
    }
  }

  KafkaClient m_client;
  std::string m_error;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_committed{0};
  std::thread m_thread;
};

class ReportTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
    m_domain = unique_domain("shop");
    m_spec = m_dir.write("spec.yaml", spec_yaml(m_domain));
    const RunResult provisioned =
        run_specmesh(concat(concat({"provision"}, admin_args()),
                            {"--spec", m_spec, "--domain-user", "acme.shop", "--timeout", "15"}));
    ASSERT_EQ(provisioned.exit_code, 0) << provisioned.describe();
  }

  void TearDown() override { cleanup_domains({m_domain}); }

  /// `specmesh <command>` as the admin (the reports need DESCRIBE on the cluster).
  RunResult report(const std::string& command, const std::vector<std::string>& extra = {}) {
    return run_specmesh(
        concat(concat(concat({command}, admin_kafka_args()), {"--spec", m_spec, "--timeout", "15"}),
               extra));
  }

  std::string orders() const { return m_domain + "._public.orders"; }
  std::string cart() const { return m_domain + "._private.cart"; }

  std::string m_domain;
  std::string m_spec;
  TempDir m_dir;
};

TEST_F(ReportTest, StorageCountsRecordsAndTheBytesOfTheBrokersLogFiles) {
  const Credentials owner = local_env().user("acme.shop");
  ASSERT_EQ(produce_records(owner, orders(), k_records), "");
  ASSERT_EQ(local_env().brokers.size(), 1u) << "this suite runs on the one-broker environment";
  const std::filesystem::path data_dir = local_env().brokers.front().log_dirs;

  // -D debug=... makes the adapter trace each DescribeLogDirs it sends (to fd 2).
  const RunResult run = report("storage", {"-D", "debug=admin"});

  ASSERT_EQ(run.exit_code, 0) << run.describe();
  const json document = run.json();
  ASSERT_TRUE(document.is_object()) << run.describe();
  EXPECT_EQ(document.size(), 2u) << run.out;
  EXPECT_EQ(document[orders()]["offset-total"], k_records) << run.out;
  EXPECT_EQ(document[orders()]["storage-bytes"], log_file_bytes(data_dir, orders())) << run.out;
  EXPECT_GT(document[orders()]["storage-bytes"].get<std::int64_t>(), 0);
  EXPECT_EQ(document[cart()]["offset-total"], 0) << run.out;
  EXPECT_EQ(document[cart()]["storage-bytes"], 0) << run.out;
  // The local cluster has one broker: one DescribeLogDirs for both topics.
  EXPECT_EQ(count_occurrences(run.process_stderr, "specmesh: DescribeLogDirs v1 -> broker"), 1u)
      << run.process_stderr.substr(0, 4000);
}

/// Storage through each listener: DescribeLogDirs over TLS, SCRAM and mutual TLS too.
class StorageOverListenerTest : public ReportTest,
                                public ::testing::WithParamInterface<std::string> {};

TEST_P(StorageOverListenerTest, EqualsTheBytesOfTheBrokersLogFiles) {
  ASSERT_EQ(produce_records(local_env().user("acme.shop"), orders(), k_records), "");
  ASSERT_EQ(local_env().brokers.size(), 1u) << "this suite runs on the one-broker environment";
  const std::filesystem::path data_dir = local_env().brokers.front().log_dirs;

  const RunResult run =
      run_specmesh(concat(concat({"storage"}, admin_args(GetParam())),
                          {"--spec", m_spec, "--timeout", "15", "-D", "debug=admin"}));

  ASSERT_EQ(run.exit_code, 0) << run.describe();
  const json document = run.json();
  ASSERT_TRUE(document.is_object()) << run.describe();
  EXPECT_EQ(document[orders()]["offset-total"], k_records) << run.out;
  EXPECT_EQ(document[orders()]["storage-bytes"], log_file_bytes(data_dir, orders())) << run.out;
  EXPECT_GT(document[orders()]["storage-bytes"].get<std::int64_t>(), 0);
  EXPECT_EQ(count_occurrences(run.process_stderr, "specmesh: DescribeLogDirs v1 -> broker"), 1u)
      << run.process_stderr.substr(0, 4000);
}

INSTANTIATE_TEST_SUITE_P(Listeners,
                         StorageOverListenerTest,
                         ::testing::Values("SASL_SSL", "SSL"),
                         [](const auto& listener) { return listener.param; });

TEST_F(ReportTest, StorageAsTextIsATable) {
  const RunResult run = report("storage", {"--output", "text"});

  ASSERT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_TRUE(run.out.starts_with("TOPIC")) << run.out;
  EXPECT_NE(run.out.find(orders()), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("total (2 topics)"), std::string::npos) << run.out;
}

TEST_F(ReportTest, ConsumptionListsEveryRunningGroupWithItsCommittedOffsets) {
  const Credentials owner = local_env().user("acme.shop");
  ASSERT_EQ(produce_records(owner, orders(), k_records), "");
  const std::string billing = m_domain + ".billing";
  const std::string analytics = m_domain + ".analytics";
  const RunningConsumer billing_consumer(owner, orders(), billing);
  const RunningConsumer analytics_consumer(owner, orders(), analytics);
  ASSERT_EQ(billing_consumer.error(), "");
  ASSERT_EQ(analytics_consumer.error(), "");
  const auto deadline = Clock::now() + 60s;
  while ((billing_consumer.committed() < k_records || analytics_consumer.committed() < k_records)
         && Clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(billing_consumer.committed(), k_records);
  ASSERT_EQ(analytics_consumer.committed(), k_records);

  const RunResult run = report("consumption");

  ASSERT_EQ(run.exit_code, 0) << run.describe();
  const json document = run.json();
  ASSERT_TRUE(document.contains(orders())) << run.out;
  EXPECT_FALSE(document.contains(cart())) << run.out;
  const json& groups = document[orders()]["groups"];
  ASSERT_EQ(groups.size(), 2u) << run.out;
  EXPECT_EQ(groups[0]["id"], analytics);
  EXPECT_EQ(groups[1]["id"], billing);
  for (const json& group : groups) {
    EXPECT_EQ(group["offsetTotal"], k_records) << group.dump();
    EXPECT_EQ(group["partitions"].size(), static_cast<std::size_t>(k_partitions)) << group.dump();
    ASSERT_EQ(group["members"].size(), 1u) << group.dump();
    EXPECT_EQ(group["members"][0]["clientId"], group["id"].get<std::string>() + "-client");
  }
  // The original's single-object fields, for its first group.
  EXPECT_EQ(document[orders()]["id"], analytics);
  EXPECT_EQ(document[orders()]["offsetTotal"], k_records);
  EXPECT_EQ(document["groups"].size(), 2u) << run.out;
}

} // namespace
} // namespace specmesh::itest
