// The client side of SASL SCRAM (RFC 5802, SHA-256/512 per RFC 7677) as Kafka speaks it, for
// the requests specmesh sends itself (SaslAuthenticate). The cryptography is OpenSSL's (PBKDF2,
// HMAC, digests, base64, random nonce). Usernames are escaped as RFC 5802 says; neither they nor
// passwords are SASLprep'd, as Kafka's own clients and brokers do not normalise them either.
// Private to src/kafka.
#pragma once

#include <specmesh/error.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace specmesh::kafka::scram {

enum class Mechanism { sha256, sha512 };

/// "SCRAM-SHA-256" / "SCRAM-SHA-512" (any case), else nullopt.
std::optional<Mechanism> mechanism_named(std::string_view name);

/// A fresh client nonce: random bytes from OpenSSL, base64 (printable, no ',').
std::string random_nonce();

/// One exchange: client-first, then client-final from the server-first message, then the
/// check of the server's signature. Failures are one line starting "SCRAM: ": unauthorized for
/// the server's e= or a wrong signature, internal for a malformed message; they never contain
/// the password or derived keys, which are wiped (OPENSSL_cleanse) before being freed.
class ClientExchange {
public:
  ClientExchange(Mechanism mechanism,
                 std::string_view username,
                 std::string password,
                 std::string client_nonce);
  ~ClientExchange();
  ClientExchange(const ClientExchange&) = delete;
  ClientExchange& operator=(const ClientExchange&) = delete;
  ClientExchange(ClientExchange&&) = delete;
  ClientExchange& operator=(ClientExchange&&) = delete;

  /// "n,,n=<username>,r=<client nonce>"
  std::string client_first() const;
  /// "c=biws,r=<nonce>,p=<proof>" for the server's "r=<nonce>,s=<salt>,i=<count>": the nonce
  /// must extend the client's, the count be 1 to 1,000,000; "m=" (a mandatory extension) and
  /// "e=" are refused.
  Result<std::string> client_final(std::string_view server_first);
  /// Succeeds when the server's "v=<signature>" proves it knows the password; "e=<error>" fails
  /// with the server's error.
  Result<void> verify_server_final(std::string_view server_final) const;

private:
  Mechanism m_mechanism;
  std::string m_username; ///< escaped
  std::string m_password;
  std::string m_client_nonce;
  std::vector<unsigned char> m_expected_server_signature; ///< empty until client_final
};

} // namespace specmesh::kafka::scram
