// What -q/--quiet hides and what -v/--verbose adds, all on stderr.
#include "commands.hpp"

#include <fmt/format.h>

#include <chrono>

namespace specmesh::cli {

namespace {

std::string as_user(const std::string& user) {
  return user.empty() ? "" : fmt::format(" as user '{}'", user);
}

/// The URL with any `user:password@` replaced by `***@`.
std::string without_credentials(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  const std::size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const std::size_t at = url.find('@', host_start);
  if (at == std::string::npos || url.find('/', host_start) < at) {
    return url;
  }
  return url.substr(0, host_start) + "***" + url.substr(at);
}

std::string seconds(std::chrono::milliseconds timeout) {
  return fmt::format("{:g} s", std::chrono::duration<double>(timeout).count());
}

} // namespace

void verbose_line(const CommandOptions& options, Environment& env, std::string_view line) {
  if (options.verbose) {
    env.err << "specmesh: " << line << '\n';
  }
}

void note_line(const CommandOptions& options, Environment& env, std::string_view line) {
  if (!options.quiet) {
    env.err << "specmesh: " << line << '\n';
  }
}

std::string describe_connection(const kafka::Connection& connection) {
  std::string keys; // the client properties' names only: their values may be secrets
  for (const auto& [key, value] : connection.properties) {
    keys += (keys.empty() ? "" : ", ") + key;
  }
  return fmt::format("connecting to Kafka at {}{} (timeout {}{})",
                     connection.bootstrap_servers,
                     as_user(connection.username),
                     seconds(connection.timeout),
                     keys.empty() ? "" : "; client properties " + keys);
}

std::string describe_connection(const registry::Connection& connection) {
  return fmt::format("connecting to the schema registry at {}{} (timeout {})",
                     without_credentials(connection.url),
                     as_user(connection.api_key),
                     seconds(connection.timeout));
}

} // namespace specmesh::cli
