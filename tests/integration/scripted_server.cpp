#include "scripted_server.hpp"

#include <arpa/inet.h>
#include <array>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace specmesh::itest {

ScriptedServer::ScriptedServer(std::vector<std::string> responses)
    : m_responses(std::move(responses)) {
  m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&address), length) != 0
      || ::listen(m_listen, 8) != 0
      || ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return;
  }
  m_port = ntohs(address.sin_port);
  m_thread = std::thread([this] { serve(); });
}

ScriptedServer::ScriptedServer(std::string response)
    : ScriptedServer(std::vector<std::string>{std::move(response)}) {}

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
  for (const std::string& response : m_responses) {
    if (!wait_readable(m_listen)) {
      return;
    }
    const int connection = ::accept(m_listen, nullptr, nullptr);
    if (connection < 0) {
      return;
    }
    answer(connection, response);
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

} // namespace specmesh::itest
