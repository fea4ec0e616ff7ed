#include <specmesh/s3/sigv4.hpp>
#include <specmesh/text.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace specmesh::s3 {
namespace {

using Digest = std::array<unsigned char, 32>;

constexpr std::string_view k_algorithm = "AWS4-HMAC-SHA256";

Digest hmac_sha256(std::string_view key, std::string_view data) {
  Digest out{};
  unsigned int length = 0;
  HMAC(EVP_sha256(),
       key.data(),
       static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()),
       data.size(),
       out.data(),
       &length);
  return out;
}

std::string_view as_text(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

std::string hex(const Digest& digest) {
  std::string out;
  out.reserve(2 * digest.size());
  for (const unsigned char byte : digest) {
    out += fmt::format("{:02x}", byte);
  }
  return out;
}

/// Leading and trailing blanks go, inner runs of blanks become one space.
std::string trimmed_value(std::string_view value) {
  std::string out;
  bool blank = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) {
      out += ' ';
      blank = false;
    }
    out += c;
  }
  return out;
}

} // namespace

std::string canonical_query(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(percent_encode(name, false), percent_encode(value, false));
  }
  std::ranges::sort(encoded);
  std::string out;
  for (const auto& [name, value] : encoded) {
    out += fmt::format("{}{}={}", out.empty() ? "" : "&", name, value);
  }
  return out;
}

namespace {

struct CanonicalHeaders {
  std::string lines;        ///< "name:value\n" each, sorted by name
  std::string signed_names; ///< "host;x-amz-date"
};

CanonicalHeaders canonical_headers(const SignableRequest& request) {
  std::map<std::string, std::string> by_name;
  for (const auto& [name, value] : request.headers) {
    std::string& joined = by_name[lower_ascii(name)];
    joined += (joined.empty() ? "" : ",") + trimmed_value(value);
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : by_name) {
    out.lines += fmt::format("{}:{}\n", name, value);
    out.signed_names += (out.signed_names.empty() ? "" : ";") + name;
  }
  return out;
}

} // namespace

std::string sha256_hex(std::string_view data) {
  Digest out{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr);
  return hex(out);
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  return fmt::format("{:%Y%m%dT%H%M%SZ}", std::chrono::floor<std::chrono::seconds>(time));
}

Signature sign(const SignableRequest& request,
               const Credentials& credentials,
               const Scope& scope,
               std::string_view amz_date) {
  const std::string_view day = amz_date.substr(0, 8);
  const std::string credential_scope =
      fmt::format("{}/{}/{}/aws4_request", day, scope.region, scope.service);
  const CanonicalHeaders headers = canonical_headers(request);

  Signature out;
  out.canonical_request = fmt::format("{}\n{}\n{}\n{}\n{}\n{}",
                                      request.method,
                                      request.path.empty() ? "/" : request.path,
                                      canonical_query(request.query),
                                      headers.lines,
                                      headers.signed_names,
                                      request.payload_sha256);
  out.string_to_sign = fmt::format(
      "{}\n{}\n{}\n{}", k_algorithm, amz_date, credential_scope, sha256_hex(out.canonical_request));

  std::string secret = "AWS4" + credentials.secret_key;
  const Digest day_key = hmac_sha256(secret, day);
  OPENSSL_cleanse(secret.data(), secret.size());
  const Digest region_key = hmac_sha256(as_text(day_key), scope.region);
  const Digest service_key = hmac_sha256(as_text(region_key), scope.service);
  const Digest signing_key = hmac_sha256(as_text(service_key), "aws4_request");
  out.signature = hex(hmac_sha256(as_text(signing_key), out.string_to_sign));
  out.authorization = fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}",
                                  k_algorithm,
                                  credentials.access_key,
                                  credential_scope,
                                  headers.signed_names,
                                  out.signature);
  return out;
}

} // namespace specmesh::s3
