#include <specmesh/spec/naming.hpp>

#include <algorithm>

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

} // namespace specmesh::spec
