#include "loopback_ports.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace specmesh::test_servers {
namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

} // namespace

int listen_on_loopback(int backlog, int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0
      || ::listen(fd, backlog) != 0
      || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    return -1;
  }
  port = ntohs(address.sin_port);
  return fd;
}

int closed_port() {
  int port = 0;
  const int fd = listen_on_loopback(1, port);
  if (fd < 0) {
    return 0;
  }
  ::close(fd);
  return port;
}

UnreachablePort::UnreachablePort() {
  int port = 0;
  m_listen = listen_on_loopback(0, port);
  if (m_listen < 0) {
    return;
  }
  // Linux queues backlog + 1 connections; two more than that leave no doubt.
  for (int i = 0; i < 3; ++i) {
    const int filler = ::socket(AF_INET, SOCK_STREAM, 0);
    if (filler < 0) {
      return;
    }
    m_fillers.push_back(filler);
    ::fcntl(filler, F_SETFL, O_NONBLOCK);
    const sockaddr_in address = loopback(port);
    (void)::connect(filler, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  }
  m_port = port;
}

UnreachablePort::~UnreachablePort() {
  for (const int filler : m_fillers) {
    ::close(filler);
  }
  if (m_listen >= 0) {
    ::close(m_listen);
  }
}

HeldPort::HeldPort(int port) {
  m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in address = loopback(port);
  const int reuse = 1;
  if (m_fd < 0) {
    m_problem = std::string("socket: ") + std::strerror(errno);
  } else if (::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse) != 0
             || ::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0
             || ::listen(m_fd, 1) != 0) {
    m_problem = "listen on port " + std::to_string(port) + ": " + std::strerror(errno);
  }
}

HeldPort::~HeldPort() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

} // namespace specmesh::test_servers
