#include "support.hpp"

#include <specmesh/cli/run.hpp>
#include <specmesh/registry/connect.hpp>
#include <specmesh/shell.hpp>
#include <specmesh/text.hpp>

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace specmesh::itest {

namespace {

using Clock = std::chrono::steady_clock;

LocalEnv read_local_env() {
  LocalEnv env;
  const std::string start_hint = "start it with: scripts/local-env.sh up";
  const CommandOutput status =
      capture_output(std::string(SPECMESH_LOCAL_ENV) + " status --output json 2>&1");
  std::string text = status.out;
  if (status.exit_code != 0) {
    const char* home = std::getenv("SPECMESH_LOCAL_HOME");
    const char* user_home = std::getenv("HOME");
    const std::filesystem::path file =
        home != nullptr ? std::filesystem::path(home) / "env.json"
                        : std::filesystem::path(user_home != nullptr ? user_home : "")
                              / ".specmesh/local/env.json";
    env.problem = "the local Kafka environment is not running ('local-env.sh status' said: "
                  + trim(status.out) + "); " + start_hint;
    if (!std::filesystem::exists(file)) {
      return env;
    }
    std::ifstream in(file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  try {
    const nlohmann::json json = nlohmann::json::parse(text);
    env.bootstrap = json.at("bootstrap_servers").get<std::string>();
    env.admin.username = json.at("admin").at("username").get<std::string>();
    env.admin.password = json.at("admin").at("password").get<std::string>();
    env.registry_url = json.at("schema_registry_url").get<std::string>();
    env.registry_https_url = json.at("schema_registry_https_url").get<std::string>();
    env.registry_ca_file = json.at("schema_registry_ca_file").get<std::string>();
    for (const nlohmann::json& user : json.at("users")) {
      const auto name = user.at("username").get<std::string>();
      env.passwords[name] = user.at("password").get<std::string>();
      env.certificates[name] = {user.at("client_cert").get<std::string>(),
                                user.at("client_key").get<std::string>()};
    }
    const nlohmann::json& admin = json.at("admin");
    env.certificates[env.admin.username] = {admin.at("client_cert").get<std::string>(),
                                            admin.at("client_key").get<std::string>()};
    for (const nlohmann::json& listener : json.at("listeners")) {
      const auto field = [&](const char* key) {
        return listener.at(key).is_null() ? std::string() : listener.at(key).get<std::string>();
      };
      env.listeners.push_back({field("name"),
                               field("bootstrap_servers"),
                               field("security_protocol"),
                               field("sasl_mechanism"),
                               field("ca_file")});
    }
    const nlohmann::json& s3 = json.at("s3");
    env.s3 = {s3.at("endpoint").get<std::string>(),
              s3.at("region").get<std::string>(),
              s3.at("admin").at("access_key").get<std::string>(),
              s3.at("admin").at("secret_key").get<std::string>()};
    for (const nlohmann::json& broker : json.at("brokers")) {
      env.brokers.push_back({broker.at("id").get<int>(),
                             broker.at("controller").get<bool>(),
                             broker.at("log_dirs").get<std::string>()});
    }
  } catch (const std::exception& e) {
    env.problem = std::string("cannot read the local environment's connection info (") + e.what()
                  + "); " + start_hint;
    return env;
  }
  if (status.exit_code != 0) {
    // env.json exists but `status` failed: only trust it if the broker answers.
    const kafka::Connection connection{.bootstrap_servers = env.bootstrap,
                                       .username = env.admin.username,
                                       .password = env.admin.password,
                                       .timeout = std::chrono::seconds(5)};
    if (auto admin = kafka::make_kafka_admin(connection); !admin) {
      env.problem +=
          " [env.json found but the broker does not answer: " + admin.error().message + "]";
      return env;
    }
  }
  env.problem.clear();
  return env;
}

struct RdKafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

Handle new_client(rd_kafka_type_t type, rd_kafka_conf_t* conf, std::string& error) {
  std::array<char, 512> errstr{};
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr.data(), errstr.size());
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    error = errstr.data();
  }
  return Handle(rk);
}

Attempt failed(rd_kafka_resp_err_t err, const std::string& message) {
  return Attempt{false, rd_kafka_err2name(err), message};
}

Attempt setup_failure(const std::string& message) {
  return Attempt{false, "SETUP", message};
}

int ms(std::chrono::milliseconds duration) {
  return static_cast<int>(duration.count());
}

} // namespace

Credentials LocalEnv::user(const std::string& name) const {
  const auto found = passwords.find(name);
  return Credentials{name, found == passwords.end() ? "" : found->second, {}};
}

Credentials LocalEnv::user(const std::string& name, const std::string& listener_name) const {
  Credentials credentials = name == admin.username ? admin : user(name);
  const Listener on = listener(listener_name);
  auto& settings = credentials.client_settings;
  settings = {{"bootstrap.servers", on.bootstrap}, {"security.protocol", on.security_protocol}};
  if (!on.sasl_mechanism.empty()) {
    settings["sasl.mechanisms"] = on.sasl_mechanism;
    settings["sasl.username"] = credentials.username;
    settings["sasl.password"] = credentials.password;
  }
  if (!on.ca_file.empty()) {
    settings["ssl.ca.location"] = on.ca_file;
  }
  if (on.security_protocol == "SSL") {
    const auto certificate = certificates.find(name);
    EXPECT_NE(certificate, certificates.end())
        << "the local environment has no certificate of " << name;
    if (certificate != certificates.end()) {
      settings["ssl.certificate.location"] = certificate->second.cert_file;
      settings["ssl.key.location"] = certificate->second.key_file;
    }
  }
  return credentials;
}

Listener LocalEnv::listener(const std::string& name) const {
  for (const Listener& listener : listeners) {
    if (listener.name == name) {
      return listener;
    }
  }
  ADD_FAILURE() << "the local environment has no listener " << name;
  return {};
}

const LocalEnv& local_env() {
  static const LocalEnv env = read_local_env();
  return env;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

std::string random_hex(std::size_t digits) {
  static std::mt19937_64 generator{std::random_device{}()};
  static const char* const hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < digits; ++i) {
    out += hex[generator() % 16];
  }
  return out;
}

std::string unique_domain(const std::string& suffix) {
  return "itest" + random_hex(8) + "." + suffix;
}

TempDir::TempDir()
    : m_path(std::filesystem::temp_directory_path() / ("specmesh-itest-" + random_hex(12))) {
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  const std::filesystem::path file = m_path / name;
  std::ofstream out(file, std::ios::trunc);
  out << text;
  return file.string();
}

nlohmann::json RunResult::json() const {
  return nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
}

std::string RunResult::describe() const {
  return "exit " + std::to_string(exit_code) + " after " + std::to_string(elapsed.count())
         + " ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err
         + (process_stderr.empty() ? "" : "--- process fd 2 ---\n" + process_stderr);
}

namespace {

RunResult run_in_process(const std::vector<std::string>& args, bool capture_stderr) {
  std::ostringstream out;
  std::ostringstream err;
  cli::Environment env{.out = out,
                       .err = err,
                       .connect_kafka = kafka::make_kafka_admin,
                       .connect_registry = registry::make_schema_registry};
  RunResult result;
  if (capture_stderr) {
    ::testing::internal::CaptureStderr();
  }
  const auto start = Clock::now();
  result.exit_code = cli::run(args, env);
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (capture_stderr) {
    result.process_stderr = ::testing::internal::GetCapturedStderr();
  }
  result.out = out.str();
  result.err = err.str();
  return result;
}

} // namespace

RunResult run_specmesh(const std::vector<std::string>& args) {
  return run_in_process(args, true);
}

std::vector<RunResult> run_specmesh_together(const std::vector<std::vector<std::string>>& runs) {
  std::vector<RunResult> results(runs.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = run_in_process(runs[i], false); });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  return results;
}

rd_kafka_conf_t* client_conf(const Credentials& user,
                             const std::map<std::string, std::string>& extra,
                             std::string& error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::map<std::string, std::string> settings = user.client_settings;
  if (settings.empty()) {
    settings = {{"bootstrap.servers", local_env().bootstrap},
                {"security.protocol", "SASL_PLAINTEXT"},
                {"sasl.mechanisms", "PLAIN"},
                {"sasl.username", user.username},
                {"sasl.password", user.password}};
  }
  settings["client.id"] = "specmesh-itest";
  for (const auto& [key, value] : extra) {
    settings[key] = value;
  }
  std::array<char, 512> errstr{};
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr.data(), errstr.size())
        != RD_KAFKA_CONF_OK) {
      error = key + ": " + errstr.data();
      rd_kafka_conf_destroy(conf);
      return nullptr;
    }
  }
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
  return conf;
}

std::vector<std::string> connection_args(const std::string& registry_url) {
  return {"--bootstrap-server",
          local_env().bootstrap,
          "--username",
          local_env().admin.username,
          "--secret",
          local_env().admin.password,
          "--schema-registry",
          registry_url.empty() ? local_env().registry_url : registry_url};
}

std::size_t count_occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) {
    ++count;
  }
  return count;
}

std::int64_t log_file_bytes(const std::filesystem::path& data_dir, const std::string& topic) {
  std::int64_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir)) {
    const std::string name = entry.path().filename().string();
    const auto dash = name.rfind('-');
    if (!entry.is_directory() || dash == std::string::npos || name.substr(0, dash) != topic) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(entry.path())) {
      if (file.path().extension() == ".log") {
        bytes += static_cast<std::int64_t>(file.file_size());
      }
    }
  }
  return bytes;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return text;
}

std::vector<std::string> admin_args(const std::string& listener) {
  const Credentials admin = local_env().user(local_env().admin.username, listener);
  std::vector<std::string> args;
  for (const auto& [key, value] : admin.client_settings) {
    if (key == "bootstrap.servers") {
      args.insert(args.end(), {"--bootstrap-server", value});
    } else if (key == "sasl.username") {
      args.insert(args.end(), {"--username", value});
    } else if (key == "sasl.password") {
      args.insert(args.end(), {"--secret", value});
    } else {
      std::string setting = key;
      setting.append("=").append(value);
      args.insert(args.end(), {"-D", std::move(setting)});
    }
  }
  return args;
}

std::vector<std::string> admin_kafka_args() {
  return {"--bootstrap-server",
          local_env().bootstrap,
          "--username",
          local_env().admin.username,
          "--secret",
          local_env().admin.password};
}

std::vector<std::string> admin_args() {
  return concat(admin_kafka_args(), {"--sr-disabled"});
}

std::vector<std::string> concat(std::vector<std::string> first,
                                const std::vector<std::string>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

std::map<std::string, std::string> states(const nlohmann::json& plan, const std::string& kind) {
  std::map<std::string, std::string> out;
  if (plan.is_object() && plan.contains(kind)) {
    for (const nlohmann::json& entry : plan.at(kind)) {
      out[entry.at("name").get<std::string>()] = entry.at("state").get<std::string>();
    }
  }
  return out;
}

int count_state(const nlohmann::json& plan, const std::string& kind, const std::string& state) {
  int count = 0;
  for (const auto& [name, found] : states(plan, kind)) {
    count += found == state ? 1 : 0;
  }
  return count;
}

nlohmann::json item(const nlohmann::json& plan, const std::string& kind, const std::string& name) {
  if (plan.is_object() && plan.contains(kind)) {
    for (const nlohmann::json& entry : plan.at(kind)) {
      if (entry.at("name") == name) {
        return entry;
      }
    }
  }
  return nullptr;
}

kafka::Connection admin_connection() {
  return kafka::Connection{.bootstrap_servers = local_env().bootstrap,
                           .username = local_env().admin.username,
                           .password = local_env().admin.password,
                           .timeout = std::chrono::seconds(15)};
}

std::unique_ptr<ports::KafkaAdmin> connect_admin(std::string& error) {
  auto admin = kafka::make_kafka_admin(admin_connection());
  if (!admin) {
    error = admin.error().message;
    return nullptr;
  }
  return std::move(*admin);
}

bool in_scope(const std::string& name, const std::string& domain) {
  return name == domain || name.starts_with(domain + ".");
}

std::map<std::string, ports::TopicDescription> scope_topics(ports::KafkaAdmin& admin,
                                                            const std::string& domain) {
  std::map<std::string, ports::TopicDescription> out;
  auto topics = admin.describe_topics(domain);
  if (!topics) {
    ADD_FAILURE() << "describe_topics(" << domain << "): " << topics.error().message;
    return out;
  }
  for (ports::TopicDescription& description : *topics) {
    if (in_scope(description.topic.name, domain)) {
      out[description.topic.name] = std::move(description);
    }
  }
  return out;
}

std::set<std::string> scope_acls(ports::KafkaAdmin& admin,
                                 const std::string& domain,
                                 const std::string& cluster_principal) {
  std::set<std::string> out;
  auto acls = admin.describe_acls();
  if (!acls) {
    ADD_FAILURE() << "describe_acls: " << acls.error().message;
    return out;
  }
  for (const plan::AclBinding& acl : *acls) {
    if (acl.resource_type == plan::ResourceType::cluster
            ? !cluster_principal.empty() && acl.principal == cluster_principal
            : in_scope(acl.resource_name, domain)) {
      out.insert(acl.name());
    }
  }
  return out;
}

std::set<std::string> all_acls(ports::KafkaAdmin& admin) {
  std::set<std::string> out;
  auto acls = admin.describe_acls();
  if (!acls) {
    ADD_FAILURE() << "describe_acls: " << acls.error().message;
    return out;
  }
  for (const plan::AclBinding& acl : *acls) {
    out.insert(acl.name());
  }
  return out;
}

std::set<std::string> metadata_topics(std::chrono::milliseconds timeout) {
  std::set<std::string> out;
  std::string error;
  rd_kafka_conf_t* conf = client_conf(local_env().admin, {}, error);
  if (conf == nullptr) {
    ADD_FAILURE() << error;
    return out;
  }
  Handle rk = new_client(RD_KAFKA_PRODUCER, conf, error);
  if (!rk) {
    ADD_FAILURE() << error;
    return out;
  }
  const rd_kafka_metadata_t* metadata = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &metadata, ms(timeout));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    ADD_FAILURE() << "metadata: " << rd_kafka_err2str(err);
    return out;
  }
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    out.insert(metadata->topics[i].topic);
  }
  rd_kafka_metadata_destroy(metadata);
  return out;
}

std::string ensure_consumer_offsets(const std::string& topic, const std::string& group) {
  return commit_offset(group, topic, 0, 0);
}

std::string commit_offset(const std::string& group,
                          const std::string& topic,
                          int partition,
                          std::int64_t offset) {
  std::string error;
  rd_kafka_conf_t* conf =
      client_conf(local_env().admin, {{"group.id", group}, {"enable.auto.commit", "false"}}, error);
  if (conf == nullptr) {
    return error;
  }
  Handle rk = new_client(RD_KAFKA_CONSUMER, conf, error);
  if (!rk) {
    return error;
  }
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(offsets, topic.c_str(), partition)->offset = offset;
  const rd_kafka_resp_err_t err = rd_kafka_commit(rk.get(), offsets, 0);
  rd_kafka_topic_partition_list_destroy(offsets);
  rd_kafka_consumer_close(rk.get());
  return err == RD_KAFKA_RESP_ERR_NO_ERROR ? "" : rd_kafka_err2str(err);
}

void cleanup_domains(const std::vector<std::string>& domains) {
  std::string error;
  auto admin = connect_admin(error);
  if (admin == nullptr) {
    return;
  }
  auto acls = admin->describe_acls();
  std::vector<plan::AclBinding> doomed_acls;
  std::vector<std::string> doomed_topics;
  for (const std::string& domain : domains) {
    if (acls) {
      for (const plan::AclBinding& acl : *acls) {
        if (acl.resource_type == plan::ResourceType::cluster
                ? acl.principal == "User:" + domain
                : in_scope(acl.resource_name, domain)) {
          doomed_acls.push_back(acl);
        }
      }
    }
    for (const auto& [name, description] : scope_topics(*admin, domain)) {
      doomed_topics.push_back(name);
    }
  }
  if (!doomed_acls.empty()) {
    admin->delete_acls(doomed_acls);
  }
  if (!doomed_topics.empty()) {
    admin->delete_topics(doomed_topics);
  }
}

void DomainTest::SetUp() {
  ASSERT_TRUE(local_env().problem.empty()) << local_env().problem;
  std::string error;
  m_admin = connect_admin(error);
  ASSERT_NE(m_admin, nullptr) << "admin connection to the local broker: " << error;
  m_run = "itest" + random_hex(8);
}

void DomainTest::TearDown() {
  cleanup_domains(m_domains);
}

std::string DomainTest::domain(const std::string& name) {
  m_domains.push_back(m_run + "." + name);
  return m_domains.back();
}

std::string acl_name(plan::ResourceType type,
                     const std::string& name,
                     plan::PatternType pattern,
                     const std::string& principal,
                     plan::AclOperation operation) {
  plan::AclBinding acl;
  acl.resource_type = type;
  acl.resource_name = name;
  acl.pattern_type = pattern;
  acl.principal = principal;
  acl.operation = operation;
  return acl.name();
}

std::set<std::string> expected_acls(const std::string& domain,
                                    const std::string& owner,
                                    const std::string& protected_topic,
                                    const std::vector<std::string>& grants,
                                    bool original_acls) {
  using plan::AclOperation;
  using plan::PatternType;
  using plan::ResourceType;
  const std::string user = "User:" + owner;
  const std::string owned = original_acls ? domain : domain + ".";
  std::set<std::string> out;
  for (const AclOperation op :
       {AclOperation::describe, AclOperation::read, AclOperation::write, AclOperation::remove}) {
    out.insert(acl_name(ResourceType::topic, owned, PatternType::prefixed, user, op));
  }
  out.insert(acl_name(ResourceType::topic,
                      domain + "._private",
                      PatternType::prefixed,
                      user,
                      AclOperation::create));
  for (const AclOperation op : {AclOperation::describe, AclOperation::write}) {
    out.insert(acl_name(ResourceType::transactional_id, owned, PatternType::prefixed, user, op));
  }
  for (const AclOperation op : {AclOperation::read, AclOperation::remove}) {
    out.insert(acl_name(ResourceType::group, owned, PatternType::prefixed, user, op));
  }
  out.insert(acl_name(ResourceType::cluster,
                      "kafka-cluster",
                      PatternType::prefixed,
                      user,
                      AclOperation::idempotent_write));
  for (const AclOperation op : {AclOperation::describe, AclOperation::read}) {
    out.insert(
        acl_name(ResourceType::topic, domain + "._public", PatternType::prefixed, "User:*", op));
    for (const std::string& grant : grants) {
      out.insert(acl_name(
          ResourceType::topic, protected_topic, PatternType::literal, "User:" + grant, op));
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Clients
// ------------------------------------------------------------------------------------------

Attempt produce(const Credentials& user,
                const std::string& topic,
                const std::string& value,
                std::chrono::milliseconds timeout) {
  std::string error;
  rd_kafka_conf_t* conf =
      client_conf(user, {{"message.timeout.ms", std::to_string(timeout.count())}}, error);
  if (conf == nullptr) {
    return setup_failure(error);
  }
  struct Report {
    bool delivered = false;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__MSG_TIMED_OUT;
  } report;
  rd_kafka_conf_set_opaque(conf, &report);
  rd_kafka_conf_set_dr_msg_cb(conf,
                              [](rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
                                auto* out = static_cast<Report*>(opaque);
                                out->delivered = true;
                                out->err = message->err;
                              });
  Handle rk = new_client(RD_KAFKA_PRODUCER, conf, error);
  if (!rk) {
    return setup_failure(error);
  }
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr);
  std::string payload = value;
  const int queued = rd_kafka_produce(rkt,
                                      RD_KAFKA_PARTITION_UA,
                                      RD_KAFKA_MSG_F_COPY,
                                      payload.data(),
                                      payload.size(),
                                      nullptr,
                                      0,
                                      nullptr);
  if (queued != 0) {
    const rd_kafka_resp_err_t err = rd_kafka_last_error();
    rd_kafka_topic_destroy(rkt);
    return failed(err, "produce() refused the record");
  }
  const auto deadline = Clock::now() + timeout + std::chrono::seconds(2);
  while (!report.delivered && Clock::now() < deadline) {
    rd_kafka_poll(rk.get(), 50);
  }
  rd_kafka_topic_destroy(rkt);
  rd_kafka_purge(rk.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_poll(rk.get(), 0);
  if (!report.delivered) {
    return failed(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, "no delivery report");
  }
  if (report.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return failed(report.err, rd_kafka_err2str(report.err));
  }
  return Attempt{true, "", ""};
}

Attempt consume_one(const Credentials& user,
                    const std::string& topic,
                    const std::string& group,
                    std::chrono::milliseconds timeout) {
  std::string error;
  rd_kafka_conf_t* conf = client_conf(user,
                                      {{"group.id", group},
                                       {"auto.offset.reset", "earliest"},
                                       {"enable.auto.commit", "false"},
                                       {"allow.auto.create.topics", "false"},
                                       {"topic.metadata.refresh.interval.ms", "500"}},
                                      error);
  if (conf == nullptr) {
    return setup_failure(error);
  }
  Handle rk = new_client(RD_KAFKA_CONSUMER, conf, error);
  if (!rk) {
    return setup_failure(error);
  }
  rd_kafka_poll_set_consumer(rk.get());
  rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
  const rd_kafka_resp_err_t subscribed = rd_kafka_subscribe(rk.get(), subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (subscribed != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return failed(subscribed, "subscribe failed");
  }
  Attempt result = failed(RD_KAFKA_RESP_ERR__TIMED_OUT, "no record and no error in time");
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(rk.get(), 100);
    if (message == nullptr) {
      continue;
    }
    const rd_kafka_resp_err_t err = message->err;
    const std::string text =
        err == RD_KAFKA_RESP_ERR_NO_ERROR ? "" : rd_kafka_message_errstr(message);
    rd_kafka_message_destroy(message);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      result = Attempt{true, "", ""};
      break;
    }
    if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      continue;
    }
    result = failed(err, text);
    const std::string name = rd_kafka_err2name(err);
    if (name.ends_with("AUTHORIZATION_FAILED")) {
      break; // denied: final
    }
  }
  rd_kafka_consumer_close(rk.get());
  return result;
}

Attempt
create_topic(const Credentials& user, const std::string& topic, std::chrono::milliseconds timeout) {
  std::string error;
  rd_kafka_conf_t* conf = client_conf(user, {}, error);
  if (conf == nullptr) {
    return setup_failure(error);
  }
  Handle rk = new_client(RD_KAFKA_PRODUCER, conf, error);
  if (!rk) {
    return setup_failure(error);
  }
  std::array<char, 512> errstr{};
  rd_kafka_NewTopic_t* new_topic =
      rd_kafka_NewTopic_new(topic.c_str(), 1, -1, errstr.data(), errstr.size());
  if (new_topic == nullptr) {
    return setup_failure(errstr.data());
  }
  rd_kafka_AdminOptions_t* options =
      rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_request_timeout(options, ms(timeout), errstr.data(), errstr.size());
  rd_kafka_AdminOptions_set_operation_timeout(options, ms(timeout), errstr.data(), errstr.size());
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk.get());
  rd_kafka_CreateTopics(rk.get(), &new_topic, 1, options, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, ms(timeout) + 2000);
  Attempt result = failed(RD_KAFKA_RESP_ERR__TIMED_OUT, "no CreateTopics result");
  if (event != nullptr) {
    if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      result = failed(rd_kafka_event_error(event), rd_kafka_event_error_string(event));
    } else {
      std::size_t count = 0;
      const rd_kafka_topic_result_t** results =
          rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
      if (count == 1) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[0]);
        const char* text = rd_kafka_topic_result_error_string(results[0]);
        result = err == RD_KAFKA_RESP_ERR_NO_ERROR
                     ? Attempt{true, "", ""}
                     : failed(err, text != nullptr ? text : rd_kafka_err2str(err));
      }
    }
    rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_NewTopic_destroy(new_topic);
  return result;
}

Attempt init_transactions(const Credentials& user,
                          const std::string& transactional_id,
                          std::chrono::milliseconds timeout) {
  std::string error;
  rd_kafka_conf_t* conf = client_conf(
      user,
      {{"transactional.id", transactional_id},
       {"transaction.timeout.ms", std::to_string(std::max<std::int64_t>(timeout.count(), 1000))}},
      error);
  if (conf == nullptr) {
    return setup_failure(error);
  }
  Handle rk = new_client(RD_KAFKA_PRODUCER, conf, error);
  if (!rk) {
    return setup_failure(error);
  }
  rd_kafka_error_t* failure = rd_kafka_init_transactions(rk.get(), ms(timeout));
  if (failure == nullptr) {
    return Attempt{true, "", ""};
  }
  Attempt result = failed(rd_kafka_error_code(failure), rd_kafka_error_string(failure));
  rd_kafka_error_destroy(failure);
  return result;
}

} // namespace specmesh::itest
