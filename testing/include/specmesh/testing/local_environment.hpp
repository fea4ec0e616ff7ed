// A test environment for product teams: the local Kafka + schema registry of
// scripts/local-env.sh (started if it is not running, reused if it is), specs provisioned into
// it through apply::provision with the real adapters, ready librdkafka client settings for any
// of its users, and clean-up of what was provisioned. Independent of any test framework; see
// gtest.hpp for the GoogleTest glue.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/plan.hpp>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace specmesh::testing {

/// What cleanup() removes of each domain provisioned through a LocalEnvironment.
enum class CleanupScope {
  /// Only the topics, ACLs and subjects the environment created itself (state CREATED in its
  /// plans): what existed before is left as it was found. The default.
  created,
  /// Everything in the domain's exact scope, as `provision --clean-unspecified` against a spec
  /// that declares nothing would remove it — including what existed before.
  whole_domain,
  /// Nothing: leave the provisioned resources for inspection or for the next run.
  none
};

/// How to find and start the local environment.
struct LocalEnvironmentOptions {
  /// Path of local-env.sh; empty: $SPECMESH_LOCAL_ENV, else the installed
  /// `<prefix>/share/specmesh/scripts/local-env.sh`, else the source tree specmesh was built from.
  std::string local_env_script;
  /// Run `local-env.sh up` when it is not running (else fail). `up` may take minutes the first
  /// time (downloads); it is a no-op when the environment is running.
  bool start_if_stopped = true;
  CleanupScope cleanup = CleanupScope::created;
  /// Bound on connecting and on each admin or registry request.
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
};

/// How to provision one spec; the defaults are those of `specmesh provision`.
struct ProvisionOptions {
  /// Naming markers, domain user, partition count factor, env filter.
  plan::DesiredOptions desired;
  bool acl_disabled = false;
  bool sr_disabled = false;
};

/// Thrown when the environment cannot be started or read, or when provisioning fails. what()
/// holds everything a test author needs to act, e.g. every `file:line:col: message` of a bad
/// spec, or each FAILED item with its reason.
class EnvironmentError : public std::runtime_error {
public:
  /// `error` is the specmesh error behind it (code internal when there is none).
  EnvironmentError(const std::string& what, Error error);

  /// The underlying error, with its diagnostics for a bad spec.
  const Error& error() const { return m_error; }

private:
  Error m_error;
};

/// The running local environment and what a test provisioned into it. Not copyable; movable
/// so it can live in a fixture or a std::optional. The destructor calls cleanup() and never
/// throws.
class LocalEnvironment {
public:
  /// Finds local-env.sh, starts the environment if needed (options.start_if_stopped) and reads
  /// its connection info (`local-env.sh status --output json`). Throws EnvironmentError saying
  /// what went wrong and how to fix it.
  explicit LocalEnvironment(LocalEnvironmentOptions options = {});
  ~LocalEnvironment();
  LocalEnvironment(const LocalEnvironment&) = delete;
  LocalEnvironment& operator=(const LocalEnvironment&) = delete;
  LocalEnvironment(LocalEnvironment&&) noexcept;
  LocalEnvironment& operator=(LocalEnvironment&&) noexcept;

  /// Provisions the spec (topics, schemas, ACLs) as the environment's admin and returns the
  /// executed plan. `schema_path` is where the spec's `$ref`s are resolved; empty: the spec's
  /// own directory. Idempotent: provisioning the same spec again changes nothing. Throws
  /// EnvironmentError when the spec is invalid (what() lists every `file:line:col: message`),
  /// a schema file cannot be read, the plan is blocked, or any item FAILED.
  plan::Plan provision(const std::string& spec_path,
                       const std::string& schema_path = "",
                       const ProvisionOptions& options = {});

  /// librdkafka client properties for acting as `principal` (a user of the environment, e.g.
  /// "acme.shop", "acme.finance", "acme.stranger", or "admin"): bootstrap.servers,
  /// security.protocol, sasl.mechanisms, sasl.username and sasl.password. Throws
  /// std::invalid_argument naming the known users when the environment has no such user.
  std::map<std::string, std::string> client_config(const std::string& principal) const;

  /// The same on one of the environment's listeners: "SASL_PLAINTEXT" (as above), "SASL_SSL"
  /// (SCRAM-SHA-512 with the user's password, ssl.ca.location) or "SSL" (mutual TLS with the
  /// user's client certificate: ssl.ca.location, ssl.certificate.location, ssl.key.location).
  /// Throws std::invalid_argument naming the listeners when there is no such listener.
  std::map<std::string, std::string> client_config(const std::string& principal,
                                                   const std::string& listener) const;

  /// The users the environment knows (admin excluded), sorted.
  std::vector<std::string> users() const;

  /// e.g. "127.0.0.1:19092".
  const std::string& bootstrap_servers() const { return m_bootstrap_servers; }

  /// The Confluent-compatible API of the registry, e.g. http://127.0.0.1:18081/apis/ccompat/v7.
  const std::string& schema_registry_url() const { return m_schema_registry_url; }

  /// The plans of every provision() so far, in order.
  const std::vector<plan::Plan>& provisioned() const { return m_provisioned; }

  /// Removes what options.cleanup says of every domain provisioned so far (latest provision
  /// first), then forgets those plans. Best effort per item; returns one line per item that
  /// could not be removed (empty: all removed).
  std::vector<std::string> cleanup();

private:
  LocalEnvironmentOptions m_options;
  std::string m_bootstrap_servers;
  std::string m_security_protocol;
  std::string m_sasl_mechanism;
  std::string m_schema_registry_url;
  std::string m_admin_username;
  std::map<std::string, std::string> m_passwords; ///< user name -> password, admin included
  /// Listener name -> its settings without the user's (env.json `listeners`).
  std::map<std::string, std::map<std::string, std::string>> m_listeners;
  /// User name -> {client certificate file, key file}, admin included.
  std::map<std::string, std::pair<std::string, std::string>> m_certificates;
  std::vector<plan::Plan> m_provisioned;
  std::vector<plan::Scope> m_scopes;            ///< the scope of each of m_provisioned
  std::vector<ProvisionOptions> m_provisioning; ///< the options of each of m_provisioned
};

} // namespace specmesh::testing
