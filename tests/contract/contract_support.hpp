// What the contract suites share: the running test's name (part of every name a test makes,
// so tests never see each other's topics, ACLs or subjects) and reading until a write shows.
#pragma once

#include <specmesh/ports/outcome.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace specmesh::contract {

/// The running test's name without its suite, e.g. "DeleteTopicsReportsEachItem".
inline std::string test_name() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

/// Calls `done` until it holds or `limit` passes; whether it held. The real services show a
/// write a few milliseconds after it returns (more under load); the fakes at once.
template <typename Done>
bool eventually(Done done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return true;
}

/// One line per outcome ("ok" or the error's message), for assertion messages.
inline std::string messages(const std::vector<ports::Outcome>& outcomes) {
  std::string text;
  for (const ports::Outcome& outcome : outcomes) {
    text += outcome ? "ok\n" : outcome.error().message + "\n";
  }
  return text;
}

} // namespace specmesh::contract
