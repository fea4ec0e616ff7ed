// `specmesh provision` and `specmesh plan`: load, observe the cluster, diff, then either render
// the plan (dry run) or execute it. Reads top to bottom as the data flow in ARCHITECTURE.md.
#include "commands.hpp"

#include <specmesh/apply/execute.hpp>
#include <specmesh/apply/render.hpp>

#include <fstream>
#include <set>

#include <fmt/format.h>

namespace specmesh::cli {

namespace {

/// `-D` keys that are specmesh's own, not Kafka client properties.
const std::set<std::string> k_specmesh_properties{"specmesh.public",
                                                  "specmesh.protected",
                                                  "specmesh.private",
                                                  "DELIMITER",
                                                  "provision.properties",
                                                  "config.properties"};

/// Reads `key=value` lines (a Java/librdkafka client config file) into `properties`.
Result<void> read_client_config(const std::string& path,
                                std::map<std::string, std::string>& properties) {
  std::ifstream in(path);
  if (!in) {
    return fail(ErrorCode::invalid_input, fmt::format("client config '{}' cannot be read", path));
  }
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') {
      continue;
    }
    const std::size_t equals = line.find('=');
    const auto trimmed = [](std::string text) {
      text.erase(0, text.find_first_not_of(" \t"));
      text.erase(text.find_last_not_of(" \t\r") + 1);
      return text;
    };
    properties[trimmed(line.substr(0, equals))] =
        equals == std::string::npos ? "" : trimmed(line.substr(equals + 1));
  }
  return {};
}

Result<kafka::Connection> kafka_connection(const CommandOptions& options) {
  if (options.bootstrap_servers.empty()) {
    return fail(ErrorCode::invalid_input, "set the Kafka bootstrap servers with --bootstrap-server");
  }
  if (!(options.timeout_seconds > 0)) {
    return fail(ErrorCode::invalid_input, "--timeout must be more than 0 seconds");
  }
  kafka::Connection connection;
  connection.bootstrap_servers = options.bootstrap_servers;
  connection.username = options.username;
  connection.password = options.secret;
  connection.timeout =
      std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  for (const std::string& file :
       {options.command_config, property(options, "config.properties").value_or("")}) {
    if (!file.empty()) {
      if (auto read = read_client_config(file, connection.properties); !read) {
        return tl::unexpected(read.error());
      }
    }
  }
  for (const std::string& entry : options.properties) {
    const std::size_t equals = entry.find('=');
    const std::string key = entry.substr(0, equals);
    if (!k_specmesh_properties.contains(key)) {
      connection.properties[key] = equals == std::string::npos ? "" : entry.substr(equals + 1);
    }
  }
  return connection;
}

Result<registry::Connection> registry_connection(const CommandOptions& options) {
  if (options.schema_registry.empty()) {
    return fail(ErrorCode::invalid_input,
                "set the schema registry URL with --schema-registry, or pass --sr-disabled");
  }
  registry::Connection connection;
  connection.url = options.schema_registry;
  connection.api_key = options.sr_api_key;
  connection.api_secret = options.sr_api_secret;
  connection.timeout =
      std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  return connection;
}

int exit_code(const plan::Plan& plan, bool dry_run) {
  if (plan.has_failures()) {
    return k_exit_error;
  }
  if (plan.is_blocked()) {
    return k_exit_blocked;
  }
  return dry_run && plan.has_changes() ? k_exit_changes : k_exit_ok;
}

int fail_with(Environment& env, const Error& error) {
  env.err << "specmesh: " << error.message << '\n';
  return k_exit_error;
}

} // namespace

int run_provision(const CommandOptions& options, Environment& env) {
  const char* command = options.dry_run ? "plan" : "provision";
  if (!check_spec_given(options, command, env)) {
    return k_exit_error;
  }
  const Result<plan::DesiredOptions> desired_options_ = desired_options(options);
  if (!desired_options_) {
    return fail_with(env, desired_options_.error());
  }
  const std::optional<LoadedSpec> loaded = load_spec_and_schemas(options, *desired_options_, env);
  if (!loaded) {
    return k_exit_error;
  }
  const Result<plan::DesiredState> desired =
      plan::desired_state(loaded->spec, loaded->schemas, *desired_options_);
  if (!desired) {
    return fail_with(env, desired.error());
  }
  const Result<kafka::Connection> connection = kafka_connection(options);
  if (!connection) {
    return fail_with(env, connection.error());
  }
  if (!env.connect_kafka) {
    return fail_with(env, Error{ErrorCode::internal, "this specmesh has no Kafka client", {}});
  }
  Result<std::unique_ptr<ports::KafkaAdmin>> kafka = env.connect_kafka(*connection);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  std::unique_ptr<ports::SchemaRegistry> registry;
  if (!options.sr_disabled) {
    const Result<registry::Connection> sr_connection = registry_connection(options);
    if (!sr_connection) {
      return fail_with(env, sr_connection.error());
    }
    if (!env.connect_registry) {
      return fail_with(env,
                       Error{ErrorCode::invalid_input,
                             "this specmesh has no schema registry client; pass --sr-disabled",
                             {}});
    }
    auto connected = env.connect_registry(*sr_connection);
    if (!connected) {
      return fail_with(env, connected.error());
    }
    registry = std::move(*connected);
  }
  const plan::Policy policy{options.clean_unspecified, options.acl_disabled, options.sr_disabled};
  Result<plan::ActualState> actual = apply::observe(**kafka, desired->scope, policy);
  if (!actual) {
    return fail_with(env, actual.error());
  }
  if (registry) {
    if (auto observed = apply::observe_registry(*registry, *desired, *actual); !observed) {
      return fail_with(env, observed.error());
    }
  }
  plan::Plan plan = plan::diff(*desired, *actual, policy);
  if (options.dry_run) {
    apply::validate(plan, **kafka);
    if (registry) {
      apply::check_compatibility(plan, *registry);
    }
  } else if (!plan.is_blocked()) {
    apply::execute(plan, **kafka, registry.get());
  }
  const auto format =
      options.output == "json" ? apply::OutputFormat::json : apply::OutputFormat::text;
  env.out << apply::render(plan, format);
  if (!options.dry_run && plan.is_blocked()) {
    env.err << "specmesh: nothing was changed: the plan has blocked changes\n";
  }
  return exit_code(plan, options.dry_run);
}

} // namespace specmesh::cli
