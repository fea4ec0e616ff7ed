#include <specmesh/spec/naming.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace specmesh::spec {

namespace {

std::string slashes_to_delimiter(std::string_view text, char delimiter) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '/', delimiter);
  return out;
}

} // namespace

std::string domain_id(std::string_view urn, const NamingOptions& naming) {
  constexpr std::string_view k_prefix = "urn:";
  std::string id(urn.substr(urn.starts_with(k_prefix) ? k_prefix.size() : 0));
  std::replace(id.begin(), id.end(), ':', naming.delimiter);
  return id;
}

std::string canonical_channel_name(std::string_view key,
                                   std::string_view domain,
                                   bool has_publish,
                                   const NamingOptions& naming) {
  if (key.starts_with('/')) {
    return slashes_to_delimiter(key.substr(1), naming.delimiter);
  }
  // The original tests a plain string prefix here; Part A.2 makes ownership exact, so a
  // publish channel named `acme.shopping.x` in domain `acme.shop` is prefixed like any other.
  if (in_scope(key, domain, naming.delimiter)) {
    return std::string(key);
  }
  if (has_publish) {
    return std::string(domain) + naming.delimiter + slashes_to_delimiter(key, naming.delimiter);
  }
  return std::string(key);
}

bool in_scope(std::string_view name, std::string_view domain, char delimiter) {
  if (!name.starts_with(domain)) {
    return false;
  }
  return name.size() == domain.size() || name[domain.size()] == delimiter;
}

bool is_internal_topic(std::string_view name) {
  return name.starts_with("__") || name == "_schemas" || name.starts_with("_confluent");
}

std::string topic_name_problem(std::string_view name) {
  constexpr std::size_t k_max_length = 249; // Kafka's limit
  if (name.empty()) {
    return "is empty";
  }
  if (name == "." || name == "..") {
    return "cannot be '.' or '..'";
  }
  if (name.size() > k_max_length) {
    return fmt::format("is {} characters long; Kafka allows {}", name.size(), k_max_length);
  }
  const auto bad = std::find_if(name.begin(), name.end(), [](char c) {
    return !std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-';
  });
  if (bad != name.end()) {
    return fmt::format("has '{}', which Kafka does not allow (only ASCII letters, digits, '.', "
                       "'_' and '-')",
                       printable(std::string_view(&*bad, 1)));
  }
  return {};
}

std::optional<Visibility> storage_visibility(std::string_view path, const NamingOptions& naming) {
  const std::string_view first = path.substr(0, path.find('/'));
  if (first == naming.public_marker) {
    return Visibility::public_;
  }
  if (first == naming.protected_marker) {
    return Visibility::protected_;
  }
  if (first == naming.private_marker) {
    return Visibility::private_;
  }
  return std::nullopt;
}

namespace {

bool is_lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// Four dot-separated runs of digits, as S3 refuses ("192.168.5.4").
bool looks_like_ip_address(std::string_view name) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('.', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || !std::all_of(part.begin(), part.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      return false;
    }
    ++parts;
    start = end + 1;
  }
  return parts == 4;
}

} // namespace

std::string bucket_name_problem(std::string_view name) {
  constexpr std::size_t k_min_length = 3;
  constexpr std::size_t k_max_length = 63;
  if (name.size() < k_min_length || name.size() > k_max_length) {
    return fmt::format(
        "is {} characters long; S3 allows {} to {}", name.size(), k_min_length, k_max_length);
  }
  const auto bad = std::find_if(name.begin(), name.end(), [](char c) {
    return !is_lower_or_digit(c) && c != '.' && c != '-';
  });
  if (bad != name.end()) {
    return fmt::format("has '{}', which S3 does not allow in a bucket name (only lower-case ASCII "
                       "letters, digits, '.' and '-')",
                       printable(std::string_view(&*bad, 1)));
  }
  if (!is_lower_or_digit(name.front()) || !is_lower_or_digit(name.back())) {
    return "must start and end with a letter or digit";
  }
  if (name.find("..") != std::string_view::npos) {
    return "has '..', which S3 does not allow";
  }
  if (looks_like_ip_address(name)) {
    return "looks like an IP address, which S3 does not allow";
  }
  for (const std::string_view prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
    if (name.starts_with(prefix)) {
      return fmt::format("starts with '{}', which S3 reserves", prefix);
    }
  }
  for (const std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
    if (name.ends_with(suffix)) {
      return fmt::format("ends with '{}', which S3 reserves", suffix);
    }
  }
  return {};
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
  }
  return out;
}

} // namespace specmesh::spec
