// Maps HTTP statuses, Confluent error codes and curl failures onto specmesh's coarse ErrorCode
// and one-line messages. The only place in the adapter that knows which answer means what.
#pragma once

#include "http/client.hpp"

#include <specmesh/error.hpp>

#include <string>
#include <string_view>

namespace specmesh::registry {

/// The coarse class of a registry answer (architecture guide §1.3): 404 not_found, 409
/// conflict, 400/422 invalid_input, 401/403 unauthorized, 408 timeout, 429/5xx unavailable.
/// `registry_code` (Confluent's error_code, 0 if none) decides when the status alone does not.
ErrorCode to_error_code(long http_status, int registry_code);

/// What an error body says: Confluent's {"error_code": N, "message": "..."}, or the
/// {"title", "detail", "status"} of Apicurio's own (non-ccompat) errors.
struct RegistryProblem {
  int error_code = 0;  ///< Confluent's error_code; 0 when the body has none
  std::string message; ///< one line, trimmed; empty when the body has none
};

RegistryProblem parse_problem(std::string_view body);

/// `what 'name': <registry message> (error N)` for an HTTP answer that is not a success, with
/// N the registry's error_code (or the HTTP status when it sent none).
Error http_error(std::string_view what, std::string_view name, const http::Response& response);

/// `schema registry '<url>': cannot connect (Connection refused)` and the like, for a request
/// that got no HTTP answer. `display_url` must already be free of credentials.
Error transport_error(std::string_view display_url, const http::TransportError& error);

} // namespace specmesh::registry
