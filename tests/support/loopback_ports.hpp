// Loopback ports with a known behaviour for connection tests that need no service: one nothing
// listens on (refused), one that never completes a connection (unreachable), and one of the
// test's choosing held by a listener.
#pragma once

#include <string>
#include <vector>

namespace specmesh::test_servers {

/// A TCP socket listening on 127.0.0.1 at a port the system chose, or -1; `port` gets its
/// number.
int listen_on_loopback(int backlog, int& port);

/// A loopback port nothing listens on (bound once, then closed): connecting is refused.
/// 0 when no port could be bound.
int closed_port();

/// A loopback port that never completes a new connection, as a host that drops packets: its
/// listen queue is full and nobody accepts, so the kernel drops further SYNs.
class UnreachablePort {
public:
  UnreachablePort();
  ~UnreachablePort();
  UnreachablePort(const UnreachablePort&) = delete;
  UnreachablePort& operator=(const UnreachablePort&) = delete;

  /// 0 when it could not be set up.
  int port() const { return m_port; }

private:
  int m_listen = -1;
  int m_port = 0;
  std::vector<int> m_fillers; ///< the connections that fill the queue
};

/// A socket listening on 127.0.0.1:`port` (bound even while the port has connections in
/// TIME_WAIT), for as long as it lives: nothing else can listen there.
class HeldPort {
public:
  explicit HeldPort(int port);
  ~HeldPort();
  HeldPort(const HeldPort&) = delete;
  HeldPort& operator=(const HeldPort&) = delete;

  /// Empty once listening; else what failed, with errno's text.
  const std::string& problem() const { return m_problem; }

private:
  int m_fd = -1;
  std::string m_problem;
};

} // namespace specmesh::test_servers
