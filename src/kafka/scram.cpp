#include "scram.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdexcept>
#include <vector>

namespace specmesh::kafka::scram {
namespace {

/// More would take the client seconds; Kafka's own maximum is 16384.
constexpr long k_max_iterations = 1'000'000;
constexpr std::string_view k_gs2_header = "n,,";
constexpr std::size_t k_nonce_bytes = 24;

using Bytes = std::vector<unsigned char>;

const EVP_MD* digest(Mechanism mechanism) {
  return mechanism == Mechanism::sha256 ? EVP_sha256() : EVP_sha512();
}

tl::unexpected<Error> malformed(std::string_view why) {
  return fail(ErrorCode::internal, fmt::format("SCRAM: {}", why));
}

std::string base64(const Bytes& bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(
      reinterpret_cast<unsigned char*>(text.data()), bytes.data(), static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(length));
  return text;
}

std::optional<Bytes> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return std::nullopt;
  }
  Bytes bytes(3 * text.size() / 4);
  const int length = EVP_DecodeBlock(bytes.data(),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts the padding as zero bytes.
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  bytes.resize(static_cast<std::size_t>(length) - padding);
  return bytes;
}

Bytes hmac(Mechanism mechanism, const Bytes& key, std::string_view data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  HMAC(digest(mechanism),
       key.data(),
       static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()),
       data.size(),
       out.data(),
       &length);
  out.resize(length);
  return out;
}

Bytes hash(Mechanism mechanism, const Bytes& data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, digest(mechanism), nullptr);
  out.resize(length);
  return out;
}

/// Overwrites key material before it is freed.
void wipe(Bytes& bytes) {
  OPENSSL_cleanse(bytes.data(), bytes.size());
}

/// The attributes of a server message ("r=…,s=…,i=…"), by their one-letter names.
Result<std::map<char, std::string>> attributes(std::string_view message) {
  std::map<char, std::string> found;
  while (!message.empty()) {
    const auto comma = message.find(',');
    const std::string_view attribute = message.substr(0, comma);
    if (attribute.size() < 2 || attribute[1] != '=') {
      return malformed(fmt::format("malformed attribute in the server's message '{}'", attribute));
    }
    found.emplace(attribute[0], std::string(attribute.substr(2)));
    message = comma == std::string_view::npos ? std::string_view() : message.substr(comma + 1);
  }
  return found;
}

/// RFC 5802 §5.1: ',' and '=' in a username are written "=2C" and "=3D".
std::string escaped(std::string_view username) {
  std::string out;
  for (const char c : username) {
    if (c == ',') {
      out += "=2C";
    } else if (c == '=') {
      out += "=3D";
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

std::optional<Mechanism> mechanism_named(std::string_view name) {
  const std::string upper = upper_ascii(name);
  if (upper == "SCRAM-SHA-256") {
    return Mechanism::sha256;
  }
  if (upper == "SCRAM-SHA-512") {
    return Mechanism::sha512;
  }
  return std::nullopt;
}

std::string random_nonce() {
  Bytes bytes(k_nonce_bytes);
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("OpenSSL's random generator failed"); // not seeded: nothing works
  }
  return base64(bytes);
}

ClientExchange::ClientExchange(Mechanism mechanism,
                               std::string_view username,
                               std::string password,
                               std::string client_nonce)
    : m_mechanism(mechanism), m_username(escaped(username)), m_password(std::move(password)),
      m_client_nonce(std::move(client_nonce)) {}

ClientExchange::~ClientExchange() {
  OPENSSL_cleanse(m_password.data(), m_password.size());
}

std::string ClientExchange::client_first() const {
  return fmt::format("{}n={},r={}", k_gs2_header, m_username, m_client_nonce);
}

Result<std::string> ClientExchange::client_final(std::string_view server_first) {
  auto found = attributes(server_first);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (found->contains('m')) {
    return malformed("the server requires an extension (m=) that is not supported");
  }
  if (found->contains('e')) {
    return fail(ErrorCode::unauthorized,
                fmt::format("SCRAM: the server said '{}'", found->at('e')));
  }
  for (const char name : {'r', 's', 'i'}) {
    if (!found->contains(name)) {
      return malformed(fmt::format("the server's first message has no '{}='", name));
    }
  }
  const std::string& nonce = found->at('r');
  if (!nonce.starts_with(m_client_nonce) || nonce.size() == m_client_nonce.size()) {
    return malformed("the server's nonce does not extend the client's");
  }
  const auto salt = unbase64(found->at('s'));
  if (!salt) {
    return malformed("the server's salt is not base64");
  }
  long iterations = 0;
  const std::string& count = found->at('i');
  const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), iterations);
  if (error != std::errc() || end != count.data() + count.size() || iterations < 1
      || iterations > k_max_iterations) {
    return malformed(fmt::format(
        "the server's iteration count '{}' is not between 1 and {}", count, k_max_iterations));
  }

  Bytes salted(static_cast<std::size_t>(EVP_MD_get_size(digest(m_mechanism))));
  PKCS5_PBKDF2_HMAC(m_password.data(),
                    static_cast<int>(m_password.size()),
                    salt->data(),
                    static_cast<int>(salt->size()),
                    static_cast<int>(iterations),
                    digest(m_mechanism),
                    static_cast<int>(salted.size()),
                    salted.data());
  const std::string without_proof =
      fmt::format("c={},r={}", base64(Bytes(k_gs2_header.begin(), k_gs2_header.end())), nonce);
  const std::string auth_message = fmt::format(
      "{},{},{}", client_first().substr(k_gs2_header.size()), server_first, without_proof);
  Bytes client_key = hmac(m_mechanism, salted, "Client Key");
  Bytes stored_key = hash(m_mechanism, client_key);
  Bytes signature = hmac(m_mechanism, stored_key, auth_message);
  Bytes proof = client_key;
  for (std::size_t i = 0; i < proof.size(); ++i) {
    proof[i] ^= signature[i];
  }
  Bytes server_key = hmac(m_mechanism, salted, "Server Key");
  m_expected_server_signature = base64(hmac(m_mechanism, server_key, auth_message));
  for (Bytes* secret : {&salted, &client_key, &stored_key, &signature, &server_key}) {
    wipe(*secret);
  }
  return fmt::format("{},p={}", without_proof, base64(proof));
}

Result<void> ClientExchange::verify_server_final(std::string_view server_final) const {
  auto found = attributes(server_final);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (found->contains('e')) {
    return fail(ErrorCode::unauthorized,
                fmt::format("SCRAM: the server said '{}'", found->at('e')));
  }
  const auto signature = found->find('v');
  if (signature == found->end()) {
    return malformed("the server's final message has no 'v='");
  }
  if (m_expected_server_signature.empty()
      || signature->second.size() != m_expected_server_signature.size()
      || CRYPTO_memcmp(signature->second.data(),
                       m_expected_server_signature.data(),
                       m_expected_server_signature.size())
             != 0) {
    return fail(ErrorCode::unauthorized,
                "SCRAM: the server's signature is wrong (it does not know the password)");
  }
  return {};
}

} // namespace specmesh::kafka::scram
