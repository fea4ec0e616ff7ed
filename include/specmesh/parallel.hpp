// Bounded fan-out for calls that have no batch form (the schema registry's REST API).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace specmesh {

/// Calls `work(i)` for every i in [0, count), on at most `max_parallel` threads at once (the
/// calling thread is one of them), and returns when all calls have returned. `work` must be
/// safe to call concurrently for different i. If fewer threads can be started, the started
/// ones do the rest.
template <typename Work>
void for_each_bounded(std::size_t count, int max_parallel, const Work& work) {
  const std::size_t workers = std::min(count, static_cast<std::size_t>(std::max(max_parallel, 1)));
  std::atomic<std::size_t> next{0};
  const auto drain = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      work(i);
    }
  };
  std::vector<std::jthread> threads;
  if (workers > 1) {
    threads.reserve(workers - 1);
  }
  for (std::size_t i = 1; i < workers; ++i) {
    try {
      threads.emplace_back(drain);
    } catch (const std::system_error&) {
      break;
    }
  }
  drain();
} // the jthreads join here

} // namespace specmesh
