#include "tls_settings.hpp"

#include "openssl_handles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace specmesh::kafka {
namespace {

/// The settings whose value is a path that librdkafka opens.
constexpr std::array<std::string_view, 5> k_file_settings{"ssl.ca.location",
                                                          "ssl.certificate.location",
                                                          "ssl.key.location",
                                                          "ssl.crl.location",
                                                          "ssl.keystore.location"};

tl::unexpected<Error> setting_error(std::string_view key, std::string_view why) {
  return fail(ErrorCode::invalid_input, fmt::format("kafka property '{}': {}", key, why));
}

std::string utc(const ASN1_TIME* time) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(time, &tm) != 1) {
    return "an unreadable date";
  }
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text.data();
}

/// The first certificate of a PEM text must be valid now.
Result<void> check_validity(std::string_view key, std::string_view pem, std::string_view where) {
  const BioHandle bio = memory_bio(pem);
  const X509Handle cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    return setting_error(key, fmt::format("{} holds no PEM certificate", where));
  }
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0) {
    return setting_error(key,
                         fmt::format("the certificate in {} expired on {}",
                                     where,
                                     utc(X509_get0_notAfter(cert.get()))));
  }
  if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) > 0) {
    return setting_error(key,
                         fmt::format("the certificate in {} is not valid before {}",
                                     where,
                                     utc(X509_get0_notBefore(cert.get()))));
  }
  return {};
}

Result<std::string> read_file(std::string_view key, const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    if (key == "ssl.ca.location") {
      return std::string(); // a directory of CA certificates (OpenSSL's hashed layout)
    }
    return setting_error(key, fmt::format("'{}' is a directory, not a file", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return setting_error(key, fmt::format("cannot read '{}' ({})", path, std::strerror(errno)));
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

} // namespace

Result<void> check_tls_files(const Settings& settings) {
  for (const auto& [key, value] : settings) {
    const bool names_file =
        std::find(k_file_settings.begin(), k_file_settings.end(), key) != k_file_settings.end();
    if (key == "ssl.certificate.pem") {
      if (auto valid = check_validity(key, value, "its value"); !valid) {
        return valid;
      }
    }
    if (!names_file || (key == "ssl.ca.location" && value == "probe")) {
      continue;
    }
    auto text = read_file(key, value);
    if (!text) {
      return tl::unexpected(text.error());
    }
    if (key == "ssl.certificate.location") {
      if (auto valid = check_validity(key, *text, fmt::format("'{}'", value)); !valid) {
        return valid;
      }
    }
  }
  return {};
}

std::optional<std::string> tls_setting_failure(std::string_view text) {
  const auto failed = text.find(" failed: ");
  if (!text.starts_with("ssl.") || failed == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view key = text.substr(0, failed);
  std::string_view why = text.substr(failed + 9);
  // OpenSSL's "error:05800074:x509 certificate routines::key values mismatch": keep the reason.
  if (const auto last = why.rfind("::");
      why.starts_with("error:") && last != std::string_view::npos) {
    why.remove_prefix(last + 2);
  }
  if (key == "ssl.key.location" && why == "key values mismatch") {
    return fmt::format("kafka property 'ssl.key.location': the key does not belong to the "
                       "certificate in ssl.certificate.location");
  }
  return fmt::format("kafka property '{}': {}", key, why);
}

std::optional<std::string> tls_handshake_failure(std::string_view reason) {
  if (contains(reason, "certificate verify failed")) {
    if (contains(reason, "expired")) {
      return "TLS handshake failed: the broker's certificate has expired";
    }
    if (contains(reason, "ostname mismatch") || contains(reason, "IP address mismatch")) {
      return "TLS handshake failed: the broker's certificate does not name this host (turn "
             "the check off with ssl.endpoint.identification.algorithm=none only if you must)";
    }
    return "TLS handshake failed: the broker's certificate is not signed by a trusted CA; set "
           "ssl.ca.location to the CA that signed it";
  }
  for (const std::string_view alert : {"alert bad certificate",
                                       "alert certificate unknown",
                                       "alert unknown ca",
                                       "alert certificate expired",
                                       "alert certificate required",
                                       "alert handshake failure"}) {
    if (contains(reason, alert)) {
      return fmt::format("TLS handshake failed: the broker refused the client certificate "
                         "(TLS {}); check ssl.certificate.location and ssl.key.location, and "
                         "that the broker trusts the CA that signed them",
                         alert);
    }
  }
  if (contains(reason, "wrong version number") || contains(reason, "packet length too long")
      || contains(reason, "connecting to a PLAINTEXT broker listener")) {
    return "TLS handshake failed: the broker does not speak TLS on this port; is it a "
           "PLAINTEXT or SASL_PLAINTEXT listener (security.protocol)?";
  }
  return std::nullopt;
}

} // namespace specmesh::kafka
