// What librdkafka's callbacks report about one client, kept for the messages the adapter
// writes. Private to src/kafka.
#pragma once

#include <librdkafka/rdkafka.h>

#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace specmesh::kafka {

struct RecordedError {
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string reason;
};

/// The log callback runs on librdkafka's threads and the error callback inside rd_kafka_poll,
/// hence the mutex. Secrets are masked on the way in, so nothing recorded here can leak a
/// password into a message.
class ClientState {
public:
  ClientState(std::vector<std::string> secrets, bool echo_logs)
      : m_secrets(std::move(secrets)), m_echo_logs(echo_logs) {}

  /// `text` with every secret replaced by `***`.
  std::string mask(std::string text) const;

  /// Keeps the last lines only (and echoes each to stderr when echo_logs()).
  void add_log(int level, const char* facility, const char* line);
  /// Keeps the last errors only.
  void add_error(rd_kafka_resp_err_t err, const char* reason);

  std::vector<RecordedError> errors() const;
  bool has_error(rd_kafka_resp_err_t err) const;

  /// True once librdkafka gave up on every broker and every failure so far was name
  /// resolution: nothing will answer, so the connection check need not wait out its timeout.
  bool only_resolve_failures() const;

  /// Whether the user asked for librdkafka's debug output (`-D debug=...`); the adapter's own
  /// requests are then traced to stderr too.
  bool echo_logs() const { return m_echo_logs; }

  /// The latest log line, or empty.
  std::string last_log() const;

private:
  std::vector<std::string> m_secrets;
  bool m_echo_logs = false;
  mutable std::mutex m_mutex;
  std::deque<std::string> m_log;
  std::vector<RecordedError> m_errors;
};

/// librdkafka's log_cb and error_cb: both record into the ClientState that is the client's
/// opaque (rd_kafka_conf_set_opaque).
void on_log(const rd_kafka_t* rk, int level, const char* facility, const char* line);
void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque);

} // namespace specmesh::kafka
