// Helpers for the provisioning acceptance tests: the running local environment
// (scripts/local-env.sh), unique domain ids, temporary spec files, `specmesh` run in-process
// through cli::run with the real Kafka adapter, and librdkafka clients acting as a given SASL
// user (producer, consumer, topic creation) to check what the provisioned ACLs allow.
#pragma once

#include <specmesh/kafka/connect.hpp>
#include <specmesh/plan/resources.hpp>
#include <specmesh/ports/kafka_admin.hpp>

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace specmesh::itest {

struct Credentials {
  std::string username;
  std::string password;
  /// The librdkafka settings that connect as this user on one listener; empty means
  /// SASL_PLAINTEXT/PLAIN on the default listener with `username` and `password`.
  std::map<std::string, std::string> client_settings;
};

/// A client listener of the local broker, from `listeners` in its env.json.
struct Listener {
  std::string name; ///< SASL_PLAINTEXT, SASL_SSL, SSL or PLAINTEXT
  std::string bootstrap;
  std::string security_protocol;
  std::string sasl_mechanism; ///< empty without SASL
  std::string ca_file;        ///< empty without TLS
};

/// A user's client certificate (CN = the user name), PEM files.
struct Certificate {
  std::string cert_file;
  std::string key_file;
};

/// A Kafka node of the local cluster, from `brokers` in its env.json.
struct Broker {
  int id = 0;
  bool controller = false;
  std::string log_dirs; ///< its data directory
};

/// The local S3 server, from `s3` in its env.json. Every user is an identity with access key
/// = its name and secret key = its password.
struct S3Server {
  std::string endpoint; ///< http://127.0.0.1:PORT
  std::string region;
  std::string admin_access_key;
  std::string admin_secret_key;
};

/// Connection info of the running local environment. `problem` is set (and says how to start
/// it) when it is not running: tests then FAIL with it, never skip.
struct LocalEnv {
  std::string problem;
  std::string bootstrap;
  Credentials admin;
  std::string registry_url;
  std::string registry_https_url; ///< the same registry over HTTPS, basic auth as any user
  std::string registry_ca_file;   ///< the CA of its certificate
  std::map<std::string, std::string> passwords; ///< user name -> password
  std::vector<Listener> listeners;
  std::map<std::string, Certificate> certificates; ///< user name (admin too) -> certificate
  std::vector<Broker> brokers;
  S3Server s3;

  /// The user's credentials; an empty password if the environment has no such user.
  Credentials user(const std::string& name) const;
  /// The same, with the client settings of `listener` (SASL with the password, or the user's
  /// client certificate on SSL).
  Credentials user(const std::string& name, const std::string& listener) const;
  /// The listener named `name`; a failed test and an empty one when there is none.
  Listener listener(const std::string& name) const;
};

/// Read once per process from `scripts/local-env.sh status --output json`, else from
/// `$SPECMESH_LOCAL_HOME/env.json` (default ~/.specmesh/local/env.json).
const LocalEnv& local_env();

/// Re-evaluates `done` until it holds or `limit` passes (the broker's metadata and authorizer
/// follow the controller by a few milliseconds); whether it held.
bool eventually(const std::function<bool()>& done,
                std::chrono::milliseconds limit = std::chrono::seconds(10));

/// `digits` random lower-case hex digits.
std::string random_hex(std::size_t digits);

/// A fresh domain id `itest<8 hex>.<suffix>`, so re-runs on a persistent broker never collide.
std::string unique_domain(const std::string& suffix = "shop");

/// A directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `text` to `<dir>/<name>` and returns the path as a string.
  std::string write(const std::string& name, const std::string& text) const;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

/// One in-process `specmesh` run.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  /// What the process itself wrote to file descriptor 2 meanwhile (e.g. librdkafka logs).
  std::string process_stderr;
  std::chrono::milliseconds elapsed{0};

  /// `out` parsed as JSON (a `null` document when it is not JSON).
  nlohmann::json json() const;
  /// For assertion messages.
  std::string describe() const;
};

/// Runs `specmesh <args...>` through cli::run with std::ostringstream streams and the real
/// kafka::make_kafka_admin and registry::make_schema_registry.
RunResult run_specmesh(const std::vector<std::string>& args);

/// Starts every run at once, each on a thread of its own, and waits for all of them. The
/// process's stderr is not captured (gtest can capture it for one run at a time only).
std::vector<RunResult> run_specmesh_together(const std::vector<std::vector<std::string>>& runs);

/// `--bootstrap-server <local> --username admin --secret <admin password>` (what the reports,
/// which take no registry flags, need).
std::vector<std::string> admin_kafka_args();

/// `--bootstrap-server <local> --username admin --secret <admin password> --sr-disabled`.
std::vector<std::string> admin_args();

/// `--bootstrap-server` and the `-D` settings (and `--username`/`--secret` for SASL) that
/// connect specmesh to `listener` as the admin.
std::vector<std::string> admin_args(const std::string& listener);

/// The connection flags of the local broker as the admin, and the registry at `registry_url`
/// (default: the local one).
std::vector<std::string> connection_args(const std::string& registry_url = "");

/// How many times `part` occurs in `text`.
std::size_t count_occurrences(const std::string& text, const std::string& part);

/// Bytes of every segment file (`*.log`) of every partition of `topic` in a broker's data
/// directory `data_dir`.
std::int64_t log_file_bytes(const std::filesystem::path& data_dir, const std::string& topic);

/// Whether `part` occurs in `text`.
bool contains(const std::string& text, const std::string& part);

/// `text` in ASCII lower case.
std::string lower(std::string text);

/// Joins `args` after `command` (e.g. {"provision"} + admin_args() + {"--spec", path}).
std::vector<std::string> concat(std::vector<std::string> first,
                                const std::vector<std::string>& second);

/// name -> state of each item of `kind` ("topics" or "acls") in a plan document.
std::map<std::string, std::string> states(const nlohmann::json& plan, const std::string& kind);

/// How many items of `kind` have `state`.
int count_state(const nlohmann::json& plan, const std::string& kind, const std::string& state);

/// The item of `kind` named `name` (a `null` document when absent).
nlohmann::json item(const nlohmann::json& plan, const std::string& kind, const std::string& name);

// ------------------------------------------------------------------------------------------
// Inspection as the admin (the real adapter)
// ------------------------------------------------------------------------------------------

kafka::Connection admin_connection();

/// A connected admin adapter, or nullptr with `error` set.
std::unique_ptr<ports::KafkaAdmin> connect_admin(std::string& error);

/// Whether `name` is in the exact scope of `domain` (equal, or starts with `domain.`).
bool in_scope(const std::string& name, const std::string& domain);

/// Topics of the exact scope of `domain`, by name.
std::map<std::string, ports::TopicDescription> scope_topics(ports::KafkaAdmin& admin,
                                                            const std::string& domain);

/// ACL names (Part B §3.2 string form) on resources in the exact scope of `domain`, plus
/// cluster ACLs whose principal is `cluster_principal` (if not empty).
std::set<std::string> scope_acls(ports::KafkaAdmin& admin,
                                 const std::string& domain,
                                 const std::string& cluster_principal = "");

/// Every ACL name on the cluster.
std::set<std::string> all_acls(ports::KafkaAdmin& admin);

/// Every topic name in the cluster metadata, internal topics included (admin client).
std::set<std::string> metadata_topics(std::chrono::milliseconds timeout);

/// Makes sure `__consumer_offsets` exists (commits an offset of `topic` as the admin).
/// librdkafka client settings for `user` on the local broker, `extra` added or overriding;
/// logs swallowed (the tests inspect results, not logs). Null with `error` set on a bad setting.
rd_kafka_conf_t* client_conf(const Credentials& user,
                             const std::map<std::string, std::string>& extra,
                             std::string& error);

std::string ensure_consumer_offsets(const std::string& topic, const std::string& group);

/// Commits `offset` of the partition for `group` as the admin, without joining the group (a
/// "simple" group); "" or why it failed.
std::string commit_offset(const std::string& group,
                          const std::string& topic,
                          int partition,
                          std::int64_t offset);

/// Removes (best effort) the topics and ACLs of the exact scope of each domain, and the
/// cluster ACLs of principal `User:<domain>`.
void cleanup_domains(const std::vector<std::string>& domains);

/// The 14-ACL set of Part B §3.1 for a spec with a protected channel granting each of
/// `grants` (LITERAL DESCRIBE/READ on `protected_topic`), owner principal `User:<owner>`; the
/// owner's rows A, C, D on `<domain>.`, or with `original_acls` on `<domain>` as the original.
std::set<std::string> expected_acls(const std::string& domain,
                                    const std::string& owner,
                                    const std::string& protected_topic,
                                    const std::vector<std::string>& grants,
                                    bool original_acls = false);

/// The string form of one ACL binding.
std::string acl_name(plan::ResourceType type,
                     const std::string& name,
                     plan::PatternType pattern,
                     const std::string& principal,
                     plan::AclOperation operation);

/// A test that makes fresh domains `itest<8 hex>.<name>` (removed from the broker afterwards)
/// and holds an admin connection. Fails, never skips, when the environment is not running.
class DomainTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override;

  /// `<run>.<name>`, removed from the broker after the test.
  std::string domain(const std::string& name);

  std::unique_ptr<ports::KafkaAdmin> m_admin;
  std::string m_run; ///< `itest<8 hex>`, one per test
  std::vector<std::string> m_domains;
  TempDir m_dir;
};

// ------------------------------------------------------------------------------------------
// Clients acting as a SASL user (librdkafka C API)
// ------------------------------------------------------------------------------------------

/// The result of one client attempt: `ok`, else the librdkafka error name (e.g.
/// "TOPIC_AUTHORIZATION_FAILED", "_MSG_TIMED_OUT") and its text.
struct Attempt {
  bool ok = false;
  std::string code;
  std::string message;

  std::string describe() const { return ok ? "ok" : code + ": " + message; }
};

/// Produces one record to `topic` (partition chosen by librdkafka) and waits for its
/// delivery report.
Attempt produce(const Credentials& user,
                const std::string& topic,
                const std::string& value,
                std::chrono::milliseconds timeout);

/// Subscribes to `topic` in consumer group `group` (from the earliest offset) and waits for
/// one record, or a consumer error such as TOPIC_AUTHORIZATION_FAILED.
Attempt consume_one(const Credentials& user,
                    const std::string& topic,
                    const std::string& group,
                    std::chrono::milliseconds timeout);

/// Starts a transactional producer with `transactional_id` as `user` (InitProducerId, which
/// needs WRITE on the transactional id).
Attempt init_transactions(const Credentials& user,
                          const std::string& transactional_id,
                          std::chrono::milliseconds timeout);

/// Creates `topic` (1 partition) with a CreateTopics request sent as `user`.
Attempt
create_topic(const Credentials& user, const std::string& topic, std::chrono::milliseconds timeout);

} // namespace specmesh::itest
