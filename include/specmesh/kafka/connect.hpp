// Connecting to Kafka. The only header of the kafka layer; no librdkafka types leak out.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/ports/kafka_admin.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace specmesh::kafka {

struct Connection {
  std::string bootstrap_servers;
  /// SASL user; when set, security.protocol defaults to SASL_PLAINTEXT and the mechanism to
  /// PLAIN unless `properties` say otherwise.
  std::string username;
  std::string password;
  /// Any librdkafka client property (`-D k=v`, `--property`, a client config file). Java
  /// spellings the original accepted are translated (`sasl.mechanism` -> `sasl.mechanisms`).
  std::map<std::string, std::string> properties;
  /// Bound on connecting and on every admin request.
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  /// Bound on the connection check alone, when shorter than `timeout`: a broker that does not
  /// answer within it is refused, unreachable or not listening, and waiting longer only hides
  /// the reason (a Java client's socket.connection.setup.timeout.ms is 10 s too).
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
};

/// Creates an admin client and checks the connection with one authenticated metadata request
/// within the shorter of `connect_timeout` and `timeout`. Fails with one line naming the problem
/// (unreachable broker, unknown host, authentication failed, an HTTP server instead of a broker,
/// bad property) and never includes the password.
Result<std::unique_ptr<ports::KafkaAdmin>> make_kafka_admin(const Connection& connection);

} // namespace specmesh::kafka
