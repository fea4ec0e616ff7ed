// How many items one admin request may carry. Shared by the adapter and the benchmark's floor
// program, which must obey the same broker limit.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace specmesh::kafka {

/// A KRaft controller refuses a request that would write more than 10,000 metadata records
/// (QuorumController's MAX_RECORDS_PER_USER_OP: POLICY_VIOLATION "Unable to perform
/// excessively large batch operation"), and the whole request fails. A new topic writes one
/// record, plus one per partition and one per config; an ACL writes one. Requests are cut
/// below the limit, leaving room for partition counts left to the broker's default.
constexpr std::size_t k_max_records_per_request = 8000;

/// The records one new topic writes (a partition count left to the broker counts as one).
constexpr std::size_t topic_records(int partitions, std::size_t configs) {
  return 1 + static_cast<std::size_t>(partitions > 0 ? partitions : 1) + configs;
}

/// Consecutive [begin, end) ranges of items, each range's summed cost within `budget`; an
/// item that exceeds the budget on its own gets a range of its own (the broker then judges it).
inline std::vector<std::pair<std::size_t, std::size_t>>
request_batches(const std::vector<std::size_t>& costs,
                std::size_t budget = k_max_records_per_request) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::size_t begin = 0;
  std::size_t used = 0;
  for (std::size_t i = 0; i < costs.size(); ++i) {
    if (i > begin && used + costs[i] > budget) {
      ranges.emplace_back(begin, i);
      begin = i;
      used = 0;
    }
    used += costs[i];
  }
  if (begin < costs.size()) {
    ranges.emplace_back(begin, costs.size());
  }
  return ranges;
}

} // namespace specmesh::kafka
