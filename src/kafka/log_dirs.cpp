// One broker connection for DescribeLogDirs: a socket with a deadline, the SASL/PLAIN handshake
// (SaslHandshakeRequest/Response.json v1, SaslAuthenticateRequest/Response.json v0), then the
// request; the bytes themselves are wire_codec's. Response header v0.
#include "log_dirs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <optional>
#include <poll.h>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace specmesh::kafka {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr wire::ApiVersion k_sasl_handshake_v1{17, 1};
constexpr wire::ApiVersion k_sasl_authenticate_v0{36, 0};
/// Bound on a response's size: DescribeLogDirs of a big cluster is a few MB at most.
constexpr std::int32_t k_max_response_bytes = 256 * 1024 * 1024;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::toupper(c));
  });
  return text;
}

// --- connection ------------------------------------------------------------------------------

/// An owned socket, closed on destruction.
class Socket {
public:
  Socket() = default;
  explicit Socket(int fd) : m_fd(fd) {}
  ~Socket() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Socket(Socket&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  Socket& operator=(Socket&& other) noexcept {
    std::swap(m_fd, other.m_fd);
    return *this;
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return m_fd; }

private:
  int m_fd = -1;
};

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { ::freeaddrinfo(info); }
};

/// One broker connection: request/response exchange with a deadline over all of it.
class BrokerConnection {
public:
  BrokerConnection(BrokerAddress broker, const LogDirsAccess& access)
      : m_broker(std::move(broker)), m_access(access), m_deadline(Clock::now() + access.timeout) {}

  Result<void> connect() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* raw = nullptr;
    const std::string port = std::to_string(m_broker.port);
    if (const int rc = ::getaddrinfo(m_broker.host.c_str(), port.c_str(), &hints, &raw); rc != 0) {
      return failure(ErrorCode::unavailable, fmt::format("cannot resolve ({})", gai_strerror(rc)));
    }
    const std::unique_ptr<addrinfo, AddrInfoDeleter> addresses(raw);
    std::string last_error = "no address";
    for (const addrinfo* address = raw; address != nullptr; address = address->ai_next) {
      Socket socket(::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, 0));
      if (socket.fd() < 0) {
        last_error = std::strerror(errno);
        continue;
      }
      ::fcntl(socket.fd(), F_SETFL, ::fcntl(socket.fd(), F_GETFL) | O_NONBLOCK);
      if (::connect(socket.fd(), address->ai_addr, address->ai_addrlen) != 0
          && errno != EINPROGRESS) {
        last_error = std::strerror(errno);
        continue;
      }
      if (!wait_for(socket.fd(), POLLOUT)) {
        last_error = "timed out";
        continue;
      }
      int error = 0;
      socklen_t length = sizeof error;
      ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
      if (error != 0) {
        last_error = std::strerror(error);
        continue;
      }
      m_socket = std::move(socket);
      return {};
    }
    return failure(ErrorCode::unavailable, fmt::format("cannot connect ({})", last_error));
  }

  /// Sends one request and returns the response body (after the correlation id).
  Result<std::string> exchange(wire::ApiVersion api, std::string_view body) {
    const std::int32_t correlation_id = ++m_correlation_id;
    const std::string request = wire::request_frame(api, correlation_id, m_access.client_id, body);
    if (auto sent = send_all(request); !sent) {
      return tl::unexpected(sent.error());
    }
    auto size_bytes = receive(4);
    if (!size_bytes) {
      return tl::unexpected(size_bytes.error());
    }
    wire::Reader size_reader(*size_bytes);
    const std::int32_t size = size_reader.int32();
    if (size < 4 || size > k_max_response_bytes) {
      return failure(ErrorCode::internal, fmt::format("invalid response size {}", size));
    }
    auto response = receive(static_cast<std::size_t>(size));
    if (!response) {
      return tl::unexpected(response.error());
    }
    wire::Reader reader(*response);
    if (reader.int32() != correlation_id) {
      return failure(ErrorCode::internal, "response does not match the request");
    }
    return response->substr(4);
  }

  /// An error about this broker: `kafka broker 1 '127.0.0.1:19092': why`.
  tl::unexpected<Error> failure(ErrorCode code, std::string_view why) const {
    return fail(code,
                fmt::format("kafka broker {} '{}:{}': DescribeLogDirs: {}",
                            m_broker.id,
                            m_broker.host,
                            m_broker.port,
                            why));
  }

private:
  int remaining_ms() const {
    const auto left = std::chrono::duration_cast<milliseconds>(m_deadline - Clock::now());
    return static_cast<int>(std::clamp<milliseconds::rep>(
        left.count(), 0, milliseconds{std::chrono::hours{24}}.count()));
  }

  bool wait_for(int fd, short events) const {
    for (;;) {
      pollfd entry{fd, events, 0};
      const int ready = ::poll(&entry, 1, remaining_ms());
      if (ready < 0 && errno == EINTR) {
        continue;
      }
      return ready > 0;
    }
  }

  Result<void> send_all(std::string_view data) {
    while (!data.empty()) {
      if (!wait_for(m_socket.fd(), POLLOUT)) {
        return timed_out();
      }
      const ssize_t sent = ::send(m_socket.fd(), data.data(), data.size(), MSG_NOSIGNAL);
      if (sent < 0) {
        if (errno == EAGAIN || errno == EINTR) {
          continue;
        }
        return failure(ErrorCode::unavailable,
                       fmt::format("send failed ({})", std::strerror(errno)));
      }
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return {};
  }

  Result<std::string> receive(std::size_t size) {
    std::string data(size, '\0');
    std::size_t received = 0;
    while (received < size) {
      if (!wait_for(m_socket.fd(), POLLIN)) {
        return timed_out();
      }
      const ssize_t got = ::recv(m_socket.fd(), data.data() + received, size - received, 0);
      if (got == 0) {
        return failure(ErrorCode::unavailable, "the broker closed the connection");
      }
      if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) {
          continue;
        }
        return failure(ErrorCode::unavailable,
                       fmt::format("receive failed ({})", std::strerror(errno)));
      }
      received += static_cast<std::size_t>(got);
    }
    return data;
  }

  tl::unexpected<Error> timed_out() const {
    return failure(ErrorCode::timeout,
                   fmt::format("no response within {} ms", m_access.timeout.count()));
  }

  BrokerAddress m_broker;
  const LogDirsAccess& m_access;
  Clock::time_point m_deadline;
  Socket m_socket;
  std::int32_t m_correlation_id = 0;
};

/// SaslHandshake v1 ("PLAIN") then SaslAuthenticate v0 with `\0user\0password`.
Result<void> authenticate(BrokerConnection& connection, const LogDirsAccess& access) {
  wire::Writer handshake;
  handshake.string("PLAIN");
  auto handshake_response = connection.exchange(k_sasl_handshake_v1, handshake.data());
  if (!handshake_response) {
    return tl::unexpected(handshake_response.error());
  }
  wire::Reader handshake_reader(*handshake_response);
  if (const std::int16_t code = handshake_reader.int16(); code != 0) {
    const Error error = wire::response_error("SASL handshake failed", code);
    return connection.failure(error.code, error.message);
  }
  wire::Writer authenticate;
  std::string token;
  token.push_back('\0');
  token += access.username;
  token.push_back('\0');
  token += access.password;
  authenticate.bytes(token);
  auto response = connection.exchange(k_sasl_authenticate_v0, authenticate.data());
  if (!response) {
    return tl::unexpected(response.error());
  }
  wire::Reader reader(*response);
  const std::int16_t code = reader.int16();
  if (reader.failed()) {
    return connection.failure(ErrorCode::internal, "malformed SaslAuthenticate response");
  }
  if (code != 0) {
    // The broker's own message names the user, never the password.
    return connection.failure(
        ErrorCode::unauthorized,
        fmt::format("authentication failed for user '{}' (SASL PLAIN)", access.username));
  }
  return {};
}

} // namespace

std::string unsupported_reason(const LogDirsAccess& access) {
  const std::string protocol = upper(access.security_protocol);
  if (protocol != "PLAINTEXT" && protocol != "SASL_PLAINTEXT") {
    return fmt::format("storage-bytes over security.protocol {} is not supported yet "
                       "(specmesh sends DescribeLogDirs itself; PLAINTEXT and SASL_PLAINTEXT only)",
                       access.security_protocol);
  }
  if (protocol == "SASL_PLAINTEXT" && upper(access.sasl_mechanism) != "PLAIN") {
    return fmt::format("storage-bytes with SASL mechanism {} is not supported yet "
                       "(specmesh sends DescribeLogDirs itself; PLAIN only)",
                       access.sasl_mechanism);
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
  if (upper(access.security_protocol) == "SASL_PLAINTEXT") {
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
