// Reading again until a lagging cluster shows what is expected: a pause that starts short and
// doubles up to half a second, within a time budget.
#pragma once

#include <algorithm>
#include <chrono>
#include <thread>

namespace specmesh::apply {

/// Calls `read` until it returns true or `budget` is spent (it is called at least once, and
/// once more at the end of the budget). Returns what the last call returned.
template <typename Read> bool read_until(std::chrono::milliseconds budget, Read read) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + budget;
  std::chrono::milliseconds pause{20};
  while (!read()) {
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(
        std::min(pause, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)));
    pause = std::min(pause * 2, std::chrono::milliseconds{500});
  }
  return true;
}

} // namespace specmesh::apply
