// What a long wait tells the user while it lasts. apply reports through this port and stays
// free of terminal code; the CLI draws it on a terminal (src/cli/progress.hpp); the library's
// other callers pass none.
#pragma once

#include <string>
#include <utility>

namespace specmesh::apply {

class Progress {
public:
  Progress() = default;
  virtual ~Progress() = default;
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  Progress(Progress&&) = delete;
  Progress& operator=(Progress&&) = delete;

  /// A wait is going on, as `what` says ("waiting for 12 changes to become visible"); called
  /// again whenever that changes. The wait's time counts from the first call.
  virtual void waiting(std::string what) = 0;
  /// The wait is over: nothing of it may stay on the screen.
  virtual void done() = 0;
};

/// Reports a wait on `progress` (none when it is null) for as long as it is in scope.
class ProgressScope {
public:
  ProgressScope(Progress* progress, std::string what) : m_progress(progress) {
    update(std::move(what));
  }
  ~ProgressScope() {
    if (m_progress != nullptr) {
      m_progress->done();
    }
  }
  ProgressScope(const ProgressScope&) = delete;
  ProgressScope& operator=(const ProgressScope&) = delete;
  ProgressScope(ProgressScope&&) = delete;
  ProgressScope& operator=(ProgressScope&&) = delete;

  void update(std::string what) {
    if (m_progress != nullptr) {
      m_progress->waiting(std::move(what));
    }
  }

private:
  Progress* m_progress;
};

} // namespace specmesh::apply
