#include "storage_reader.hpp"

#include <specmesh/did_you_mean.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace specmesh::spec {

namespace {

constexpr std::string_view k_section = "x-specmesh-storage";
constexpr std::array<std::string_view, 3> k_prefix_keys{"description", "tags", "bindings"};
constexpr std::array<std::string_view, 1> k_binding_keys{"s3"};
constexpr std::array<std::string_view, 1> k_s3_keys{"expiration-days"};

/// Reports every key of `mapping` that is not one of `known`, with the closest known one.
void report_unknown_keys(NodeReader& reader,
                         yaml::Node mapping,
                         std::span<const std::string_view> known,
                         std::string_view where) {
  for (const auto& [key, value] : mapping.entries()) {
    const std::string_view name = key.scalar();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      reader.report(
          key,
          fmt::format(
              "unknown key '{}' in {}{}", printable(name), where, did_you_mean(name, known)));
    }
  }
}

bool is_path_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
}

/// Why `path` cannot be a storage prefix, or an empty string when it can. Only S3's safe
/// characters are allowed: `*`, `?` and `$` would be wildcards or variables in a policy.
std::string path_problem(std::string_view path, const NamingOptions& naming) {
  if (path.empty()) {
    return "is empty";
  }
  if (path.starts_with('/') || path.ends_with('/')) {
    return "must not start or end with '/'";
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      return "has an empty, '.' or '..' segment";
    }
    const auto bad = std::find_if_not(segment.begin(), segment.end(), is_path_character);
    if (bad != segment.end()) {
      return fmt::format("has '{}' (a prefix has only ASCII letters, digits, '.', '_', '-' and "
                         "'/' between its parts)",
                         printable(std::string_view(&*bad, 1)));
    }
    start = end + 1;
  }
  if (!storage_visibility(path, naming)) {
    return fmt::format("must start with a visibility: '{}/', '{}/' or '{}/'",
                       naming.public_marker,
                       naming.protected_marker,
                       naming.private_marker);
  }
  return {};
}

class StorageReader {
public:
  StorageReader(NodeReader& reader, const NamingOptions& naming)
      : m_reader(reader), m_naming(naming) {}

  void read(yaml::Node section, ApiSpec& spec) {
    if (!section.is_mapping()) {
      m_reader.report(section,
                      fmt::format("'{}' must be a mapping of prefixes, found {}",
                                  k_section,
                                  describe(section)));
      return;
    }
    for (const auto& [key, body] : section.entries()) {
      if (std::optional<StoragePrefix> prefix = read_prefix(key, body)) {
        spec.storage.push_back(std::move(*prefix));
      }
    }
  }

private:
  NodeReader& m_reader;
  const NamingOptions& m_naming;

  std::optional<StoragePrefix> read_prefix(yaml::Node key, yaml::Node body) {
    StoragePrefix prefix;
    prefix.path = key.scalar();
    prefix.where = m_reader.at(key);
    if (const std::string problem = path_problem(prefix.path, m_naming); !problem.empty()) {
      m_reader.report(key, fmt::format("storage prefix '{}' {}", printable(prefix.path), problem));
      return std::nullopt;
    }
    if (body.is_null()) {
      return prefix;
    }
    const std::string where = fmt::format("storage prefix '{}'", prefix.path);
    if (!body.is_mapping()) {
      m_reader.report(body, fmt::format("{} must be a mapping, found {}", where, describe(body)));
      return prefix;
    }
    report_unknown_keys(m_reader, body, k_prefix_keys, where);
    prefix.description = m_reader.scalar(body, "description").value_or("");
    prefix.tags = m_reader.read_tags(body["tags"]);
    check_grants(prefix);
    read_bindings(body["bindings"], where, prefix);
    return prefix;
  }

  /// A grant only opens a protected prefix: a public one is read by every domain already, a
  /// private one is the owner's alone.
  void check_grants(const StoragePrefix& prefix) {
    const Visibility visibility = *storage_visibility(prefix.path, m_naming);
    for (const Tag& tag : prefix.tags) {
      if (!tag.name.starts_with(k_grant_prefix)) {
        continue;
      }
      const std::string_view grantee = std::string_view(tag.name).substr(k_grant_prefix.size());
      const yaml::Mark mark{tag.where.line, tag.where.column};
      if (visibility == Visibility::private_) {
        m_reader.report(mark,
                        fmt::format("'{}' on private prefix '{}' grants nothing: a private prefix "
                                    "is the owner's alone (move it under '{}/' to share it)",
                                    tag.name,
                                    prefix.path,
                                    m_naming.protected_marker));
      } else if (visibility == Visibility::public_) {
        m_reader.report(mark,
                        fmt::format("'{}' on public prefix '{}' grants nothing: every domain of "
                                    "the mesh reads a public prefix",
                                    tag.name,
                                    prefix.path));
      } else if (const std::string problem = topic_name_problem(grantee); !problem.empty()) {
        m_reader.report(
            mark, fmt::format("'{}' must name a domain: '{}' {}", tag.name, grantee, problem));
      }
    }
  }

  void read_bindings(yaml::Node bindings, const std::string& where, StoragePrefix& prefix) {
    if (!bindings || bindings.is_null()) {
      return;
    }
    if (!bindings.is_mapping()) {
      m_reader.report(bindings,
                      fmt::format("'bindings' must be a mapping, found {}", describe(bindings)));
      return;
    }
    report_unknown_keys(m_reader, bindings, k_binding_keys, "'bindings' of " + where);
    const yaml::Node s3 = bindings["s3"];
    if (!s3 || s3.is_null()) {
      return;
    }
    if (!s3.is_mapping()) {
      m_reader.report(s3, fmt::format("'bindings.s3' must be a mapping, found {}", describe(s3)));
      return;
    }
    report_unknown_keys(m_reader, s3, k_s3_keys, "'bindings.s3' of " + where);
    if (const auto days =
            m_reader.integer(s3, "expiration-days", std::numeric_limits<int>::max())) {
      if (*days < 1) {
        m_reader.report(s3["expiration-days"],
                        fmt::format("'expiration-days' must be at least 1, found {}",
                                    s3["expiration-days"].scalar()));
      } else {
        prefix.expiration_days = static_cast<int>(*days);
      }
    }
  }
};

} // namespace

void read_storage(NodeReader& reader, yaml::Node root, const NamingOptions& naming, ApiSpec& spec) {
  for (const auto& [key, value] : root.entries()) {
    if (key.scalar() == k_section) {
      spec.where_storage = reader.at(key);
      if (!value.is_null()) {
        StorageReader(reader, naming).read(value, spec);
      }
      return;
    }
  }
}

} // namespace specmesh::spec
