// AWS Signature Version 4, as S3 and the IAM API require of every request: the canonical
// request, the string to sign and the Authorization header. Pure: the caller passes the time
// and every header to sign; the hashing is OpenSSL's.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace specmesh::s3 {

/// An access key and its secret. The secret only ever enters the signing key.
struct Credentials {
  std::string access_key;
  std::string secret_key;
};

/// Where a signature is valid: "us-east-1" and "s3", say.
struct Scope {
  std::string region;
  std::string service;
};

struct SignableRequest {
  std::string method;
  /// The path as sent, already percent-encoded (percent_encode(key, true) for an object key).
  std::string path;
  /// Decoded names and values, in any order; a value-less parameter has an empty value.
  std::vector<std::pair<std::string, std::string>> query;
  /// Every header to sign, host and x-amz-date included, names in any case.
  std::vector<std::pair<std::string, std::string>> headers;
  /// Lower-case hex SHA-256 of the body, or "UNSIGNED-PAYLOAD".
  std::string payload_sha256;
};

struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;     ///< lower-case hex
  std::string authorization; ///< the Authorization header's value
};

/// Signs `request` at `amz_date` ("20150830T123600Z", the value of its x-amz-date header).
Signature sign(const SignableRequest& request,
               const Credentials& credentials,
               const Scope& scope,
               std::string_view amz_date);

/// The query as the signature has it, and so as a request may send it: each name and value
/// percent-encoded, sorted, joined by '&' ("" for no parameters).
std::string canonical_query(const std::vector<std::pair<std::string, std::string>>& query);

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// `time` as x-amz-date wants it: "20150830T123600Z" (UTC).
std::string amz_date(std::chrono::system_clock::time_point time);

} // namespace specmesh::s3
