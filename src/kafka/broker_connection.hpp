// One connection to one broker for the requests specmesh sends itself (DescribeLogDirs): a
// socket with one deadline over everything, TLS by OpenSSL when the protocol is SSL or
// SASL_SSL (trust, client certificate and host check from librdkafka's ssl.* settings), and
// the request/response exchange of the Kafka protocol (response header v0). Private to
// src/kafka.
#pragma once

#include "log_dirs.hpp"
#include "wire_codec.hpp"

#include <specmesh/error.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace specmesh::kafka {

class BrokerConnection {
public:
  BrokerConnection(BrokerAddress broker, const LogDirsAccess& access);
  ~BrokerConnection();
  BrokerConnection(const BrokerConnection&) = delete;
  BrokerConnection& operator=(const BrokerConnection&) = delete;
  BrokerConnection(BrokerConnection&&) = delete;
  BrokerConnection& operator=(BrokerConnection&&) = delete;

  /// Connects, and completes the TLS handshake when the protocol uses TLS.
  Result<void> connect();

  /// Sends one request and returns the response body (after the correlation id).
  Result<std::string> exchange(wire::ApiVersion api, std::string_view body);

  /// An error about this broker: `kafka broker 1 '127.0.0.1:19092': DescribeLogDirs: why`.
  tl::unexpected<Error> failure(ErrorCode code, std::string_view why) const;

private:
  struct Tls;

  int remaining_ms() const;
  bool wait_for(short events) const;
  Result<void> start_tls();
  Result<void> send_all(std::string_view data);
  Result<std::string> receive(std::size_t size);
  tl::unexpected<Error> timed_out() const;

  BrokerAddress m_broker;
  const LogDirsAccess& m_access;
  std::chrono::steady_clock::time_point m_deadline;
  int m_fd = -1;
  std::unique_ptr<Tls> m_tls;
  std::int32_t m_correlation_id = 0;
};

} // namespace specmesh::kafka
