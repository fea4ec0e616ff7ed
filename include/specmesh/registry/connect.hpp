// Connecting to a Confluent-compatible schema registry. No HTTP types leak out.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/ports/schema_registry.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace specmesh::registry {

struct Connection {
  std::string url;        ///< e.g. http://127.0.0.1:18081/apis/ccompat/v7
  std::string api_key;    ///< basic-auth user; empty: no authentication
  std::string api_secret; ///< basic-auth password
  std::string ca_file;    ///< extra CA bundle for https (optional)
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  /// Bound on making a connection and on the connection check (GET /subjects), when shorter
  /// than `timeout`: an unreachable registry fails within it, with the reason.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  int max_parallel_requests = 8; ///< bound on concurrent requests (the API has no batch calls)
};

/// Creates a client and checks the registry answers (GET /subjects) within the shorter of
/// `connect_timeout` and `timeout`. Fails
/// with one line naming the problem (unreachable, unauthorized, not a schema registry) and
/// never includes the secret.
Result<std::unique_ptr<ports::SchemaRegistry>> make_schema_registry(const Connection& connection);

} // namespace specmesh::registry
