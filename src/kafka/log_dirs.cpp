// The Kafka wire protocol, just enough for DescribeLogDirs v1 (the newest non-flexible version;
// v0 is gone from Kafka 4.x): request header v1, response header v0, big-endian integers,
// int16-length strings, int32-count arrays. Schemas: DescribeLogDirsRequest/Response.json,
// SaslHandshakeRequest/Response.json (v1), SaslAuthenticateRequest/Response.json (v0).
#include "log_dirs.hpp"

#include "errors.hpp"

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

constexpr std::int16_t k_api_sasl_handshake = 17;
constexpr std::int16_t k_api_describe_log_dirs = 35;
constexpr std::int16_t k_api_sasl_authenticate = 36;
/// Bound on a response's size: DescribeLogDirs of a big cluster is a few MB at most.
constexpr std::int32_t k_max_response_bytes = 256 * 1024 * 1024;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::toupper(c));
  });
  return text;
}

// --- encoding --------------------------------------------------------------------------------

/// Appends big-endian protocol primitives.
class Writer {
public:
  void int8(std::int8_t value) { m_bytes.push_back(static_cast<char>(value)); }
  void int16(std::int16_t value) { put(static_cast<std::uint16_t>(value), 2); }
  void int32(std::int32_t value) { put(static_cast<std::uint32_t>(value), 4); }
  void string(std::string_view value) {
    int16(static_cast<std::int16_t>(value.size()));
    m_bytes.append(value);
  }
  void bytes(std::string_view value) {
    int32(static_cast<std::int32_t>(value.size()));
    m_bytes.append(value);
  }
  const std::string& data() const { return m_bytes; }

private:
  void put(std::uint64_t value, int size) {
    for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
      m_bytes.push_back(static_cast<char>((value >> shift) & 0xff));
    }
  }
  std::string m_bytes;
};

/// Reads big-endian protocol primitives; any read past the end sets failed() and yields 0.
class Reader {
public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

  std::int8_t int8() { return static_cast<std::int8_t>(get(1)); }
  std::int16_t int16() { return static_cast<std::int16_t>(static_cast<std::uint16_t>(get(2))); }
  std::int32_t int32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
  std::int64_t int64() { return static_cast<std::int64_t>(get(8)); }
  /// A string or nullable string (length -1 reads as empty).
  std::string string() {
    const std::int16_t length = int16();
    return length < 0 ? std::string() : take(static_cast<std::size_t>(length));
  }
  std::string bytes() {
    const std::int32_t length = int32();
    return length < 0 ? std::string() : take(static_cast<std::size_t>(length));
  }
  /// An array count; a negative (null) count reads as 0.
  std::int32_t count() { return std::max<std::int32_t>(0, int32()); }
  bool failed() const { return m_failed; }

private:
  std::uint64_t get(std::size_t size) {
    if (m_failed || m_bytes.size() < size) {
      m_failed = true;
      return 0;
    }
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i) {
      value = (value << 8) | static_cast<unsigned char>(m_bytes[i]);
    }
    m_bytes.remove_prefix(size);
    return value;
  }
  std::string take(std::size_t size) {
    if (m_failed || m_bytes.size() < size) {
      m_failed = true;
      return {};
    }
    std::string value(m_bytes.substr(0, size));
    m_bytes.remove_prefix(size);
    return value;
  }
  std::string_view m_bytes;
  bool m_failed = false;
};

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
  Result<std::string> exchange(std::int16_t api_key, std::int16_t version, const Writer& body) {
    const std::int32_t correlation_id = ++m_correlation_id;
    Writer header;
    header.int16(api_key);
    header.int16(version);
    header.int32(correlation_id);
    header.string(m_access.client_id);
    Writer frame;
    frame.int32(static_cast<std::int32_t>(header.data().size() + body.data().size()));
    std::string request = frame.data() + header.data() + body.data();
    if (auto sent = send_all(request); !sent) {
      return tl::unexpected(sent.error());
    }
    auto size_bytes = receive(4);
    if (!size_bytes) {
      return tl::unexpected(size_bytes.error());
    }
    Reader size_reader(*size_bytes);
    const std::int32_t size = size_reader.int32();
    if (size < 4 || size > k_max_response_bytes) {
      return failure(ErrorCode::internal, fmt::format("invalid response size {}", size));
    }
    auto response = receive(static_cast<std::size_t>(size));
    if (!response) {
      return tl::unexpected(response.error());
    }
    Reader reader(*response);
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

tl::unexpected<Error>
broker_error(const BrokerConnection& connection, std::string_view doing, std::int16_t code) {
  const auto err = static_cast<rd_kafka_resp_err_t>(code);
  return connection.failure(to_error_code(err),
                            fmt::format("{} ({})", doing, reason_text(err, nullptr)));
}

/// SaslHandshake v1 ("PLAIN") then SaslAuthenticate v0 with `\0user\0password`.
Result<void> authenticate(BrokerConnection& connection, const LogDirsAccess& access) {
  Writer handshake;
  handshake.string("PLAIN");
  auto handshake_response = connection.exchange(k_api_sasl_handshake, 1, handshake);
  if (!handshake_response) {
    return tl::unexpected(handshake_response.error());
  }
  Reader handshake_reader(*handshake_response);
  if (const std::int16_t code = handshake_reader.int16(); code != 0) {
    return broker_error(connection, "SASL handshake failed", code);
  }
  Writer authenticate;
  std::string token;
  token.push_back('\0');
  token += access.username;
  token.push_back('\0');
  token += access.password;
  authenticate.bytes(token);
  auto response = connection.exchange(k_api_sasl_authenticate, 0, authenticate);
  if (!response) {
    return tl::unexpected(response.error());
  }
  Reader reader(*response);
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

  Writer request;
  request.int32(static_cast<std::int32_t>(partitions.size()));
  for (const auto& [topic, ids] : partitions) {
    request.string(topic);
    request.int32(static_cast<std::int32_t>(ids.size()));
    for (const int id : ids) {
      request.int32(id);
    }
  }
  auto response = connection.exchange(k_api_describe_log_dirs, 1, request);
  if (!response) {
    return tl::unexpected(response.error());
  }

  std::map<std::string, std::int64_t> bytes;
  Reader reader(*response);
  reader.int32(); // throttle_time_ms
  const std::int32_t dir_count = reader.count();
  if (dir_count == 0 && !reader.failed()) {
    // Every broker has a log dir; v1 has no error code for a refusal, it answers with none
    // (KafkaApis.handleDescribeLogDirsRequest): say so instead of reporting 0 bytes.
    return connection.failure(ErrorCode::unauthorized,
                              "the broker listed no log dirs (not authorized? needs DESCRIBE on "
                              "the cluster)");
  }
  for (std::int32_t dir = 0; dir < dir_count && !reader.failed(); ++dir) {
    const std::int16_t code = reader.int16();
    const std::string log_dir = reader.string();
    if (code != 0 && !reader.failed()) {
      return broker_error(connection, fmt::format("log dir '{}'", log_dir), code);
    }
    const std::int32_t topic_count = reader.count();
    for (std::int32_t t = 0; t < topic_count && !reader.failed(); ++t) {
      const std::string topic = reader.string();
      const std::int32_t partition_count = reader.count();
      for (std::int32_t p = 0; p < partition_count && !reader.failed(); ++p) {
        reader.int32(); // partition_index
        const std::int64_t size = reader.int64();
        reader.int64(); // offset_lag
        reader.int8();  // is_future_key: a future replica is on disk too
        bytes[topic] += size;
      }
    }
  }
  if (reader.failed()) {
    return connection.failure(ErrorCode::internal, "malformed DescribeLogDirs response");
  }
  return bytes;
}

} // namespace specmesh::kafka
