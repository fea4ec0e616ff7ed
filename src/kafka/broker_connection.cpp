#include "broker_connection.hpp"

#include "openssl_handles.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace specmesh::kafka {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// Bound on a response's size: DescribeLogDirs of a big cluster is a few MB at most.
constexpr std::int32_t k_max_response_bytes = 256 * 1024 * 1024;

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { ::freeaddrinfo(info); }
};

/// The last value of `key` in the TLS settings (later settings win, as in librdkafka).
std::optional<std::string> setting(const Settings& settings, std::string_view key) {
  std::optional<std::string> found;
  for (const auto& [name, value] : settings) {
    if (name == key) {
      found = value;
    }
  }
  return found;
}

/// OpenSSL's queued reason, e.g. "certificate verify failed", emptied as it is read.
std::string openssl_reason() {
  std::string reason;
  while (const unsigned long code = ERR_get_error()) {
    if (const char* text = ERR_reason_error_string(code); text != nullptr) {
      reason = text;
    }
  }
  return reason.empty() ? "unknown TLS error" : reason;
}

/// Trust: ssl.ca.location (file, directory or "probe"), ssl.ca.pem, else the system's CAs.
bool load_trust(SSL_CTX* context, const Settings& tls) {
  if (const auto pem = setting(tls, "ssl.ca.pem")) {
    const auto bio = memory_bio(*pem);
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    int added = 0;
    while (const X509Handle cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
      added += X509_STORE_add_cert(store, cert.get());
    }
    ERR_clear_error(); // the end of the PEM text reads as an error
    return added > 0;
  }
  const auto location = setting(tls, "ssl.ca.location");
  if (!location || *location == "probe") {
    return SSL_CTX_set_default_verify_paths(context) == 1;
  }
  std::error_code ignored;
  if (std::filesystem::is_directory(*location, ignored)) {
    return SSL_CTX_load_verify_locations(context, nullptr, location->c_str()) == 1;
  }
  return SSL_CTX_load_verify_locations(context, location->c_str(), nullptr) == 1;
}

/// The client certificate and key, from files or PEM values, the key decrypted with
/// ssl.key.password.
bool load_identity(SSL_CTX* context, const Settings& tls, std::string& password) {
  if (const auto file = setting(tls, "ssl.certificate.location")) {
    if (SSL_CTX_use_certificate_chain_file(context, file->c_str()) != 1) {
      return false;
    }
  } else if (const auto pem = setting(tls, "ssl.certificate.pem")) {
    const X509Handle cert{PEM_read_bio_X509(memory_bio(*pem).get(), nullptr, nullptr, nullptr)};
    if (!cert || SSL_CTX_use_certificate(context, cert.get()) != 1) {
      return false;
    }
  } else {
    return true; // no client certificate: the broker decides whether it needs one
  }
  password = setting(tls, "ssl.key.password").value_or("");
  // OpenSSL's default callback hands out the user data as the password.
  SSL_CTX_set_default_passwd_cb_userdata(context, password.empty() ? nullptr : password.data());
  if (const auto file = setting(tls, "ssl.key.location")) {
    if (SSL_CTX_use_PrivateKey_file(context, file->c_str(), SSL_FILETYPE_PEM) != 1) {
      return false;
    }
  } else if (const auto pem = setting(tls, "ssl.key.pem")) {
    const KeyHandle key{PEM_read_bio_PrivateKey(
        memory_bio(*pem).get(), nullptr, nullptr, password.empty() ? nullptr : password.data())};
    if (!key || SSL_CTX_use_PrivateKey(context, key.get()) != 1) {
      return false;
    }
  }
  return SSL_CTX_check_private_key(context) == 1;
}

bool is_ip_address(const std::string& host) {
  in6_addr address{};
  return ::inet_pton(AF_INET, host.c_str(), &address) == 1
         || ::inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

} // namespace

struct BrokerConnection::Tls {
  SslContextHandle context;
  SslHandle ssl;
  std::string key_password; ///< outlives the handshake: OpenSSL reads it through a pointer
};

BrokerConnection::BrokerConnection(BrokerAddress broker, const LogDirsAccess& access)
    : m_broker(std::move(broker)), m_access(access), m_deadline(Clock::now() + access.timeout) {}

BrokerConnection::~BrokerConnection() {
  m_tls.reset();
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

Result<void> BrokerConnection::connect() {
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
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
      last_error = std::strerror(errno);
      continue;
    }
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    if (::connect(m_fd, address->ai_addr, address->ai_addrlen) != 0 && errno != EINPROGRESS) {
      last_error = std::strerror(errno);
      continue;
    }
    if (!wait_for(POLLOUT)) {
      last_error = "timed out";
      continue;
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
      last_error = std::strerror(error);
      continue;
    }
    const std::string protocol = upper_ascii(m_access.security_protocol);
    return protocol == "SSL" || protocol == "SASL_SSL" ? start_tls() : Result<void>{};
  }
  return failure(ErrorCode::unavailable, fmt::format("cannot connect ({})", last_error));
}

Result<void> BrokerConnection::start_tls() {
  m_tls = std::make_unique<Tls>();
  m_tls->context.reset(SSL_CTX_new(TLS_client_method()));
  SSL_CTX* context = m_tls->context.get();
  if (context == nullptr) {
    return failure(ErrorCode::internal, "TLS: " + openssl_reason());
  }
  const Settings& tls = m_access.tls;
  if (setting(tls, "enable.ssl.certificate.verification").value_or("true") != "false") {
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  }
  if (!load_trust(context, tls)) {
    return failure(ErrorCode::invalid_input,
                   "TLS: cannot load the CA certificates: " + openssl_reason());
  }
  if (!load_identity(context, tls, m_tls->key_password)) {
    return failure(ErrorCode::invalid_input,
                   "TLS: cannot load the client certificate and key: " + openssl_reason());
  }
  m_tls->ssl.reset(SSL_new(context));
  SSL* ssl = m_tls->ssl.get();
  SSL_set_fd(ssl, m_fd);
  // librdkafka checks the broker's name by default (ssl.endpoint.identification.algorithm).
  if (upper_ascii(setting(tls, "ssl.endpoint.identification.algorithm").value_or("https"))
      == "HTTPS") {
    if (is_ip_address(m_broker.host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), m_broker.host.c_str());
    } else {
      SSL_set1_host(ssl, m_broker.host.c_str());
      SSL_set_tlsext_host_name(ssl, m_broker.host.c_str());
    }
  }
  for (;;) {
    const int rc = SSL_connect(ssl);
    if (rc == 1) {
      return {};
    }
    const int error = SSL_get_error(ssl, rc);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      if (!wait_for(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT)) {
        return timed_out();
      }
      continue;
    }
    std::string why = openssl_reason();
    if (const long verify = SSL_get_verify_result(ssl); verify != X509_V_OK) {
      why += fmt::format(" ({})", X509_verify_cert_error_string(verify));
    }
    return failure(ErrorCode::unavailable, "TLS handshake failed: " + why);
  }
}

Result<std::string> BrokerConnection::exchange(wire::ApiVersion api, std::string_view body) {
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

tl::unexpected<Error> BrokerConnection::failure(ErrorCode code, std::string_view why) const {
  return fail(code,
              fmt::format("kafka broker {} '{}:{}': DescribeLogDirs: {}",
                          m_broker.id,
                          m_broker.host,
                          m_broker.port,
                          why));
}

int BrokerConnection::remaining_ms() const {
  const auto left = std::chrono::duration_cast<milliseconds>(m_deadline - Clock::now());
  return static_cast<int>(
      std::clamp<milliseconds::rep>(left.count(), 0, milliseconds{std::chrono::hours{24}}.count()));
}

bool BrokerConnection::wait_for(short events) const {
  for (;;) {
    pollfd entry{m_fd, events, 0};
    const int ready = ::poll(&entry, 1, remaining_ms());
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    return ready > 0;
  }
}

// Both loops try first and wait only when told to: TLS may hold decrypted bytes that poll()
// cannot see.
Result<void> BrokerConnection::send_all(std::string_view data) {
  while (!data.empty()) {
    std::size_t sent = 0;
    short wait = POLLOUT;
    if (m_tls) {
      if (SSL_write_ex(m_tls->ssl.get(), data.data(), data.size(), &sent) != 1) {
        const int error = SSL_get_error(m_tls->ssl.get(), 0);
        if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
          return failure(ErrorCode::unavailable, "send failed (" + openssl_reason() + ")");
        }
        wait = error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
      }
    } else if (const ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL); n >= 0) {
      sent = static_cast<std::size_t>(n);
    } else if (errno != EAGAIN && errno != EINTR) {
      return failure(ErrorCode::unavailable, fmt::format("send failed ({})", std::strerror(errno)));
    }
    data.remove_prefix(sent);
    if (sent == 0 && !wait_for(wait)) {
      return timed_out();
    }
  }
  return {};
}

Result<std::string> BrokerConnection::receive(std::size_t size) {
  std::string data(size, '\0');
  std::size_t received = 0;
  while (received < size) {
    std::size_t got = 0;
    short wait = POLLIN;
    if (m_tls) {
      if (SSL_read_ex(m_tls->ssl.get(), data.data() + received, size - received, &got) != 1) {
        const int error = SSL_get_error(m_tls->ssl.get(), 0);
        if (error == SSL_ERROR_ZERO_RETURN) {
          return failure(ErrorCode::unavailable, "the broker closed the connection");
        }
        if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
          return failure(ErrorCode::unavailable, "receive failed (" + openssl_reason() + ")");
        }
        wait = error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
      }
    } else if (const ssize_t n = ::recv(m_fd, data.data() + received, size - received, 0); n > 0) {
      got = static_cast<std::size_t>(n);
    } else if (n == 0) {
      return failure(ErrorCode::unavailable, "the broker closed the connection");
    } else if (errno != EAGAIN && errno != EINTR) {
      return failure(ErrorCode::unavailable,
                     fmt::format("receive failed ({})", std::strerror(errno)));
    }
    received += got;
    if (got == 0 && !wait_for(wait)) {
      return timed_out();
    }
  }
  return data;
}

tl::unexpected<Error> BrokerConnection::timed_out() const {
  return failure(ErrorCode::timeout,
                 fmt::format("no response within {} ms", m_access.timeout.count()));
}

} // namespace specmesh::kafka
