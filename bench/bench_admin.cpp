// The benchmark's helper for the broker: the "floor" baseline and the scenario seeding.
//
//   bench_admin create PLAN.json               create the plan's topics, then its ACLs
//   bench_admin commit PLAN.json GROUP...      commit offset 0 on every partition of the plan's
//                                              topics for each group (consumption seeding)
//   common options: --bootstrap HOST:PORT --user NAME --password SECRET (SASL/PLAIN)
//
// PLAN.json is `specmesh plan --offline --output json`, so the floor creates exactly what
// specmesh would. It is deliberately minimal: librdkafka's C API, no reads, each kind of
// resource in as few requests as the broker accepts (one, unless KRaft's per-request record
// limit cuts it: kafka/request_batches.hpp, the same rule specmesh follows). That is what the
// broker itself allows, the lower bound for any provisioning tool.
// Prints one JSON line: counts, seconds per phase, failures (exit 1 if any item failed).
#include "kafka/request_batches.hpp"

#include <librdkafka/rdkafka.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int k_timeout_ms = 300'000;

struct Options {
  std::string command;
  std::string plan_path;
  std::vector<std::string> groups;
  std::string bootstrap = "127.0.0.1:19092";
  std::string user = "admin";
  std::string password = "admin-secret";
};

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }
  void operator()(rd_kafka_event_t* event) const { rd_kafka_event_destroy(event); }
  void operator()(rd_kafka_AdminOptions_t* options) const {
    rd_kafka_AdminOptions_destroy(options);
  }
};
using Kafka = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using Queue = std::unique_ptr<rd_kafka_queue_t, KafkaDeleter>;
using Event = std::unique_ptr<rd_kafka_event_t, KafkaDeleter>;
using AdminOptions = std::unique_ptr<rd_kafka_AdminOptions_t, KafkaDeleter>;

[[noreturn]] void die(const std::string& message) {
  std::cerr << "bench_admin: " << message << '\n';
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        die(std::string(arg) + " needs a value");
      }
      return argv[++i];
    };
    if (arg == "--bootstrap") {
      options.bootstrap = value();
    } else if (arg == "--user") {
      options.user = value();
    } else if (arg == "--password") {
      options.password = value();
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.size() < 2) {
    die("usage: bench_admin create|commit PLAN.json [GROUP...] [--bootstrap B] "
        "[--user U] [--password P]");
  }
  options.command = positional[0];
  options.plan_path = positional[1];
  options.groups.assign(positional.begin() + 2, positional.end());
  return options;
}

Kafka connect(const Options& options) {
  std::array<char, 512> errstr{};
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // As specmesh does: no KIP-714 metrics push, whose final push can hold rd_kafka_destroy 1 s.
  const std::array<std::pair<const char*, std::string>, 6> settings{{
      {"bootstrap.servers", options.bootstrap},
      {"enable.metrics.push", "false"},
      {"security.protocol", "SASL_PLAINTEXT"},
      {"sasl.mechanism", "PLAIN"},
      {"sasl.username", options.user},
      {"sasl.password", options.password},
  }};
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key, value.c_str(), errstr.data(), errstr.size())
        != RD_KAFKA_CONF_OK) {
      die(std::string(key) + ": " + errstr.data());
    }
  }
  Kafka rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size()));
  if (!rk) {
    die(errstr.data());
  }
  return rk;
}

AdminOptions admin_options(rd_kafka_t* rk, rd_kafka_admin_op_t op) {
  AdminOptions options(rd_kafka_AdminOptions_new(rk, op));
  std::array<char, 512> errstr{};
  rd_kafka_AdminOptions_set_request_timeout(
      options.get(), k_timeout_ms, errstr.data(), errstr.size());
  rd_kafka_AdminOptions_set_operation_timeout(
      options.get(), k_timeout_ms, errstr.data(), errstr.size());
  return options;
}

Event await(rd_kafka_queue_t* queue) {
  Event event(rd_kafka_queue_poll(queue, k_timeout_ms + 10'000));
  if (!event) {
    die("no answer from the broker in time");
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    die(rd_kafka_event_error_string(event.get()));
  }
  return event;
}

/// One unit cost per item: an ACL writes one metadata record.
std::vector<std::pair<std::size_t, std::size_t>> batches_of_single_records(std::size_t count) {
  return specmesh::kafka::request_batches(std::vector<std::size_t>(count, 1));
}

rd_kafka_ResourceType_t resource_type(const std::string& name) {
  if (name == "TOPIC") {
    return RD_KAFKA_RESOURCE_TOPIC;
  }
  if (name == "GROUP") {
    return RD_KAFKA_RESOURCE_GROUP;
  }
  if (name == "CLUSTER") {
    return RD_KAFKA_RESOURCE_BROKER; // librdkafka's name for Kafka's CLUSTER (code 4)
  }
  if (name == "TRANSACTIONAL_ID") {
    return RD_KAFKA_RESOURCE_TRANSACTIONAL_ID;
  }
  die("unknown resourceType " + name);
}

rd_kafka_AclOperation_t operation(const std::string& name) {
  static const std::array<std::pair<std::string_view, rd_kafka_AclOperation_t>, 11> operations{{
      {"ALL", RD_KAFKA_ACL_OPERATION_ALL},
      {"READ", RD_KAFKA_ACL_OPERATION_READ},
      {"WRITE", RD_KAFKA_ACL_OPERATION_WRITE},
      {"CREATE", RD_KAFKA_ACL_OPERATION_CREATE},
      {"DELETE", RD_KAFKA_ACL_OPERATION_DELETE},
      {"ALTER", RD_KAFKA_ACL_OPERATION_ALTER},
      {"DESCRIBE", RD_KAFKA_ACL_OPERATION_DESCRIBE},
      {"CLUSTER_ACTION", RD_KAFKA_ACL_OPERATION_CLUSTER_ACTION},
      {"DESCRIBE_CONFIGS", RD_KAFKA_ACL_OPERATION_DESCRIBE_CONFIGS},
      {"ALTER_CONFIGS", RD_KAFKA_ACL_OPERATION_ALTER_CONFIGS},
      {"IDEMPOTENT_WRITE", RD_KAFKA_ACL_OPERATION_IDEMPOTENT_WRITE},
  }};
  for (const auto& [text, value] : operations) {
    if (text == name) {
      return value;
    }
  }
  die("unknown operation " + name);
}

std::vector<rd_kafka_AclBinding_t*> acl_bindings(const json& plan) {
  std::vector<rd_kafka_AclBinding_t*> bindings;
  std::array<char, 512> errstr{};
  for (const json& acl : plan.at("acls")) {
    rd_kafka_AclBinding_t* binding = rd_kafka_AclBinding_new(
        resource_type(acl.at("resourceType")),
        acl.at("resourceName").get<std::string>().c_str(),
        acl.at("patternType") == "PREFIXED" ? RD_KAFKA_RESOURCE_PATTERN_PREFIXED
                                            : RD_KAFKA_RESOURCE_PATTERN_LITERAL,
        acl.at("principal").get<std::string>().c_str(),
        acl.at("host").get<std::string>().c_str(),
        operation(acl.at("operation")),
        acl.at("permissionType") == "ALLOW" ? RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW
                                            : RD_KAFKA_ACL_PERMISSION_TYPE_DENY,
        errstr.data(),
        errstr.size());
    if (binding == nullptr) {
      die(std::string("acl: ") + errstr.data());
    }
    bindings.push_back(binding);
  }
  return bindings;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Failures in a topic result array, printed to stderr (first few) and counted.
std::size_t count_topic_failures(const rd_kafka_topic_result_t** results, std::size_t count) {
  std::size_t failures = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto err = rd_kafka_topic_result_error(results[i]);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (failures++ < 3) {
        std::cerr << rd_kafka_topic_result_name(results[i]) << ": "
                  << rd_kafka_topic_result_error_string(results[i]) << '\n';
      }
    }
  }
  return failures;
}

std::size_t create_topics(rd_kafka_t* rk, const json& plan) {
  const json& topics = plan.at("topics");
  std::vector<std::size_t> costs;
  for (const json& topic : topics) {
    costs.push_back(specmesh::kafka::topic_records(topic.at("partitions").get<int>(),
                                                   topic.at("config").size()));
  }
  std::size_t failures = 0;
  const Queue queue(rd_kafka_queue_new(rk));
  std::array<char, 512> errstr{};
  for (const auto& [begin, end] : specmesh::kafka::request_batches(costs)) {
    std::vector<rd_kafka_NewTopic_t*> requests;
    for (std::size_t i = begin; i < end; ++i) {
      const json& topic = topics[i];
      rd_kafka_NewTopic_t* request =
          rd_kafka_NewTopic_new(topic.at("name").get<std::string>().c_str(),
                                topic.at("partitions").get<int>(),
                                topic.at("replication").get<int>(),
                                errstr.data(),
                                errstr.size());
      if (request == nullptr) {
        die(std::string("topic: ") + errstr.data());
      }
      for (const auto& [key, value] : topic.at("config").items()) {
        rd_kafka_NewTopic_set_config(request, key.c_str(), value.get<std::string>().c_str());
      }
      requests.push_back(request);
    }
    const auto options = admin_options(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_CreateTopics(rk, requests.data(), requests.size(), options.get(), queue.get());
    const Event event = await(queue.get());
    std::size_t count = 0;
    const auto** results = rd_kafka_CreateTopics_result_topics(
        rd_kafka_event_CreateTopics_result(event.get()), &count);
    failures += count_topic_failures(results, count);
    rd_kafka_NewTopic_destroy_array(requests.data(), requests.size());
  }
  return failures;
}

std::size_t create_acls(rd_kafka_t* rk, const json& plan) {
  std::vector<rd_kafka_AclBinding_t*> bindings = acl_bindings(plan);
  std::size_t failures = 0;
  const Queue queue(rd_kafka_queue_new(rk));
  for (const auto& [begin, end] : batches_of_single_records(bindings.size())) {
    const auto options = admin_options(rk, RD_KAFKA_ADMIN_OP_CREATEACLS);
    rd_kafka_CreateAcls(rk, bindings.data() + begin, end - begin, options.get(), queue.get());
    const Event event = await(queue.get());
    std::size_t count = 0;
    const auto** results =
        rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(event.get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      if (const rd_kafka_error_t* error = rd_kafka_acl_result_error(results[i]);
          error != nullptr && failures++ < 3) {
        std::cerr << "acl: " << rd_kafka_error_string(error) << '\n';
      }
    }
  }
  rd_kafka_AclBinding_destroy_array(bindings.data(), bindings.size());
  return failures;
}

/// Offset 0 on every partition of the plan's topics, one AlterConsumerGroupOffsets per group.
std::size_t
commit_offsets(rd_kafka_t* rk, const json& plan, const std::vector<std::string>& groups) {
  rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(0);
  for (const json& topic : plan.at("topics")) {
    for (int p = 0; p < topic.at("partitions").get<int>(); ++p) {
      rd_kafka_topic_partition_list_add(partitions, topic.at("name").get<std::string>().c_str(), p)
          ->offset = 0;
    }
  }
  std::size_t failures = 0;
  const Queue queue(rd_kafka_queue_new(rk));
  for (const std::string& group : groups) {
    rd_kafka_AlterConsumerGroupOffsets_t* request =
        rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), partitions);
    const auto options = admin_options(rk, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS);
    rd_kafka_AlterConsumerGroupOffsets(rk, &request, 1, options.get(), queue.get());
    const Event event = await(queue.get());
    std::size_t count = 0;
    const auto** results = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event.get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      if (const rd_kafka_error_t* error = rd_kafka_group_result_error(results[i]);
          error != nullptr && failures++ < 3) {
        std::cerr << group << ": " << rd_kafka_error_string(error) << '\n';
      }
    }
    rd_kafka_AlterConsumerGroupOffsets_destroy(request);
  }
  rd_kafka_topic_partition_list_destroy(partitions);
  return failures;
}

int run(int argc, char** argv) {
  const Options options = parse(argc, argv);
  std::ifstream in(options.plan_path);
  if (!in) {
    die("cannot read " + options.plan_path);
  }
  const json plan = json::parse(in, nullptr, false);
  if (plan.is_discarded()) {
    die(options.plan_path + " is not JSON");
  }
  const Kafka rk = connect(options);
  json result{{"command", options.command},
              {"topics", plan.at("topics").size()},
              {"acls", plan.at("acls").size()}};
  std::size_t failures = 0;
  const auto start = Clock::now();
  if (options.command == "create") {
    failures += create_topics(rk.get(), plan);
    result["topics_s"] = seconds_since(start);
    const auto acls_start = Clock::now();
    failures += create_acls(rk.get(), plan);
    result["acls_s"] = seconds_since(acls_start);
  } else if (options.command == "commit") {
    failures += commit_offsets(rk.get(), plan, options.groups);
    result["groups"] = options.groups.size();
  } else {
    die("unknown command " + options.command);
  }
  result["total_s"] = seconds_since(start);
  result["failures"] = failures;
  std::cout << result.dump() << '\n';
  return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) { // a plan without the expected fields
    std::cerr << "bench_admin: " << error.what() << '\n';
    return 2;
  }
}
