// Naming rules of Part B §2: domain id, canonical channel names, visibility markers and the
// exact ownership scope of Part A.2. Pure functions; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace specmesh::spec {

/// The configurable parts of naming (the original's `-Dspecmesh.public=…` etc.).
struct NamingOptions {
  char delimiter = '.';
  std::string public_marker = "_public";
  std::string protected_marker = "_protected";
  std::string private_marker = "_private";

  friend bool operator==(const NamingOptions&, const NamingOptions&) = default;
};

/// The tag that grants a domain read access: `grant-access:acme.finance`.
inline constexpr std::string_view k_grant_prefix = "grant-access:";

/// `urn:acme:shop` -> `acme.shop`. The caller has checked the `urn:` prefix.
std::string domain_id(std::string_view urn, const NamingOptions& naming);

/// Canonical topic name of a channel key (Part B §2.2).
std::string canonical_channel_name(std::string_view key,
                                   std::string_view domain,
                                   bool has_publish,
                                   const NamingOptions& naming);

/// True when `name` equals `domain` or starts with `domain` + delimiter (Part A.2): the
/// domain `acme.shop` owns `acme.shop.x` but not `acme.shopping.x`.
bool in_scope(std::string_view name, std::string_view domain, char delimiter);

/// Kafka's internal topics, which are never touched (`__*`, `_schemas`, `_confluent*`).
bool is_internal_topic(std::string_view name);

/// Why Kafka would refuse `name` as a topic name (empty, "." or "..", longer than 249
/// characters, or a character other than ASCII letters, digits, '.', '_' and '-'), or an
/// empty string when it is a valid name.
std::string topic_name_problem(std::string_view name);

enum class Visibility { public_, protected_, private_ };

/// The visibility a storage prefix path (`_public/exports`) has by its first segment, or
/// nullopt when that is no marker.
std::optional<Visibility> storage_visibility(std::string_view path, const NamingOptions& naming);

/// Why S3 would refuse `name` as a general purpose bucket name (3 to 63 characters of lower-case
/// letters, digits, '.' and '-', a letter or digit at both ends, no '..', not an IP address, none
/// of AWS's reserved prefixes and suffixes), or an empty string when it is a valid name.
std::string bucket_name_problem(std::string_view name);

/// `text` with every byte outside printable ASCII written as \xNN, for messages.
std::string printable(std::string_view text);

} // namespace specmesh::spec
