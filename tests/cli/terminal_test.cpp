// The progress line as a user sees it: the specmesh binary with its stderr on a pseudo-terminal
// (a real terminal for isatty), connecting to a loopback port nothing listens on; and the same
// run with stderr on a pipe, which must show no progress at all.
#include "loopback_ports.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Finished {
  std::string err;
  int exit_code = -1;
};

/// Runs specmesh with `args`, stderr on a pseudo-terminal (`terminal`) or a pipe, stdout on
/// /dev/null; returns what stderr received.
Finished run_specmesh(const std::vector<std::string>& args, bool terminal) {
  int reader = -1;
  int writer = -1;
  if (terminal) {
    reader = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (reader < 0 || ::grantpt(reader) != 0 || ::unlockpt(reader) != 0) {
      return {};
    }
    writer = ::open(::ptsname(reader), O_RDWR | O_NOCTTY);
  } else {
    std::array<int, 2> pipe_ends{};
    if (::pipe(pipe_ends.data()) != 0) {
      return {};
    }
    reader = pipe_ends[0];
    writer = pipe_ends[1];
  }
  std::vector<std::string> argv_text{SPECMESH_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(argv_text.size() + 1);
  for (std::string& arg : argv_text) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(writer, STDERR_FILENO);
    ::close(reader);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(writer);
  Finished run;
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t n = ::read(reader, buffer.data(), buffer.size());
    if (n <= 0) { // EOF on a pipe, EIO on a terminal once the child has exited
      break;
    }
    run.err.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(reader);
  int status = 0;
  ::waitpid(child, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::vector<std::string> plan_against(int port) {
  return {"plan",
          "--bootstrap-server",
          "127.0.0.1:" + std::to_string(port),
          "--spec",
          std::string(SPECMESH_TEST_DATA) + "/specs/worked-example.yaml",
          "--sr-disabled",
          "--timeout",
          "2"};
}

TEST(ProgressLineOnATerminal, ShowsTheConnectionWaitAndErasesItBeforeTheError) {
  const int port = specmesh::test_servers::closed_port();
  ASSERT_NE(port, 0);
  const Finished run = run_specmesh(plan_against(port), /*terminal=*/true);
  const std::string server = "127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  // Redrawn every 100 ms from 1 s on (1.0 s, or 1.1 s on a busy machine); the terminal turns
  // "\n" into "\r\n".
  const std::string first = "\rconnecting to Kafka '" + server + "' (1.";
  const std::string error =
      "\r\x1b[Kspecmesh: kafka '" + server + "': cannot connect (Connection refused)\r\n";
  EXPECT_EQ(run.err.find(first), 0U) << run.err;
  EXPECT_NE(run.err.find(" s)…\x1b[K\r"), std::string::npos) << run.err;
  ASSERT_GE(run.err.size(), error.size()) << run.err;
  EXPECT_EQ(run.err.substr(run.err.size() - error.size()), error) << run.err;
}

TEST(ProgressLineOnATerminal, NothingButTheErrorWhenStderrIsNoTerminal) {
  const int port = specmesh::test_servers::closed_port();
  ASSERT_NE(port, 0);
  const Finished run = run_specmesh(plan_against(port), /*terminal=*/false);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "specmesh: kafka '127.0.0.1:" + std::to_string(port)
                + "': cannot connect (Connection refused)\n");
}

} // namespace
