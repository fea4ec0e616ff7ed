#include "scripted_server.hpp"

#include "loopback_ports.hpp"

#include <algorithm>
#include <array>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace specmesh::test_servers {

ScriptedServer::ScriptedServer(std::vector<std::string> responses)
    : ScriptedServer(std::move(responses), false) {}

ScriptedServer::ScriptedServer(std::string response)
    : ScriptedServer(std::vector<std::string>{std::move(response)}, false) {}

ScriptedServer::ScriptedServer(AnyRequest /*any*/, std::string response)
    : ScriptedServer(std::vector<std::string>{std::move(response)}, true) {}

ScriptedServer::ScriptedServer(std::vector<std::string> responses, bool any_request)
    : m_responses(std::move(responses)), m_any_request(any_request) {
  m_listen = listen_on_loopback(8, m_port);
  if (m_listen >= 0) {
    m_thread = std::thread([this] { serve(); });
  }
}

ScriptedServer::~ScriptedServer() {
  stop();
  if (m_listen >= 0) {
    ::close(m_listen);
  }
}

std::string ScriptedServer::requests() {
  stop();
  return m_requests;
}

void ScriptedServer::stop() {
  m_stop = true;
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

bool ScriptedServer::wait_readable(int fd) const {
  while (!m_stop) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) > 0) {
      return true;
    }
  }
  return false;
}

void ScriptedServer::serve() {
  for (std::size_t n = 0; n < m_responses.size() || m_any_request; ++n) {
    if (!wait_readable(m_listen)) {
      return;
    }
    const int connection = ::accept(m_listen, nullptr, nullptr);
    if (connection < 0) {
      return;
    }
    answer(connection, m_responses[std::min(n, m_responses.size() - 1)]);
  }
}

void ScriptedServer::answer(int connection, const std::string& response) {
  std::array<char, 4096> buffer{};
  std::string head;
  while (head.find("\r\n\r\n") == std::string::npos && wait_readable(connection)) {
    const ssize_t n = ::recv(connection, buffer.data(), buffer.size(), 0);
    if (n <= 0) {
      break;
    }
    head.append(buffer.data(), static_cast<std::size_t>(n));
    if (m_any_request) {
      break;
    }
  }
  m_requests += head;
  if (!response.empty()) {
    ::send(connection, response.data(), response.size(), MSG_NOSIGNAL);
  } else {
    // say nothing until the client gives up (it closes: readable with 0 bytes) or we stop
    while (wait_readable(connection)) {
      if (::recv(connection, buffer.data(), buffer.size(), 0) <= 0) {
        break;
      }
    }
  }
  ::close(connection);
}

} // namespace specmesh::test_servers
