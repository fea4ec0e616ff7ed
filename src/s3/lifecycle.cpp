#include "lifecycle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>
#include <sstream>

namespace specmesh::s3 {

namespace {

constexpr std::string_view k_id_prefix = "specmesh:";
constexpr const char* k_namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

std::string to_text(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw);
  return out.str();
}

std::optional<int> days_of(const pugi::xml_node& rule) {
  const std::string_view text = rule.child("Expiration").child_value("Days");
  int days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || days < 1) {
    return std::nullopt;
  }
  return days;
}

/// The rule's prefix: `Filter/Prefix`, or the older top-level `Prefix`.
std::string_view prefix_of(const pugi::xml_node& rule) {
  const pugi::xml_node filter = rule.child("Filter");
  return filter ? filter.child_value("Prefix") : rule.child_value("Prefix");
}

} // namespace

std::string lifecycle_document(const std::vector<plan::StorageItem>& rules,
                               const std::vector<std::string>& foreign) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("LifecycleConfiguration");
  root.append_attribute("xmlns") = k_namespace;
  for (const std::string& text : foreign) {
    pugi::xml_document rule;
    if (rule.load_buffer(text.data(), text.size())) {
      root.append_copy(rule.document_element());
    }
  }
  for (const plan::StorageItem& item : rules) {
    pugi::xml_node rule = root.append_child("Rule");
    rule.append_child("ID").text() = fmt::format("{}{}", k_id_prefix, item.prefix).c_str();
    rule.append_child("Filter").append_child("Prefix").text() = (item.prefix + "/").c_str();
    rule.append_child("Status").text() = "Enabled";
    rule.append_child("Expiration").append_child("Days").text() = item.expiration_days;
  }
  std::ostringstream out;
  document.save(out, "", pugi::format_raw);
  return out.str();
}

Result<ReadLifecycle> read_lifecycle(std::string_view bucket, std::string_view xml) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
  const pugi::xml_node root = document.child("LifecycleConfiguration");
  if (!parsed || !root) {
    return fail(ErrorCode::internal,
                fmt::format("the lifecycle configuration of bucket '{}' is not a "
                            "LifecycleConfiguration document",
                            bucket));
  }
  ReadLifecycle out;
  for (const pugi::xml_node& rule : root.children("Rule")) {
    const std::string_view id = rule.child_value("ID");
    if (!id.starts_with(k_id_prefix)) {
      out.foreign.push_back(to_text(rule));
      continue;
    }
    const std::string_view prefix = prefix_of(rule);
    const std::optional<int> days = days_of(rule);
    if (std::string_view(rule.child_value("Status")) != "Enabled" || !days
        || !prefix.ends_with('/')) {
      continue;
    }
    out.rules.push_back({.kind = plan::StorageKind::lifecycle,
                         .bucket = std::string(bucket),
                         .prefix = std::string(prefix.substr(0, prefix.size() - 1)),
                         .expiration_days = *days});
  }
  std::sort(out.rules.begin(), out.rules.end());
  return out;
}

} // namespace specmesh::s3
