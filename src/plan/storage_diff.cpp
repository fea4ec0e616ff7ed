// The storage kind's rules for changing what exists: access and rules of a prefix the spec
// declares are fully managed (a removed grant is revoked at once); what the spec no longer
// declares goes only with clean-up, and never while objects are under it: specmesh deletes no
// data. Only the domain's own bucket is ever planned.
#include <specmesh/plan/plan.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace specmesh::plan {

namespace {

using Key = std::tuple<std::string, StorageKind>;

Key key_of(const StorageItem& item) {
  return {item.prefix, item.kind};
}

/// "readers + a, - b", one line per list that differs.
void list_details(const char* what,
                  const std::vector<std::string>& wanted,
                  const std::vector<std::string>& live,
                  std::vector<std::string>& details) {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  std::set_difference(
      wanted.begin(), wanted.end(), live.begin(), live.end(), std::back_inserter(added));
  std::set_difference(
      live.begin(), live.end(), wanted.begin(), wanted.end(), std::back_inserter(removed));
  std::vector<std::string> parts;
  if (!added.empty()) {
    parts.push_back(fmt::format("+ {}", fmt::join(added, ", ")));
  }
  if (!removed.empty()) {
    parts.push_back(fmt::format("- {}", fmt::join(removed, ", ")));
  }
  if (!parts.empty()) {
    details.push_back(fmt::format("{} {}", what, fmt::join(parts, "; ")));
  }
}

StorageChange compare(const StorageItem& wanted, const StorageItem& live) {
  StorageChange change{.action = Action::unchanged, .resource = wanted, .live = live};
  list_details("readers", wanted.readers, live.readers, change.details);
  list_details("writers", wanted.writers, live.writers, change.details);
  if (wanted.expiration_days != live.expiration_days) {
    change.details.push_back(
        fmt::format("expiration {} -> {} days", live.expiration_days, wanted.expiration_days));
  }
  if (!change.details.empty()) {
    change.action = Action::update;
  }
  return change;
}

std::string usage_text(const PrefixUsage& usage) {
  return fmt::format(
      "{} object{}, {} bytes", usage.objects, usage.objects == 1 ? "" : "s", usage.bytes);
}

/// A live item the spec does not want, or nullopt when it stays as it is.
std::optional<StorageChange> removal(const StorageItem& live,
                                     const std::set<std::string>& declared,
                                     const ActualState& actual,
                                     const Policy& policy) {
  const bool still_declared = !live.prefix.empty() && declared.contains(live.prefix);
  if (!still_declared && !policy.clean_unspecified) {
    return std::nullopt;
  }
  StorageChange change{.action = Action::remove, .resource = live, .live = live};
  change.details.emplace_back(still_declared ? "the spec's prefix no longer declares it"
                                             : "not in the spec");
  const auto usage = actual.storage_usage.find(live.prefix);
  if (!still_declared && usage != actual.storage_usage.end() && usage->second.objects > 0) {
    change.action = Action::blocked;
    change.details = {fmt::format("{} still holds {}; specmesh never deletes data: empty it or "
                                  "declare it again",
                                  live.prefix.empty() ? "the bucket" : "the prefix",
                                  usage_text(usage->second))};
  }
  return change;
}

} // namespace

Changes<StorageItem>
diff_storage(const DesiredState& desired, const ActualState& actual, const Policy& policy) {
  std::map<Key, const StorageItem*> live;
  for (const StorageItem& item : actual.storage) {
    if (!desired.bucket.empty() && item.bucket == desired.bucket) {
      live.emplace(key_of(item), &item);
    }
  }
  Changes<StorageItem> changes;
  for (const StorageItem& item : desired.storage) {
    const auto found = live.find(key_of(item));
    if (found == live.end()) {
      changes.push_back({.action = Action::create, .resource = item});
    } else {
      changes.push_back(compare(item, *found->second));
      live.erase(found);
    }
  }
  const std::set<std::string> declared(desired.storage_prefixes.begin(),
                                       desired.storage_prefixes.end());
  for (const auto& [key, item] : live) {
    if (std::optional<StorageChange> change = removal(*item, declared, actual, policy)) {
      changes.push_back(std::move(*change));
    }
  }
  std::sort(changes.begin(), changes.end(), [](const StorageChange& a, const StorageChange& b) {
    return std::pair(a.resource.name(), a.resource.kind)
           < std::pair(b.resource.name(), b.resource.kind);
  });
  return changes;
}

std::string item_name(const StorageChange& change) {
  return fmt::format("{} {}", to_string(change.resource.kind), change.resource.name());
}

} // namespace specmesh::plan
