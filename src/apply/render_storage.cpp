#include "kind_rendering.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace specmesh::apply {

namespace {

/// What the item grants or rules, in a few words: "read: a, b; write: c", "expire after 30 days".
std::string rule_text(const plan::StorageItem& item) {
  switch (item.kind) {
  case plan::StorageKind::bucket:
    return "-";
  case plan::StorageKind::access: {
    std::string out = fmt::format("read: {}", fmt::join(item.readers, ", "));
    if (!item.writers.empty()) {
      out += fmt::format("; write: {}", fmt::join(item.writers, ", "));
    }
    return out;
  }
  case plan::StorageKind::lifecycle:
    return fmt::format(
        "expire after {} day{}", item.expiration_days, item.expiration_days == 1 ? "" : "s");
  }
  return "-";
}

} // namespace

TextSection text_section(const plan::Changes<plan::StorageItem>& /*changes*/) {
  // A domain without storage has no storage section: its reports read as before.
  return {"Storage", {"KIND", "NAME", "RULE"}, false};
}

TextRow text_row(const plan::StorageChange& change) {
  return {to_string(change.resource.kind), change.resource.name(), rule_text(change.resource)};
}

const char* json_key(const plan::Changes<plan::StorageItem>& /*changes*/) {
  return "storage";
}

nlohmann::ordered_json to_json(const plan::StorageChange& change) {
  const plan::StorageItem& item = change.resource;
  nlohmann::ordered_json out{{"name", item.name()},
                             {"kind", to_string(item.kind)},
                             {"state", state_word(change.action, change.outcome)},
                             {"bucket", item.bucket},
                             {"prefix", item.prefix}};
  if (item.kind == plan::StorageKind::access) {
    out["readers"] = item.readers;
    out["writers"] = item.writers;
  } else if (item.kind == plan::StorageKind::lifecycle) {
    out["expirationDays"] = item.expiration_days;
  }
  out["messages"] = change.details;
  out["exception"] = json_exception(change.outcome);
  return out;
}

} // namespace specmesh::apply
