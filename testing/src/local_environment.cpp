#include <specmesh/apply/execute.hpp>
#include <specmesh/apply/provision.hpp>
#include <specmesh/kafka/connect.hpp>
#include <specmesh/registry/connect.hpp>
#include <specmesh/shell.hpp>
#include <specmesh/testing/local_environment.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <utility>

namespace specmesh::testing {

namespace {

namespace fs = std::filesystem;

/// The option, else $SPECMESH_LOCAL_ENV, else the installed script, else the source tree's.
fs::path local_env_script(const std::string& configured) {
  if (!configured.empty()) {
    return configured;
  }
  std::optional<fs::path> found =
      specmesh::find_local_env_script({fs::path(SPECMESH_INSTALLED_LOCAL_ENV),
                                       script_beside_executable(),
                                       fs::path(SPECMESH_SOURCE_LOCAL_ENV)});
  if (!found) {
    throw EnvironmentError(
        "specmesh::testing: local-env.sh not found; set SPECMESH_LOCAL_ENV to its path",
        Error{ErrorCode::not_found, "local-env.sh not found", {}});
  }
  return *found;
}

[[noreturn]] void fail_environment(const std::string& message) {
  throw EnvironmentError("specmesh::testing: " + message,
                         Error{ErrorCode::unavailable, message, {}});
}

std::string describe_error(const std::string& context, const Error& error) {
  std::string text = fmt::format("specmesh::testing: {}: {}", context, error.message);
  for (const Diagnostic& diagnostic : error.diagnostics) {
    text += "\n  " + diagnostic.to_string();
  }
  return text;
}

} // namespace

EnvironmentError::EnvironmentError(const std::string& what, Error error)
    : std::runtime_error(what), m_error(std::move(error)) {}

LocalEnvironment::LocalEnvironment(LocalEnvironmentOptions options)
    : m_options(std::move(options)) {
  const fs::path script = local_env_script(m_options.local_env_script);
  m_options.local_env_script = script.string();
  const std::string status_command =
      "bash " + shell_quoted(script.string()) + " status --output json";
  CommandOutput status = capture_output(status_command + " 2>/dev/null");
  if (status.exit_code != 0) {
    if (!m_options.start_if_stopped) {
      fail_environment(fmt::format("the local environment is not running; start it with: {} up",
                                   script.string()));
    }
    // `up` reports progress on stdout: send it to stderr, the test's output stays readable.
    const int up =
        exit_code_of(std::system(("bash " + shell_quoted(script.string()) + " up 1>&2").c_str()));
    if (up != 0) {
      fail_environment(fmt::format(
          "'{} up' failed with exit code {}; see its output above", script.string(), up));
    }
    status = capture_output(status_command + " 2>&1");
    if (status.exit_code != 0) {
      fail_environment(
          fmt::format("'{} status' failed after 'up': {}", script.string(), status.out));
    }
  }
  try {
    const nlohmann::json env = nlohmann::json::parse(status.out);
    m_bootstrap_servers = env.at("bootstrap_servers").get<std::string>();
    m_security_protocol = env.value("security_protocol", "SASL_PLAINTEXT");
    m_sasl_mechanism = env.value("sasl_mechanism", "PLAIN");
    m_schema_registry_url = env.at("schema_registry_url").get<std::string>();
    m_admin_username = env.at("admin").at("username").get<std::string>();
    m_passwords[m_admin_username] = env.at("admin").at("password").get<std::string>();
    const auto certificate = [&](const nlohmann::json& user) {
      if (user.contains("client_cert")) {
        m_certificates[user.at("username").get<std::string>()] = {
            user.at("client_cert").get<std::string>(), user.at("client_key").get<std::string>()};
      }
    };
    certificate(env.at("admin"));
    for (const nlohmann::json& user : env.at("users")) {
      m_passwords[user.at("username").get<std::string>()] = user.at("password").get<std::string>();
      certificate(user);
    }
    for (const nlohmann::json& listener : env.value("listeners", nlohmann::json::array())) {
      auto& settings = m_listeners[listener.at("name").get<std::string>()];
      settings["bootstrap.servers"] = listener.at("bootstrap_servers").get<std::string>();
      settings["security.protocol"] = listener.at("security_protocol").get<std::string>();
      if (!listener.at("sasl_mechanism").is_null()) {
        settings["sasl.mechanisms"] = listener.at("sasl_mechanism").get<std::string>();
      }
      if (!listener.at("ca_file").is_null()) {
        settings["ssl.ca.location"] = listener.at("ca_file").get<std::string>();
      }
    }
  } catch (const std::exception& e) {
    fail_environment(
        fmt::format("cannot read the connection info '{} status --output json' printed: {}",
                    script.string(),
                    e.what()));
  }
}

LocalEnvironment::~LocalEnvironment() {
  try {
    cleanup();
  } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

LocalEnvironment::LocalEnvironment(LocalEnvironment&&) noexcept = default;
LocalEnvironment& LocalEnvironment::operator=(LocalEnvironment&&) noexcept = default;

plan::Plan LocalEnvironment::provision(const std::string& spec_path,
                                       const std::string& schema_path,
                                       const ProvisionOptions& options) {
  const std::string schemas =
      schema_path.empty() ? fs::path(spec_path).parent_path().string() : schema_path;
  Result<plan::DesiredState> desired =
      apply::load_desired_state(spec_path, schemas, options.desired, !options.sr_disabled);
  if (!desired) {
    throw EnvironmentError(describe_error("cannot provision " + spec_path, desired.error()),
                           desired.error());
  }
  if (!desired->schema_failures.empty()) {
    Error error{ErrorCode::invalid_spec, "schema files cannot be read", {}};
    for (const plan::SchemaFailure& failure : desired->schema_failures) {
      error.diagnostics.push_back(failure.diagnostic);
    }
    throw EnvironmentError(describe_error("cannot provision " + spec_path, error), error);
  }
  const plan::Policy policy{.acl_disabled = options.acl_disabled,
                            .sr_disabled = options.sr_disabled};
  apply::Connections connections;
  kafka::Connection admin{.bootstrap_servers = m_bootstrap_servers,
                          .username = m_admin_username,
                          .password = m_passwords.at(m_admin_username),
                          .properties = {{"security.protocol", m_security_protocol},
                                         {"sasl.mechanisms", m_sasl_mechanism}},
                          .timeout = m_options.timeout};
  connections.kafka = [admin] { return kafka::make_kafka_admin(admin); };
  if (!options.sr_disabled) {
    registry::Connection sr{.url = m_schema_registry_url, .timeout = m_options.timeout};
    connections.registry = [sr] { return registry::make_schema_registry(sr); };
  }
  Result<plan::Plan> plan = apply::provision(*desired, policy, /*dry_run=*/false, connections);
  if (!plan) {
    throw EnvironmentError(describe_error("cannot provision " + spec_path, plan.error()),
                           plan.error());
  }
  // Remember it before judging it: whatever was created is cleaned up even if the rest failed.
  m_provisioned.push_back(*plan);
  m_scopes.push_back(desired->scope);
  m_provisioning.push_back(options);
  if (const std::vector<std::string> problems = plan::failed_items(*plan); !problems.empty()) {
    const std::string verb = plan->is_blocked() ? "is blocked (nothing applied)" : "failed";
    std::string text = fmt::format("specmesh::testing: provisioning {} {}:", spec_path, verb);
    for (const std::string& line : problems) {
      text += "\n  " + line;
    }
    throw EnvironmentError(text, Error{ErrorCode::conflict, "provisioning failed", {}});
  }
  return *plan;
}

std::map<std::string, std::string>
LocalEnvironment::client_config(const std::string& principal) const {
  const auto found = m_passwords.find(principal);
  if (found == m_passwords.end()) {
    std::string known = m_admin_username;
    for (const std::string& user : users()) {
      known += ", " + user;
    }
    throw std::invalid_argument(fmt::format(
        "specmesh::testing: the local environment has no user '{}' (it has: {}); add one with "
        "'local-env.sh up --user NAME:PASSWORD' on a fresh environment",
        principal,
        known));
  }
  return {{"bootstrap.servers", m_bootstrap_servers},
          {"security.protocol", m_security_protocol},
          {"sasl.mechanisms", m_sasl_mechanism},
          {"sasl.username", principal},
          {"sasl.password", found->second}};
}

std::map<std::string, std::string>
LocalEnvironment::client_config(const std::string& principal, const std::string& listener) const {
  const auto found = m_listeners.find(listener);
  if (found == m_listeners.end()) {
    std::string known;
    for (const auto& [name, settings] : m_listeners) {
      known += (known.empty() ? "" : ", ") + name;
    }
    throw std::invalid_argument(
        fmt::format("specmesh::testing: the local environment has no listener '{}' (it has: {})",
                    listener,
                    known));
  }
  const std::map<std::string, std::string> user = client_config(principal); // checks the user
  std::map<std::string, std::string> config = found->second;
  if (config.contains("sasl.mechanisms")) {
    config["sasl.username"] = user.at("sasl.username");
    config["sasl.password"] = user.at("sasl.password");
  } else if (config.at("security.protocol") == "SSL") {
    const auto& [cert, key] = m_certificates.at(principal);
    config["ssl.certificate.location"] = cert;
    config["ssl.key.location"] = key;
  }
  return config;
}

std::vector<std::string> LocalEnvironment::users() const {
  std::vector<std::string> names;
  for (const auto& [name, password] : m_passwords) {
    if (name != m_admin_username) {
      names.push_back(name);
    }
  }
  return names;
}

std::vector<std::string> LocalEnvironment::cleanup() {
  std::vector<std::string> problems;
  if (m_options.cleanup == CleanupScope::none || m_provisioned.empty()) {
    m_provisioned.clear();
    m_scopes.clear();
    m_provisioning.clear();
    return problems;
  }
  kafka::Connection admin_connection{.bootstrap_servers = m_bootstrap_servers,
                                     .username = m_admin_username,
                                     .password = m_passwords.at(m_admin_username),
                                     .properties = {{"security.protocol", m_security_protocol},
                                                    {"sasl.mechanisms", m_sasl_mechanism}},
                                     .timeout = m_options.timeout};
  registry::Connection registry_connection{.url = m_schema_registry_url,
                                           .timeout = m_options.timeout};
  for (std::size_t i = m_provisioned.size(); i-- > 0;) {
    const plan::Plan& provisioned = m_provisioned[i];
    const ProvisionOptions& options = m_provisioning[i];
    if (m_options.cleanup == CleanupScope::whole_domain) {
      // An empty spec of the same domain, provisioned with --clean-unspecified.
      plan::DesiredState nothing;
      nothing.scope = m_scopes[i];
      apply::Connections connections;
      connections.kafka = [&admin_connection] { return kafka::make_kafka_admin(admin_connection); };
      if (!options.sr_disabled) {
        connections.registry = [&registry_connection] {
          return registry::make_schema_registry(registry_connection);
        };
      }
      const plan::Policy policy{.clean_unspecified = true,
                                .acl_disabled = options.acl_disabled,
                                .sr_disabled = options.sr_disabled};
      Result<plan::Plan> removed = apply::provision(nothing, policy, false, connections);
      if (!removed) {
        problems.push_back(provisioned.domain + ": " + removed.error().message);
      } else {
        const std::vector<std::string> failed = plan::failed_items(*removed);
        problems.insert(problems.end(), failed.begin(), failed.end());
      }
      continue;
    }
    // CleanupScope::created: only what this environment's plans created, by the executor's
    // own safe order (ACLs, then topics, then subjects users first).
    plan::Plan undo = plan::undo_created(provisioned);
    undo.permanent_subject_deletes = true;
    if (!undo.has_changes()) {
      continue;
    }
    Result<std::unique_ptr<ports::KafkaAdmin>> kafka = kafka::make_kafka_admin(admin_connection);
    if (!kafka) {
      problems.push_back(provisioned.domain + ": " + kafka.error().message);
      continue;
    }
    Result<std::unique_ptr<ports::SchemaRegistry>> registry =
        registry::make_schema_registry(registry_connection);
    if (!registry && !undo.subjects.empty()) {
      problems.push_back(provisioned.domain + ": " + registry.error().message);
      undo.subjects.clear();
    }
    apply::execute(undo, **kafka, registry ? registry->get() : nullptr);
    const std::vector<std::string> failed = plan::failed_items(undo);
    problems.insert(problems.end(), failed.begin(), failed.end());
  }
  m_provisioned.clear();
  m_scopes.clear();
  m_provisioning.clear();
  return problems;
}

} // namespace specmesh::testing
