#include "scram.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <charconv>
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
/// base64("n,,"): the client does no channel binding and supports none.
constexpr std::string_view k_channel_binding = "biws";
constexpr std::size_t k_nonce_bytes = 24;

using Bytes = std::vector<unsigned char>;

const EVP_MD* digest(Mechanism mechanism) {
  return mechanism == Mechanism::sha256 ? EVP_sha256() : EVP_sha512();
}

tl::unexpected<Error> malformed(std::string_view why) {
  return fail(ErrorCode::internal, fmt::format("SCRAM: {}", why));
}

/// Server text made safe for a one-line message: control characters become '?'.
std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      c = '?';
    }
  }
  return out;
}

std::string base64(const Bytes& bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(
      reinterpret_cast<unsigned char*>(text.data()), bytes.data(), static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(length));
  return text;
}

/// Only the base64 alphabet, padded to a multiple of 4 with at most two final '='.
/// EVP_DecodeBlock alone accepts "ab=c" and "====".
bool is_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return false;
  }
  const std::size_t data = text.find_last_not_of('=') + 1;
  if (text.size() - data > 2) {
    return false;
  }
  for (const char c : text.substr(0, data)) {
    const bool in_alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                             || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!in_alphabet) {
      return false;
    }
  }
  return true;
}

std::optional<Bytes> unbase64(std::string_view text) {
  if (!is_base64(text)) {
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

bool hmac(Mechanism mechanism, const Bytes& key, std::string_view data, Bytes& out) {
  out.resize(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  const bool done = HMAC(digest(mechanism),
                         key.data(),
                         static_cast<int>(key.size()),
                         reinterpret_cast<const unsigned char*>(data.data()),
                         data.size(),
                         out.data(),
                         &length)
                    != nullptr;
  out.resize(length);
  return done;
}

bool hash(Mechanism mechanism, const Bytes& data, Bytes& out) {
  out.resize(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  const bool done =
      EVP_Digest(data.data(), data.size(), out.data(), &length, digest(mechanism), nullptr) == 1;
  out.resize(length);
  return done;
}

/// RFC 5802 §3's keys for one exchange, overwritten before their memory is freed, whichever
/// way the exchange ends.
struct Keys {
  Bytes salted_password;
  Bytes client_key;
  Bytes stored_key;
  Bytes client_signature;
  Bytes server_key;

  Keys() = default;
  Keys(const Keys&) = delete;
  Keys& operator=(const Keys&) = delete;
  Keys(Keys&&) = delete;
  Keys& operator=(Keys&&) = delete;
  ~Keys() {
    for (Bytes* key :
         {&salted_password, &client_key, &stored_key, &client_signature, &server_key}) {
      OPENSSL_cleanse(key->data(), key->size());
    }
  }
};

/// One "name=value" of a SCRAM message.
struct Attribute {
  char name = 0;
  std::string_view value;
};

/// A server message's attributes in their order; each must be ALPHA "=" value (RFC 5802 §7).
Result<std::vector<Attribute>> attributes(std::string_view message) {
  std::vector<Attribute> found;
  while (true) {
    const auto comma = message.find(',');
    const std::string_view attribute = message.substr(0, comma);
    const bool alpha = !attribute.empty()
                       && ((attribute[0] >= 'a' && attribute[0] <= 'z')
                           || (attribute[0] >= 'A' && attribute[0] <= 'Z'));
    if (!alpha || attribute.size() < 2 || attribute[1] != '=') {
      return malformed(
          fmt::format("malformed attribute '{}' in the server's message", printable(attribute)));
    }
    found.push_back({attribute[0], attribute.substr(2)});
    if (comma == std::string_view::npos) {
      return found;
    }
    message.remove_prefix(comma + 1);
  }
}

/// Refuses a message RFC 5802 says must fail: a mandatory extension (m=) this client does not
/// know, or the server's error (e=). Other extensions are ignored where the grammar allows them.
Result<void> refuse_extension_or_error(const std::vector<Attribute>& found) {
  for (const Attribute& attribute : found) {
    if (attribute.name == 'm') {
      return malformed("the server requires an extension (m=) that is not supported");
    }
  }
  if (found.front().name == 'e') {
    return fail(ErrorCode::unauthorized,
                fmt::format("SCRAM: the server said '{}'", printable(found.front().value)));
  }
  return {};
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
  OPENSSL_cleanse(m_expected_server_signature.data(), m_expected_server_signature.size());
}

std::string ClientExchange::client_first() const {
  return fmt::format("{}n={},r={}", k_gs2_header, m_username, m_client_nonce);
}

Result<std::string> ClientExchange::client_final(std::string_view server_first) {
  auto found = attributes(server_first);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (auto refused = refuse_extension_or_error(*found); !refused) {
    return tl::unexpected(refused.error());
  }
  // server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," ext]
  constexpr std::string_view k_order = "rsi";
  for (std::size_t position = 0; position < k_order.size(); ++position) {
    if (position >= found->size() || (*found)[position].name != k_order[position]) {
      return malformed(fmt::format("the server's first message has no '{}=' in its place (r, s, i)",
                                   k_order[position]));
    }
  }
  const std::string_view nonce = (*found)[0].value;
  const std::string_view salt_text = (*found)[1].value;
  const std::string_view count = (*found)[2].value;
  if (!nonce.starts_with(m_client_nonce) || nonce.size() == m_client_nonce.size()) {
    return malformed("the server's nonce does not extend the client's");
  }
  const auto salt = unbase64(salt_text);
  if (!salt) {
    return malformed("the server's salt is not base64");
  }
  long iterations = 0;
  const auto parsed = std::from_chars(count.data(), count.data() + count.size(), iterations);
  if (parsed.ec != std::errc() || parsed.ptr != count.data() + count.size() || iterations < 1
      || iterations > k_max_iterations) {
    return malformed(fmt::format("the server's iteration count '{}' is not between 1 and {}",
                                 printable(count),
                                 k_max_iterations));
  }

  const std::string without_proof = fmt::format("c={},r={}", k_channel_binding, nonce);
  const std::string auth_message = fmt::format(
      "{},{},{}", client_first().substr(k_gs2_header.size()), server_first, without_proof);
  Keys keys;
  keys.salted_password.resize(static_cast<std::size_t>(EVP_MD_get_size(digest(m_mechanism))));
  const bool derived =
      PKCS5_PBKDF2_HMAC(m_password.data(),
                        static_cast<int>(m_password.size()),
                        salt->data(),
                        static_cast<int>(salt->size()),
                        static_cast<int>(iterations),
                        digest(m_mechanism),
                        static_cast<int>(keys.salted_password.size()),
                        keys.salted_password.data())
          == 1
      && hmac(m_mechanism, keys.salted_password, "Client Key", keys.client_key)
      && hash(m_mechanism, keys.client_key, keys.stored_key)
      && hmac(m_mechanism, keys.stored_key, auth_message, keys.client_signature)
      && hmac(m_mechanism, keys.salted_password, "Server Key", keys.server_key)
      && hmac(m_mechanism, keys.server_key, auth_message, m_expected_server_signature);
  if (!derived) {
    m_expected_server_signature.clear();
    return fail(ErrorCode::internal, "SCRAM: OpenSSL could not derive the keys");
  }
  Bytes proof(keys.client_key.size());
  for (std::size_t i = 0; i < proof.size(); ++i) {
    proof[i] = keys.client_key[i] ^ keys.client_signature[i];
  }
  return fmt::format("{},p={}", without_proof, base64(proof));
}

Result<void> ClientExchange::verify_server_final(std::string_view server_final) const {
  auto found = attributes(server_final);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (auto refused = refuse_extension_or_error(*found); !refused) {
    return refused;
  }
  // server-final-message = (server-error / verifier) ["," extensions]
  if (found->front().name != 'v') {
    return malformed("the server's final message starts with neither 'v=' nor 'e='");
  }
  const auto signature = unbase64(found->front().value);
  if (!signature) {
    return malformed("the server's signature is not base64");
  }
  if (m_expected_server_signature.empty()) {
    return malformed("the server's final message came before the client's");
  }
  if (signature->size() != m_expected_server_signature.size()
      || CRYPTO_memcmp(signature->data(),
                       m_expected_server_signature.data(),
                       m_expected_server_signature.size())
             != 0) {
    return fail(ErrorCode::unauthorized,
                "SCRAM: the server's signature is wrong (it does not know the password)");
  }
  return {};
}

} // namespace specmesh::kafka::scram
