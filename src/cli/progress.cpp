#include "progress.hpp"

#include <fmt/format.h>

namespace specmesh::cli {

namespace {

constexpr std::chrono::milliseconds k_redraw_every{100};

/// Back to the line's start, and everything from the cursor to the end of the line erased.
constexpr std::string_view k_return = "\r";
constexpr std::string_view k_erase_line = "\x1b[K";

} // namespace

std::optional<std::string> progress_line(const std::string& what,
                                         std::chrono::steady_clock::duration elapsed) {
  if (elapsed < k_progress_delay) {
    return std::nullopt;
  }
  const auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 100;
  return fmt::format("{} ({}.{} s)…", what, tenths / 10, tenths % 10);
}

TerminalProgress::TerminalProgress(std::ostream& err, bool redraw) : m_err(err) {
  if (redraw) {
    m_thread = std::thread([this] { redraw_until_stopped(); });
  }
}

TerminalProgress::~TerminalProgress() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
  done();
}

void TerminalProgress::waiting(std::string what) {
  const std::lock_guard lock(m_mutex);
  if (!m_started) {
    m_started = Clock::now();
  }
  m_what = std::move(what);
}

void TerminalProgress::done() {
  const std::lock_guard lock(m_mutex);
  m_started.reset();
  if (!m_shown.empty()) {
    m_err << k_return << k_erase_line << std::flush;
    m_shown.clear();
  }
}

void TerminalProgress::draw(Clock::time_point now) {
  const std::lock_guard lock(m_mutex);
  if (!m_started) {
    return;
  }
  const std::optional<std::string> line = progress_line(m_what, now - *m_started);
  if (line && *line != m_shown) {
    m_err << k_return << *line << k_erase_line << std::flush;
    m_shown = *line;
  }
}

void TerminalProgress::redraw_until_stopped() {
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, k_redraw_every, [this] { return m_stopping; })) {
    lock.unlock();
    draw(Clock::now());
    lock.lock();
  }
}

std::unique_ptr<apply::Progress> terminal_progress(Environment& env) {
  if (!env.err_is_terminal) {
    return nullptr;
  }
  return std::make_unique<TerminalProgress>(env.err, true);
}

} // namespace specmesh::cli
