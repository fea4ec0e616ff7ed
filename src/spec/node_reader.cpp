#include "node_reader.hpp"

#include <specmesh/spec/naming.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace specmesh::spec {

namespace {} // namespace

std::string describe(yaml::Node node) {
  if (node.is_mapping()) {
    return "a mapping";
  }
  if (node.is_sequence()) {
    return "a list";
  }
  if (node.is_scalar()) {
    return fmt::format("'{}'", node.scalar());
  }
  return "nothing";
}

SourceLocation NodeReader::at(yaml::Node node) const {
  const yaml::Mark mark = node.mark();
  return {m_file, mark.line, mark.column};
}

void NodeReader::report(yaml::Node node, std::string message) {
  m_diagnostics.push_back({at(node), std::move(message)});
}

void NodeReader::report(yaml::Mark mark, std::string message) {
  m_diagnostics.push_back({{m_file, mark.line, mark.column}, std::move(message)});
}

void NodeReader::report_problems(std::span<const yaml::ParseError> problems) {
  for (const yaml::ParseError& problem : problems) {
    report(problem.mark, problem.message);
  }
}

std::optional<std::string> NodeReader::scalar(yaml::Node parent, const char* key) {
  const yaml::Node node = parent[key];
  if (!node || node.is_null()) {
    return std::nullopt;
  }
  if (!node.is_scalar()) {
    report(node, fmt::format("'{}' must be a string, found {}", key, describe(node)));
    return std::nullopt;
  }
  return std::string(node.scalar());
}

std::optional<long long> NodeReader::integer(yaml::Node parent, const char* key, long long max) {
  const yaml::Node node = parent[key];
  if (!node || node.is_null()) {
    return std::nullopt;
  }
  long long value = 0;
  const std::string_view text = node.scalar();
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool out_of_range = ec == std::errc::result_out_of_range;
  if (!node.is_scalar() || (ec != std::errc() && !out_of_range)
      || end != text.data() + text.size()) {
    report(node, fmt::format("'{}' must be an integer, found {}", key, describe(node)));
    return std::nullopt;
  }
  if (out_of_range && text.starts_with('-')) {
    return std::numeric_limits<long long>::min();
  }
  if (out_of_range || value > max) {
    report(node, fmt::format("'{}' is too large: {} (the most is {})", key, text, max));
    return std::nullopt;
  }
  return value;
}

std::vector<Tag> NodeReader::read_tags(yaml::Node tags) {
  std::vector<Tag> out;
  if (!tags || tags.is_null()) {
    return out;
  }
  if (!tags.is_sequence()) {
    report(tags, fmt::format("'tags' must be a list, found {}", describe(tags)));
    return out;
  }
  for (const yaml::Node tag : tags.items()) {
    if (!tag.is_mapping() || !tag["name"] || !tag["name"].is_scalar()) {
      report(tag, fmt::format("a tag must be a mapping with a 'name', found {}", describe(tag)));
      continue;
    }
    const std::string_view name = tag["name"].scalar();
    if (name.starts_with(k_grant_prefix) && name.size() == k_grant_prefix.size()) {
      report(tag["name"], "tag 'grant-access:' must name a domain, e.g. grant-access:acme.finance");
      continue;
    }
    out.push_back({std::string(name), scalar(tag, "description").value_or(""), at(tag)});
  }
  return out;
}

LoadedDocument NodeReader::finish(ApiSpec spec) {
  if (m_diagnostics.empty()) {
    return {std::move(spec), std::nullopt};
  }
  std::stable_sort(
      m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
      });
  Error error{ErrorCode::invalid_spec,
              fmt::format("spec '{}' has {} problem{}",
                          m_file,
                          m_diagnostics.size(),
                          m_diagnostics.size() == 1 ? "" : "s"),
              std::move(m_diagnostics)};
  return {tl::unexpected(std::move(error)), std::move(spec)};
}

} // namespace specmesh::spec
