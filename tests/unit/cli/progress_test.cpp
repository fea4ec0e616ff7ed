#include "cli/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace specmesh::cli {
namespace {

using namespace std::chrono_literals;
using Clock = TerminalProgress::Clock;

TEST(ProgressLine, NothingDuringTheFirstSecond) {
  EXPECT_EQ(progress_line("connecting", 0ms), std::nullopt);
  EXPECT_EQ(progress_line("connecting", 999ms), std::nullopt);
}

TEST(ProgressLine, ThenTheWaitWithItsSecondsInTenths) {
  EXPECT_EQ(progress_line("waiting for 12 changes to become visible", 3250ms),
            "waiting for 12 changes to become visible (3.2 s)…");
  EXPECT_EQ(progress_line("connecting", 1s), "connecting (1.0 s)…");
  EXPECT_EQ(progress_line("connecting", 61999ms), "connecting (61.9 s)…");
}

/// A progress line on a string, drawn at times the test chooses (after the wait began: the
/// margins keep the tenths stable).
class TerminalProgressTest : public testing::Test {
protected:
  std::ostringstream m_err;
  TerminalProgress m_progress{m_err, /*redraw=*/false};
};

TEST_F(TerminalProgressTest, DrawsOnlyAfterASecondAndOnlyWhenTheTextChanges) {
  m_progress.waiting("connecting");
  const Clock::time_point began = Clock::now();
  m_progress.draw(began + 500ms);
  EXPECT_EQ(m_err.str(), "");
  m_progress.draw(began + 1250ms);
  EXPECT_EQ(m_err.str(), "\rconnecting (1.2 s)…\x1b[K");
  m_progress.draw(began + 1260ms); // the same text: not written again
  EXPECT_EQ(m_err.str(), "\rconnecting (1.2 s)…\x1b[K");
  m_progress.waiting("still connecting");
  m_progress.draw(began + 1270ms);
  EXPECT_EQ(m_err.str(), "\rconnecting (1.2 s)…\x1b[K\rstill connecting (1.2 s)…\x1b[K");
}

TEST_F(TerminalProgressTest, DoneErasesTheLineOnce) {
  m_progress.waiting("connecting");
  m_progress.draw(Clock::now() + 2050ms);
  m_progress.done();
  m_progress.done();
  EXPECT_EQ(m_err.str(), "\rconnecting (2.0 s)…\x1b[K\r\x1b[K");
  m_progress.draw(Clock::now() + 5s); // no wait going on
  EXPECT_EQ(m_err.str(), "\rconnecting (2.0 s)…\x1b[K\r\x1b[K");
}

TEST_F(TerminalProgressTest, AShortWaitLeavesNothing) {
  m_progress.waiting("connecting");
  m_progress.draw(Clock::now() + 300ms);
  m_progress.done();
  EXPECT_EQ(m_err.str(), "");
}

TEST_F(TerminalProgressTest, EachWaitCountsFromItsOwnStart) {
  m_progress.waiting("connecting");
  m_progress.done();
  m_progress.waiting("waiting for 1 change to become visible");
  m_progress.draw(Clock::now() + 1050ms);
  EXPECT_EQ(m_err.str(), "\rwaiting for 1 change to become visible (1.0 s)…\x1b[K");
}

TEST(TerminalProgressFor, NoProgressUnlessStderrIsATerminal) {
  std::ostringstream out;
  std::ostringstream err;
  Environment env{.out = out, .err = err};
  EXPECT_EQ(terminal_progress(env), nullptr);
  env.err_is_terminal = true;
  EXPECT_NE(terminal_progress(env), nullptr);
}

} // namespace
} // namespace specmesh::cli
