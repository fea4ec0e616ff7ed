// Sorting by a key that is expensive to compute (an ACL's Kafka string form): each key is
// computed once instead of twice per comparison.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace specmesh::plan {

template <typename T, typename Key> void sort_by_key(std::vector<T>& items, Key key) {
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    keyed.emplace_back(key(items[i]), i);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (const auto& [ignored, index] : keyed) {
    sorted.push_back(std::move(items[index]));
  }
  items = std::move(sorted);
}

} // namespace specmesh::plan
