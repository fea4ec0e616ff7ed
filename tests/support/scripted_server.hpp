// A loopback HTTP server for answers the local Apicurio cannot give: a 401 (it has no
// authentication), silence, a request swallowed on one connection and answered on the next, or
// a web server's answer to a client that speaks another protocol (Kafka's).
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace specmesh::test_servers {

class ScriptedServer {
public:
  /// Answers the request on the n-th connection with `responses[n]` (raw HTTP), or never
  /// answers it when that is empty; accepts no more connections than there are responses.
  explicit ScriptedServer(std::vector<std::string> responses);
  explicit ScriptedServer(std::string response);

  /// Selects the constructor that answers anything.
  struct AnyRequest {};
  /// Answers every connection with `response` as soon as the client has sent its first bytes,
  /// whatever they are, as a web server answers a request that is not HTTP; until destroyed.
  ScriptedServer(AnyRequest any, std::string response);

  ~ScriptedServer();

  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  /// The port it listens on; 0 when it could not listen.
  int port() const { return m_port; }

  /// The request heads received (valid once the client has its answer or gave up).
  std::string requests();

private:
  ScriptedServer(std::vector<std::string> responses, bool any_request);
  bool wait_readable(int fd) const;
  void serve();
  void answer(int connection, const std::string& response);
  void stop();

  std::vector<std::string> m_responses;
  bool m_any_request = false;
  int m_listen = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::string m_requests;
  std::thread m_thread;
};

} // namespace specmesh::test_servers
