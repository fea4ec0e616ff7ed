// make_kafka_admin: the client's settings from a Connection, and one authenticated metadata
// request to check them, failing with the one line that names the problem.
#include "errors.hpp"
#include "rdkafka_admin.hpp"
#include "tls_settings.hpp"

#include <specmesh/kafka/connect.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <thread>

namespace specmesh::kafka {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// First slice of the connection check; doubled each round (see verify_connection).
constexpr milliseconds k_first_connect_slice{500};

/// librdkafka's texts look like "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed:
/// Connection refused (after 0ms in state CONNECT)"; keep only the part a user needs.
std::string short_reason(std::string_view reason) {
  if (const auto colon = reason.find(": "); colon != std::string_view::npos) {
    const std::string_view head = reason.substr(0, colon);
    if (head.find('/') != std::string_view::npos && head.find(' ') == std::string_view::npos) {
      reason.remove_prefix(colon + 2);
    }
  }
  if (const auto after = reason.rfind(" (after "); after != std::string_view::npos) {
    reason = reason.substr(0, after);
  }
  if (reason.starts_with("Connect to ")) {
    if (const auto failed = reason.find(" failed: "); failed != std::string_view::npos) {
      reason.remove_prefix(failed + 9);
    }
  }
  return std::string(reason);
}

/// What a failed TLS handshake means (see tls_handshake_failure), if one failed; the latest.
std::optional<std::string> tls_failure(const std::vector<RecordedError>& errors) {
  std::optional<std::string> latest;
  for (const RecordedError& e : errors) {
    if (auto why = tls_handshake_failure(e.reason)) {
      latest = std::move(why);
    }
  }
  return latest;
}

/// The broker that answered with HTTP (see http_answerer), if any did.
std::optional<std::string> http_answer(const std::vector<RecordedError>& errors) {
  for (const RecordedError& e : errors) {
    if (auto broker = http_answerer(e.reason)) {
      return broker;
    }
  }
  return std::nullopt;
}

/// The one-line reason the connection check failed, from what error_cb recorded.
Error connect_error(const Connection& connection,
                    const ClientState& state,
                    std::string_view user,
                    std::string_view mechanism,
                    milliseconds waited) {
  const auto errors = state.errors();
  const auto find = [&](rd_kafka_resp_err_t err) -> const RecordedError* {
    // The latest is the most telling (librdkafka retries and reports each attempt).
    const auto latest = std::find_if(
        errors.rbegin(), errors.rend(), [&](const RecordedError& e) { return e.err == err; });
    return latest == errors.rend() ? nullptr : &*latest;
  };
  const auto message = [&](std::string_view why) {
    return state.mask(fmt::format("kafka '{}': {}", connection.bootstrap_servers, why));
  };
  if (const auto broker = http_answer(errors)) {
    return Error{ErrorCode::invalid_input,
                 message(fmt::format("'{}' answered with HTTP, not the Kafka protocol: is "
                                     "--bootstrap-server the schema registry's or a web port?",
                                     broker->empty() ? connection.bootstrap_servers : *broker)),
                 {}};
  }
  if (const auto why = tls_failure(errors)) {
    return Error{ErrorCode::invalid_input, message(*why), {}};
  }
  if (find(RD_KAFKA_RESP_ERR__AUTHENTICATION) != nullptr) {
    const std::string why =
        user.empty()
            ? fmt::format("authentication failed (SASL {})", mechanism)
            : fmt::format("authentication failed for user '{}' (SASL {})", user, mechanism);
    return Error{ErrorCode::unauthorized, message(why), {}};
  }
  if (const auto* e = find(RD_KAFKA_RESP_ERR__TRANSPORT)) {
    return Error{ErrorCode::unavailable,
                 message(fmt::format("cannot connect ({})", short_reason(e->reason))),
                 {}};
  }
  if (find(RD_KAFKA_RESP_ERR__RESOLVE) != nullptr) {
    return Error{ErrorCode::unavailable, message("cannot resolve host"), {}};
  }
  if (!errors.empty()) {
    const auto& e = errors.back();
    return Error{to_error_code(e.err),
                 message(fmt::format("cannot connect ({})", short_reason(e.reason))),
                 {}};
  }
  std::string why = fmt::format("no response within {} ms", waited.count());
  if (const auto last = state.last_log(); !last.empty()) {
    why += fmt::format(" (last log: {})", last);
  }
  return Error{ErrorCode::timeout, message(why), {}};
}

/// Waits until a broker answers an (authenticated) metadata request. Runs the request in
/// growing slices so that a definitive failure reported in between (wrong password, no
/// bootstrap host resolves, an HTTP server answered) ends the wait early instead of after the
/// whole timeout; so does a failed TLS handshake. A refused connection is not definitive:
/// "localhost" may resolve to ::1 first while the broker listens on 127.0.0.1 only, or the broker
/// may be starting.
bool verify_connection(rd_kafka_t* rk, const ClientState& state, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  milliseconds slice = k_first_connect_slice;
  for (;;) {
    const auto started = Clock::now();
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - started);
    if (remaining.count() <= 0) {
      return false;
    }
    const rd_kafka_metadata_t* raw = nullptr;
    const auto err = rd_kafka_metadata(rk, 0, nullptr, &raw, to_ms(std::min(slice, remaining)));
    rd_kafka_poll(rk, 0); // runs error_cb for what happened meanwhile
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const MetadataHandle metadata(raw);
      return true;
    }
    if (state.has_error(RD_KAFKA_RESP_ERR__AUTHENTICATION) || state.only_resolve_failures()
        || http_answer(state.errors()) || tls_failure(state.errors())) {
      return false;
    }
    if (Clock::now() - started < milliseconds(50)) {
      std::this_thread::sleep_for(milliseconds(50)); // failed at once: don't spin
    }
    slice *= 2;
  }
}

/// What the adapter's own connections (DescribeLogDirs) need from the effective settings.
LogDirsAccess effective_access(const Settings& settings) {
  LogDirsAccess access;
  for (const auto& [key, value] : settings) {
    if (key == "security.protocol") {
      access.security_protocol = value;
    } else if (key == "sasl.mechanisms") {
      access.sasl_mechanism = value;
    } else if (key == "sasl.username") {
      access.username = value;
    } else if (key == "sasl.password") {
      access.password = value;
    } else if (key == "client.id") {
      access.client_id = value;
    } else if (key.starts_with("ssl.") || key == "enable.ssl.certificate.verification") {
      access.tls.emplace_back(key, value);
    }
  }
  return access;
}

} // namespace

Result<std::unique_ptr<ports::KafkaAdmin>> make_kafka_admin(const Connection& connection) {
  if (connection.bootstrap_servers.empty()) {
    return fail(ErrorCode::invalid_input, "kafka: no bootstrap servers given");
  }
  // Effective settings, in the order they are applied: later ones win.
  // No KIP-714 metrics push: with it on, librdkafka 2.8's rd_kafka_destroy waits up to 1 s for
  // the final push in about half the runs, a second added to every command (measured by
  // bench/run.sh). A short-lived admin client has no metrics worth pushing. -D can turn it on.
  // Metadata every 5 s, not librdkafka's 5 min: every admin request goes to the broker the
  // last metadata named controller, and when that broker dies, requests wait for it until a
  // refresh names another (a SIGKILLed broker of three stalled a provision for its whole
  // --timeout; three_brokers_test.cpp).
  Settings settings{{"bootstrap.servers", connection.bootstrap_servers},
                    {"client.id", "specmesh"},
                    {"enable.metrics.push", "false"},
                    {"topic.metadata.refresh.interval.ms", "5000"}};
  if (!connection.username.empty()) {
    settings.emplace_back("security.protocol", "SASL_PLAINTEXT");
    settings.emplace_back("sasl.mechanisms", "PLAIN");
    settings.emplace_back("sasl.username", connection.username);
    settings.emplace_back("sasl.password", connection.password);
  }
  std::vector<std::string> secrets{connection.password};
  bool debug = false;
  for (const auto& [raw_key, value] : connection.properties) {
    if (raw_key == "sasl.jaas.config") {
      return fail(ErrorCode::invalid_input,
                  "kafka property 'sasl.jaas.config': not supported (it is Java-only); "
                  "use --username and --secret");
    }
    // The Java client's spelling, accepted by the original.
    const std::string key = raw_key == "sasl.mechanism" ? "sasl.mechanisms" : raw_key;
    if (key.find("password") != std::string::npos || key.find("secret") != std::string::npos) {
      secrets.push_back(value);
    }
    debug = debug || key == "debug";
    settings.emplace_back(key, value);
  }
  LogDirsAccess access = effective_access(settings);
  access.timeout = connection.timeout;
  if (upper_ascii(access.security_protocol).starts_with("SASL_") && access.sasl_mechanism.empty()) {
    // librdkafka would fall back on GSSAPI and fail with a Kerberos message.
    return fail(ErrorCode::invalid_input,
                fmt::format("kafka property 'sasl.mechanism': not set, and security.protocol "
                            "{} needs it (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI or "
                            "OAUTHBEARER)",
                            access.security_protocol));
  }
  if (auto files = check_tls_files(access.tls); !files) {
    return tl::unexpected(files.error());
  }

  auto state = std::make_unique<ClientState>(secrets, debug);
  ConfHandle conf(rd_kafka_conf_new());
  std::array<char, 512> errstr{};
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), errstr.data(), errstr.size())
        != RD_KAFKA_CONF_OK) {
      return fail(ErrorCode::invalid_input,
                  state->mask(fmt::format("kafka property '{}': {}", key, errstr.data())));
    }
  }
  rd_kafka_conf_set_opaque(conf.get(), state.get());
  rd_kafka_conf_set_log_cb(conf.get(), on_log);
  rd_kafka_conf_set_error_cb(conf.get(), on_error);

  KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr.data(), errstr.size()));
  if (!rk) {
    if (auto why = tls_setting_failure(errstr.data())) {
      return fail(ErrorCode::invalid_input, state->mask(*why));
    }
    return fail(
        ErrorCode::invalid_input,
        state->mask(fmt::format("kafka '{}': {}", connection.bootstrap_servers, errstr.data())));
  }
  (void)conf.release(); // owned by rk now

  const milliseconds check_timeout = std::min(connection.connect_timeout, connection.timeout);
  if (!verify_connection(rk.get(), *state, check_timeout)) {
    auto error =
        connect_error(connection, *state, access.username, access.sasl_mechanism, check_timeout);
    rk.reset(); // before state: callbacks may still run while it shuts down
    return tl::unexpected(std::move(error));
  }
  return std::make_unique<RdKafkaAdmin>(
      AdminClient(
          connection.bootstrap_servers, connection.timeout, std::move(state), std::move(rk)),
      std::move(access));
}

} // namespace specmesh::kafka
