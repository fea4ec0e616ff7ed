// DescribeLogDirs over one BrokerConnection: the SASL handshake (SaslHandshakeRequest/
// Response.json v1, SaslAuthenticateRequest/Response.json v0) with PLAIN or SCRAM, then the
// request; the bytes themselves are wire_codec's.
#include "log_dirs.hpp"

#include "broker_connection.hpp"
#include "scram.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <string_view>
#include <utility>

namespace specmesh::kafka {

namespace {

constexpr wire::ApiVersion k_sasl_handshake_v1{17, 1};
constexpr wire::ApiVersion k_sasl_authenticate_v0{36, 0};

/// One SaslAuthenticate v0 round: sends `token`, returns the broker's answer.
Result<std::string> authenticate_round(BrokerConnection& connection,
                                       const LogDirsAccess& access,
                                       std::string_view token) {
  wire::Writer request;
  request.bytes(token);
  auto response = connection.exchange(k_sasl_authenticate_v0, request.data());
  if (!response) {
    return tl::unexpected(response.error());
  }
  wire::Reader reader(*response);
  const std::int16_t code = reader.int16();
  reader.string(); // the broker's error message: it may name the user, never the password
  std::string answer = reader.bytes();
  if (reader.failed()) {
    return connection.failure(ErrorCode::internal, "malformed SaslAuthenticate response");
  }
  if (code != 0) {
    return connection.failure(ErrorCode::unauthorized,
                              fmt::format("authentication failed for user '{}' (SASL {})",
                                          access.username,
                                          upper_ascii(access.sasl_mechanism)));
  }
  return answer;
}

/// The SCRAM exchange of RFC 5802: client-first, client-final, then the server's signature.
Result<void> authenticate_scram(BrokerConnection& connection,
                                const LogDirsAccess& access,
                                scram::Mechanism mechanism) {
  scram::ClientExchange exchange(
      mechanism, access.username, access.password, scram::random_nonce());
  auto server_first = authenticate_round(connection, access, exchange.client_first());
  if (!server_first) {
    return tl::unexpected(server_first.error());
  }
  auto client_final = exchange.client_final(*server_first);
  if (!client_final) {
    return connection.failure(client_final.error().code, client_final.error().message);
  }
  auto server_final = authenticate_round(connection, access, *client_final);
  if (!server_final) {
    return tl::unexpected(server_final.error());
  }
  if (auto verified = exchange.verify_server_final(*server_final); !verified) {
    return connection.failure(verified.error().code, verified.error().message);
  }
  return {};
}

/// SaslHandshake v1 with the mechanism, then PLAIN's `\0user\0password` or the SCRAM rounds.
Result<void> authenticate(BrokerConnection& connection, const LogDirsAccess& access) {
  const std::string mechanism = upper_ascii(access.sasl_mechanism);
  wire::Writer handshake;
  handshake.string(mechanism);
  auto handshake_response = connection.exchange(k_sasl_handshake_v1, handshake.data());
  if (!handshake_response) {
    return tl::unexpected(handshake_response.error());
  }
  wire::Reader handshake_reader(*handshake_response);
  if (const std::int16_t code = handshake_reader.int16(); code != 0) {
    const Error error = wire::response_error("SASL handshake failed", code);
    return connection.failure(error.code, error.message);
  }
  if (const auto scram_mechanism = scram::mechanism_named(mechanism)) {
    return authenticate_scram(connection, access, *scram_mechanism);
  }
  std::string token;
  token.push_back('\0');
  token += access.username;
  token.push_back('\0');
  token += access.password;
  auto answer = authenticate_round(connection, access, token);
  if (!answer) {
    return tl::unexpected(answer.error());
  }
  return {};
}

} // namespace

std::string unsupported_reason(const LogDirsAccess& access) {
  const std::string protocol = upper_ascii(access.security_protocol);
  if (protocol != "PLAINTEXT" && protocol != "SASL_PLAINTEXT" && protocol != "SSL"
      && protocol != "SASL_SSL") {
    return fmt::format("storage-bytes: unknown security.protocol '{}'", access.security_protocol);
  }
  const std::string mechanism = upper_ascii(access.sasl_mechanism);
  if (protocol.starts_with("SASL_") && mechanism != "PLAIN" && !scram::mechanism_named(mechanism)) {
    return fmt::format("storage-bytes with SASL mechanism {} is not supported yet "
                       "(specmesh sends DescribeLogDirs itself; PLAIN, SCRAM-SHA-256 and "
                       "SCRAM-SHA-512 only)",
                       access.sasl_mechanism);
  }
  for (const auto& [key, value] : access.tls) {
    if (key.starts_with("ssl.keystore.") || key.starts_with("ssl.engine.") || key == "ssl.providers"
        || key == "ssl.certificate.verify_cb") {
      return fmt::format("storage-bytes with '{}' is not supported yet (specmesh sends "
                         "DescribeLogDirs itself; give the client certificate as PEM with "
                         "ssl.certificate.location and ssl.key.location)",
                         key);
    }
  }
  return {};
}

std::string unlisted_replica_holder(const std::set<int>& brokers, const ReplicasByTopic& replicas) {
  for (const auto& [topic, partitions] : replicas) {
    for (const std::vector<int>& holders : partitions) {
      for (const int id : holders) {
        if (!brokers.contains(id)) {
          return fmt::format("kafka broker {} holds replicas of topic '{}' but is not in the "
                             "cluster metadata (stopped or unreachable); the storage total "
                             "would leave its copies out",
                             id,
                             topic);
        }
      }
    }
  }
  return {};
}

Result<std::map<std::string, std::int64_t>> describe_log_dirs(const BrokerAddress& broker,
                                                              const LogDirsAccess& access,
                                                              const PartitionsByTopic& partitions) {
  if (const std::string reason = unsupported_reason(access); !reason.empty()) {
    return fail(ErrorCode::invalid_input, fmt::format("kafka: {}", reason));
  }
  BrokerConnection connection(broker, access);
  if (auto connected = connection.connect(); !connected) {
    return tl::unexpected(connected.error());
  }
  if (upper_ascii(access.security_protocol).starts_with("SASL_")) {
    if (auto authenticated = authenticate(connection, access); !authenticated) {
      return tl::unexpected(authenticated.error());
    }
  }

  auto response = connection.exchange(wire::k_describe_log_dirs_v1,
                                      wire::describe_log_dirs_request(partitions));
  if (!response) {
    return tl::unexpected(response.error());
  }
  auto bytes = wire::describe_log_dirs_response(*response);
  if (!bytes) {
    return connection.failure(bytes.error().code, bytes.error().message);
  }
  return bytes;
}

} // namespace specmesh::kafka
