#include "signed_client.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <chrono>

namespace specmesh::s3 {
namespace {

/// host[:port] of scheme://host[:port][/path].
std::string host_of(const std::string& base_url) {
  const std::size_t start = base_url.find("://");
  const std::size_t from = start == std::string::npos ? 0 : start + 3;
  return base_url.substr(from, base_url.find('/', from) - from);
}

std::string_view method_name(http::Method method) {
  switch (method) {
  case http::Method::get:
    return "GET";
  case http::Method::post:
    return "POST";
  case http::Method::put:
    return "PUT";
  case http::Method::del:
    return "DELETE";
  }
  return "GET";
}

} // namespace

SignedClient::SignedClient(http::ClientOptions options, Scope scope, Credentials credentials)
    : m_client(std::move(options)), m_scope(std::move(scope)),
      m_credentials(std::move(credentials)), m_host(host_of(m_client.options().base_url)) {}

http::Outcome SignedClient::send(const S3Request& request) {
  const std::string path = percent_encode(request.path, true);
  const std::string date = amz_date(std::chrono::system_clock::now());
  const std::string payload = sha256_hex(request.body);
  SignableRequest signable{
      .method = std::string(method_name(request.method)),
      .path = path,
      .query = request.query,
      .headers = {{"host", m_host}, {"x-amz-date", date}, {"x-amz-content-sha256", payload}},
      .payload_sha256 = payload};
  signable.headers.insert(signable.headers.end(), request.headers.begin(), request.headers.end());
  const Signature signature = sign(signable, m_credentials, m_scope, date);

  const std::string query = canonical_query(request.query);
  http::Request out{.method = request.method,
                    .path = query.empty() ? path : path + "?" + query,
                    .body = request.body,
                    .headers = {}};
  for (const auto& [name, value] : signable.headers) {
    out.headers.push_back(fmt::format("{}: {}", name, value));
  }
  out.headers.push_back("Authorization: " + signature.authorization);
  return m_client.send(out);
}

} // namespace specmesh::s3
