// A small blocking HTTP client over libcurl for the HTTP adapters (schema registry, S3): RAII
// handles, basic auth, per-request headers, an extra CA file, timeouts, and a
// bounded-concurrency runner for many independent requests. Only adapters include it: nothing
// above them sees curl types or HTTP.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace specmesh::http {

namespace detail {
struct EasyDeleter {
  void operator()(CURL* p) const { curl_easy_cleanup(p); }
};
struct SlistDeleter {
  void operator()(curl_slist* p) const { curl_slist_free_all(p); }
};
struct UrlDeleter {
  void operator()(CURLU* p) const { curl_url_cleanup(p); }
};
} // namespace detail

using EasyHandle = std::unique_ptr<CURL, detail::EasyDeleter>;
using SlistHandle = std::unique_ptr<curl_slist, detail::SlistDeleter>;
using UrlHandle = std::unique_ptr<CURLU, detail::UrlDeleter>;

enum class Method { get, post, put, del };

struct Request {
  Method method = Method::get;
  std::string path; ///< appended to the base URL, already percent-encoded, e.g. "/subjects"
  std::string body; ///< sent only for POST and PUT
  /// "Name: value" lines sent after the client's own (a signature, say).
  std::vector<std::string> headers;
};

/// An HTTP answer, whatever its status.
struct Response {
  long status = 0;
  std::string body;
};

/// The request never got an HTTP answer (connection refused, DNS, TLS, timeout, ...).
struct TransportError {
  CURLcode code = CURLE_OK;
  std::string reason;    ///< e.g. "Connection refused", "Could not resolve host: sr.invalid"
  bool connected = true; ///< false when a timeout struck before the connection was made
};

using Outcome = std::variant<Response, TransportError>;

struct ClientOptions {
  std::string base_url; ///< scheme://host[:port][/path], no trailing slash, no userinfo
  std::string user;     ///< basic-auth user; empty: no authentication
  std::string password;
  std::string ca_file; ///< extra CA bundle for https; empty: the system's
  /// "Name: value" lines sent with every request (Accept, Content-Type).
  std::vector<std::string> headers;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  /// Bound on making one connection (TCP and TLS), when shorter than the request's time.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
};

class Client {
public:
  explicit Client(ClientOptions options);

  /// One request on an idle (reused, keep-alive) handle, or a new one when all are busy.
  /// Thread-safe: concurrent requests each get a handle of their own. A request that may not
  /// have reached the server is sent again within `budget` (by default the options' timeout),
  /// so every request must be safe to repeat.
  Outcome send(const Request& request);
  Outcome send(const Request& request, std::chrono::milliseconds budget);

  /// Sends every request, at most `max_parallel` at once, and returns the outcomes in the
  /// order of `requests`.
  std::vector<Outcome> send_all(const std::vector<Request>& requests, int max_parallel);

  const ClientOptions& options() const { return m_options; }

private:
  /// Up to this many attempts per request, each with an even share of the timeout.
  static constexpr int k_attempts = 3;

  /// One attempt within `timeout`; a failure's message names `budget`, the whole request's.
  Outcome perform(CURL* handle,
                  const Request& request,
                  std::chrono::milliseconds timeout,
                  std::chrono::milliseconds budget) const;
  EasyHandle take_handle();

  ClientOptions m_options;
  std::mutex m_mutex; ///< guards m_idle
  std::vector<EasyHandle> m_idle;
};

/// A URL as the user gave it, split into what the client needs.
struct ParsedUrl {
  std::string base;    ///< scheme://host[:port][/path] without userinfo, query or trailing '/'
  std::string display; ///< what messages may show: `base`, or the text without userinfo
  std::string user;    ///< userinfo from the URL, decoded (may be empty)
  std::string password;
  std::string problem; ///< non-empty when the URL is unusable: why
};

/// Parses and checks a server URL: http or https, a host, no query or fragment.
ParsedUrl parse_url(const std::string& url);

} // namespace specmesh::http
