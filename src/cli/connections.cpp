// Building Kafka and schema-registry connections from the command's options; shared by every
// command that talks to a cluster.
#include "commands.hpp"

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

} // namespace

Result<kafka::Connection> kafka_connection(const CommandOptions& options) {
  if (options.bootstrap_servers.empty()) {
    return fail(ErrorCode::invalid_input,
                "set the Kafka bootstrap servers with --bootstrap-server");
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

} // namespace specmesh::cli
