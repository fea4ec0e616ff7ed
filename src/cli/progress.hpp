// The progress line: apply::Progress drawn on a terminal's stderr, for waits over a second.
#pragma once

#include <specmesh/apply/progress.hpp>
#include <specmesh/cli/run.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

namespace specmesh::cli {

/// Waits shorter than this show nothing.
inline constexpr std::chrono::milliseconds k_progress_delay{1000};

/// The line for a wait described by `what` that has lasted `elapsed`, e.g.
/// "waiting for 12 changes to become visible (3.2 s)…"; nullopt before k_progress_delay.
std::optional<std::string> progress_line(const std::string& what,
                                         std::chrono::steady_clock::duration elapsed);

/// One line on `err`, rewritten in place with '\r' whenever its text changes (the seconds count
/// in tenths), erased when the wait is done. A thread redraws it every 100 ms, so a wait inside
/// one blocking call (connecting) shows too.
class TerminalProgress final : public apply::Progress {
public:
  using Clock = std::chrono::steady_clock;

  /// `redraw`: start the thread (tests call draw() themselves).
  TerminalProgress(std::ostream& err, bool redraw);
  ~TerminalProgress() override;
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;
  TerminalProgress(TerminalProgress&&) = delete;
  TerminalProgress& operator=(TerminalProgress&&) = delete;

  void waiting(std::string what) override;
  void done() override;

  /// Writes the line as it is at `now`, if it differs from what is shown.
  void draw(Clock::time_point now);

private:
  void redraw_until_stopped();

  std::ostream& m_err;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::optional<Clock::time_point> m_started; ///< set while a wait is going on
  std::string m_what;
  std::string m_shown; ///< the line on the screen; empty: none
  std::thread m_thread;
};

/// A TerminalProgress on env.err when it is a terminal (env.err_is_terminal), else none.
std::unique_ptr<apply::Progress> terminal_progress(Environment& env);

} // namespace specmesh::cli
