#include "client.hpp"

#include <specmesh/parallel.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace specmesh::http {

namespace {

/// Bodies larger than this are refused: no answer the adapters read comes near it.
constexpr std::size_t k_max_body = std::size_t{64} * 1024 * 1024;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* body = nullptr;
  bool too_large = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body->size() + n > k_max_body) {
    sink->too_large = true;
    return 0; // makes curl fail with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

/// Failures after which the request may never have reached the server.
bool worth_sending_again(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR
         || code == CURLE_RECV_ERROR;
}

/// Whether the transfer had its connection made (curl's connect time is 0 until then).
bool was_connected(CURL* handle) {
  curl_off_t connect_time = 0;
  return curl_easy_getinfo(handle, CURLINFO_CONNECT_TIME_T, &connect_time) == CURLE_OK
         && connect_time > 0;
}

TransportError transport_error(CURL* handle,
                               CURLcode code,
                               const char* error_buffer,
                               const Sink& sink,
                               std::chrono::milliseconds timeout) {
  TransportError error{code, {}};
  if (code == CURLE_WRITE_ERROR && sink.too_large) {
    error.reason = "response larger than 64 MiB";
    return error;
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    error.connected = was_connected(handle);
    error.reason = (error.connected ? "no answer within " : "timed out after ")
                   + std::to_string(timeout.count()) + " ms";
    return error;
  }
  if (code == CURLE_COULDNT_CONNECT) {
    long os_errno = 0;
    if (curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK && os_errno != 0) {
      error.reason = std::generic_category().message(static_cast<int>(os_errno));
      return error;
    }
  }
  error.reason = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  while (!error.reason.empty() && (error.reason.back() == '\n' || error.reason.back() == '.')) {
    error.reason.pop_back();
  }
  return error;
}

/// One part of a parsed URL (empty when absent); `flags` e.g. CURLU_URLDECODE.
std::string url_part(CURLU* url, CURLUPart part, unsigned int flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) {
    return {};
  }
  std::string text(value);
  curl_free(value);
  return text;
}

/// The text with any userinfo ("user:secret@") before the host removed, for messages.
std::string without_userinfo(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  const std::size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const std::size_t authority_end = url.find_first_of("/?#", start);
  const std::size_t at =
      url.rfind('@', authority_end == std::string::npos ? url.size() - 1 : authority_end);
  if (at == std::string::npos || at < start) {
    return url;
  }
  return url.substr(0, start) + url.substr(at + 1);
}

SlistHandle header_list(const std::vector<std::string>& common,
                        const std::vector<std::string>& own) {
  curl_slist* list = nullptr;
  for (const std::vector<std::string>* lines : {&common, &own}) {
    for (const std::string& line : *lines) {
      curl_slist* appended = curl_slist_append(list, line.c_str());
      if (appended == nullptr) {
        return SlistHandle(list);
      }
      list = appended;
    }
  }
  return SlistHandle(list);
}

} // namespace

Client::Client(ClientOptions options) : m_options(std::move(options)) {
  global_init();
}

Outcome Client::send(const Request& request) {
  return send(request, m_options.timeout);
}

Outcome Client::send(const Request& request, std::chrono::milliseconds budget) {
  // A request that may never have reached the server is sent again, on a new connection,
  // within the same overall timeout: once, in the benchmark, a write got no answer for 30 s on a
  // kept-alive connection while the registry served every other request. The adapters only send
  // requests that are safe to repeat (registering a schema the subject already has returns its
  // id; the other writes set values).
  const auto deadline = std::chrono::steady_clock::now() + budget;
  for (int attempt = 1;; ++attempt) {
    EasyHandle handle = attempt == 1 ? take_handle() : EasyHandle(curl_easy_init());
    if (!handle) {
      return TransportError{CURLE_FAILED_INIT, "cannot create a curl handle"};
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const bool last = attempt == k_attempts || remaining <= budget / k_attempts;
    Outcome outcome =
        perform(handle.get(), request, last ? remaining : budget / k_attempts, budget);
    const auto* failure = std::get_if<TransportError>(&outcome);
    if (last || failure == nullptr || !worth_sending_again(failure->code)) {
      const std::lock_guard<std::mutex> lock(m_mutex);
      m_idle.push_back(std::move(handle)); // keeps its connection for the next request
      return outcome;
    }
  }
}

EasyHandle Client::take_handle() {
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_idle.empty()) {
      EasyHandle handle = std::move(m_idle.back());
      m_idle.pop_back();
      return handle;
    }
  }
  return EasyHandle(curl_easy_init());
}

std::vector<Outcome> Client::send_all(const std::vector<Request>& requests, int max_parallel) {
  std::vector<Outcome> outcomes(requests.size());
  for_each_bounded(
      requests.size(), max_parallel, [&](std::size_t i) { outcomes[i] = send(requests[i]); });
  return outcomes;
}

Outcome Client::perform(CURL* handle,
                        const Request& request,
                        std::chrono::milliseconds timeout,
                        std::chrono::milliseconds budget) const {
  curl_easy_reset(handle); // options only: the connection cache stays
  const std::string url = m_options.base_url + request.path;
  std::string body;
  Sink sink{&body, false};
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  const long timeout_ms = static_cast<long>(std::max<std::int64_t>(timeout.count(), 1));
  const long connect_timeout_ms =
      std::min(timeout_ms, static_cast<long>(m_options.connect_timeout.count()));

  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  const SlistHandle headers = header_list(m_options.headers, request.headers);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &write_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
  if (!m_options.user.empty()) {
    curl_easy_setopt(handle, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(handle, CURLOPT_USERNAME, m_options.user.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, m_options.password.c_str());
  }
  if (!m_options.ca_file.empty()) {
    curl_easy_setopt(handle, CURLOPT_CAINFO, m_options.ca_file.c_str());
  }
  switch (request.method) {
  case Method::get:
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    break;
  case Method::post:
  case Method::put:
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(
        handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
    if (request.method == Method::put) {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "PUT");
    }
    break;
  case Method::del:
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "DELETE");
    break;
  }

  const CURLcode code = curl_easy_perform(handle);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr); // the list dies with this frame
  if (code != CURLE_OK) {
    const TransportError error = transport_error(handle, code, error_buffer.data(), sink, budget);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
    return error;
  }
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr); // the buffer dies with this frame
  Response response;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(body);
  return response;
}

ParsedUrl parse_url(const std::string& url) {
  global_init();
  ParsedUrl parsed;
  parsed.display = without_userinfo(url);
  const UrlHandle handle(curl_url());
  if (!handle) {
    parsed.problem = "cannot parse the url";
    return parsed;
  }
  const std::size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (scheme != "http" && scheme != "https") {
    parsed.problem = "invalid url (it must start with http:// or https://)";
    return parsed;
  }
  if (const CURLUcode rc = curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0);
      rc != CURLUE_OK) {
    parsed.problem = std::string("invalid url (") + curl_url_strerror(rc) + ")";
    return parsed;
  }
  if (!url_part(handle.get(), CURLUPART_QUERY).empty()
      || !url_part(handle.get(), CURLUPART_FRAGMENT).empty()) {
    parsed.problem = "invalid url (no query or fragment allowed)";
    return parsed;
  }
  const std::string host = url_part(handle.get(), CURLUPART_HOST);
  if (host.empty()) {
    parsed.problem = "invalid url (no host)";
    return parsed;
  }
  const std::string port = url_part(handle.get(), CURLUPART_PORT);
  std::string path = url_part(handle.get(), CURLUPART_PATH);
  while (!path.empty() && path.back() == '/') {
    path.pop_back();
  }
  parsed.base = scheme + "://" + host + (port.empty() ? "" : ":" + port) + path;
  parsed.display = parsed.base;
  parsed.user = url_part(handle.get(), CURLUPART_USER, CURLU_URLDECODE);
  parsed.password = url_part(handle.get(), CURLUPART_PASSWORD, CURLU_URLDECODE);
  return parsed;
}

} // namespace specmesh::http
