// S3 requests over the shared HTTP client, each signed with AWS Signature Version 4 at the
// moment it is made. Private to src/s3: nothing above the adapter sees HTTP.
#pragma once

#include "http/client.hpp"

#include <specmesh/s3/sigv4.hpp>

#include <string>
#include <utility>
#include <vector>

namespace specmesh::s3 {

/// A request in S3's terms: the path is "/bucket" or "/bucket/key" (path-style, unencoded).
struct S3Request {
  http::Method method = http::Method::get;
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> query; ///< decoded; "policy" with ""
  std::string body;
  /// Extra headers to send and sign (Content-MD5, say), as name and value.
  std::vector<std::pair<std::string, std::string>> headers;
};

class SignedClient {
public:
  /// `options.base_url` is the endpoint (scheme://host[:port]); `options.user` stays empty.
  SignedClient(http::ClientOptions options, Scope scope, Credentials credentials);

  http::Outcome send(const S3Request& request);

  /// host[:port] as the Host header names it (and the signature signs it).
  const std::string& host() const { return m_host; }

private:
  http::Client m_client;
  Scope m_scope;
  Credentials m_credentials;
  std::string m_host;
};

} // namespace specmesh::s3
