#include "client_state.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace specmesh::kafka {
namespace {

constexpr std::size_t k_max_log_lines = 20;
constexpr std::size_t k_max_errors = 50;

} // namespace

std::string ClientState::mask(std::string text) const {
  return mask_secrets(std::move(text), m_secrets);
}

void ClientState::add_log(int level, const char* facility, const char* line) {
  std::string text = mask(fmt::format("{}|{}|{}", level, facility, line));
  if (m_echo_logs) {
    std::fprintf(stderr, "librdkafka: %s\n", text.c_str());
  }
  const std::lock_guard lock(m_mutex);
  m_log.push_back(std::move(text));
  if (m_log.size() > k_max_log_lines) {
    m_log.pop_front();
  }
}

void ClientState::add_error(rd_kafka_resp_err_t err, const char* reason) {
  RecordedError error{err, mask(reason != nullptr ? reason : "")};
  const std::lock_guard lock(m_mutex);
  m_errors.push_back(std::move(error));
  if (m_errors.size() > k_max_errors) {
    m_errors.erase(m_errors.begin());
  }
}

std::vector<RecordedError> ClientState::errors() const {
  const std::lock_guard lock(m_mutex);
  return m_errors;
}

bool ClientState::has_error(rd_kafka_resp_err_t err) const {
  const std::lock_guard lock(m_mutex);
  return std::any_of(
      m_errors.begin(), m_errors.end(), [err](const auto& e) { return e.err == err; });
}

bool ClientState::only_resolve_failures() const {
  const std::lock_guard lock(m_mutex);
  bool resolve = false;
  bool all_down = false;
  for (const auto& e : m_errors) {
    if (e.err == RD_KAFKA_RESP_ERR__RESOLVE) {
      resolve = true;
    } else if (e.err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
      all_down = true;
    } else {
      return false;
    }
  }
  return resolve && all_down;
}

std::string ClientState::last_log() const {
  const std::lock_guard lock(m_mutex);
  return m_log.empty() ? std::string() : m_log.back();
}

void on_log(const rd_kafka_t* rk, int level, const char* facility, const char* line) {
  if (auto* state = static_cast<ClientState*>(rd_kafka_opaque(rk))) {
    state->add_log(level, facility, line);
  }
}

void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
  (void)rk;
  if (auto* state = static_cast<ClientState*>(opaque)) {
    state->add_error(static_cast<rd_kafka_resp_err_t>(err), reason);
  }
}

} // namespace specmesh::kafka
