// Building Kafka and schema-registry connections from the command's options; shared by every
// command that talks to a cluster.
#include "commands.hpp"
#include "progress.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <fstream>
#include <set>

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
    const KeyValue property = split_key_value(line);
    properties[trim(property.key)] = trim(property.value);
  }
  return {};
}

std::chrono::milliseconds timeout(const CommandOptions& options) {
  return std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
}

} // namespace

Result<kafka::Connection> kafka_connection(const CommandOptions& options) {
  if (options.bootstrap_servers.empty()) {
    return fail(ErrorCode::invalid_input,
                "set the Kafka bootstrap servers with --bootstrap-server");
  }
  if (!(options.timeout_seconds > 0)) {
    return fail(ErrorCode::invalid_input, "--timeout must be more than 0 seconds");
  }
  kafka::Connection connection{.bootstrap_servers = options.bootstrap_servers,
                               .username = options.username,
                               .password = options.secret,
                               .timeout = timeout(options)};
  for (const std::string& file :
       {options.command_config, property(options, "config.properties").value_or("")}) {
    if (!file.empty()) {
      if (auto read = read_client_config(file, connection.properties); !read) {
        return tl::unexpected(read.error());
      }
    }
  }
  for (const std::string& entry : options.properties) {
    KeyValue property = split_key_value(entry);
    if (!k_specmesh_properties.contains(property.key)) {
      connection.properties[property.key] = std::move(property.value);
    }
  }
  return connection;
}

Result<std::unique_ptr<ports::KafkaAdmin>> connect_kafka(const CommandOptions& options,
                                                         Environment& env) {
  const Result<kafka::Connection> connection = kafka_connection(options);
  if (!connection) {
    return tl::unexpected(connection.error());
  }
  if (!env.connect_kafka) {
    return fail(ErrorCode::internal, "this specmesh has no Kafka client");
  }
  const std::unique_ptr<apply::Progress> progress = terminal_progress(env);
  const apply::ProgressScope connecting(progress.get(), kafka_progress_text(*connection));
  return env.connect_kafka(*connection);
}

std::string kafka_progress_text(const kafka::Connection& connection) {
  return fmt::format("connecting to Kafka '{}'", connection.bootstrap_servers);
}

Result<registry::Connection> registry_connection(const CommandOptions& options) {
  if (options.schema_registry.empty()) {
    return fail(ErrorCode::invalid_input,
                "set the schema registry URL with --schema-registry, or pass --sr-disabled");
  }
  return registry::Connection{.url = options.schema_registry,
                              .api_key = options.sr_api_key,
                              .api_secret = options.sr_api_secret,
                              .ca_file = options.sr_ca_file,
                              .timeout = timeout(options)};
}

} // namespace specmesh::cli
