// The command-line entry point. main() only calls cli::run; tests call it with their own
// streams. The one top-level catch of the program lives here.
#pragma once

#include <specmesh/kafka/connect.hpp>
#include <specmesh/registry/connect.hpp>

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace specmesh::cli {

/// Exit codes of every command (Part A.3).
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_error = 1;
inline constexpr int k_exit_changes = 2;
inline constexpr int k_exit_blocked = 3;

using ConnectKafka =
    std::function<Result<std::unique_ptr<ports::KafkaAdmin>>(const kafka::Connection&)>;
using ConnectRegistry =
    std::function<Result<std::unique_ptr<ports::SchemaRegistry>>(const registry::Connection&)>;

/// Where a command writes and how it reaches the outside world: main() passes std::cout,
/// std::cerr, kafka::make_kafka_admin, registry::make_schema_registry, std::cin and the client
/// libraries' versions; tests pass their own streams and fakes.
struct Environment {
  std::ostream& out;
  std::ostream& err;
  ConnectKafka connect_kafka;
  ConnectRegistry connect_registry;
  /// Whether `err` is a terminal: then waits over a second show a progress line on it.
  bool err_is_terminal = false;
  std::istream* in = nullptr; ///< standard input, for `--spec -`; nullptr: there is none
  /// The client libraries the adapters use, as (name, version), for `specmesh version`.
  std::vector<std::pair<std::string, std::string>> library_versions;
};

/// Runs `specmesh <args...>` (args without the program name) and returns the exit code.
int run(const std::vector<std::string>& args, Environment& env);

/// Whether the option spelled `name` (`--secret`, `-D`, ...) takes the next argument as its value.
using TakesValue = std::function<bool(const std::string& name)>;

/// Rewrites the original's single-dash long flags (`-bs`, `-spec`, `-srDisabled`, ...) into
/// their long forms so one parser serves both styles. Other arguments pass unchanged, and so
/// does the value of an option that `takes_value`, even when it is spelled like a flag
/// (`--secret -dry` keeps the password `-dry`).
std::vector<std::string> translate_legacy_flags(const std::vector<std::string>& args,
                                                const TakesValue& takes_value);

} // namespace specmesh::cli
