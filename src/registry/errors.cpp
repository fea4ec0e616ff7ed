#include "errors.hpp"

#include <specmesh/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstddef>

namespace specmesh::registry {

namespace {

constexpr std::size_t k_max_message = 400;

/// One line, no Java exception class in front, no final period, bounded length.
std::string one_line(std::string_view text) {
  std::string line = trim(text.substr(0, text.find_first_of("\r\n")));
  // "io.apicurio....RuleViolationException: Incompatible artifact: ..." -> "Incompatible ..."
  for (int i = 0; i < 2; ++i) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
      break;
    }
    const std::string_view head(line.data(), colon);
    const bool exception_name = head.find(' ') == std::string_view::npos
                                && (head.ends_with("Exception") || head.ends_with("Error"));
    if (!exception_name) {
      break;
    }
    line.erase(0, colon + 2);
  }
  if (line.size() > k_max_message) {
    line.resize(k_max_message);
    line += "...";
  }
  while (!line.empty() && line.back() == '.') {
    line.pop_back();
  }
  return line;
}

} // namespace

ErrorCode to_error_code(long http_status, int registry_code) {
  switch (http_status) {
  case 400:
  case 422:
    return ErrorCode::invalid_input;
  case 401:
  case 403:
    return ErrorCode::unauthorized;
  case 404:
    return ErrorCode::not_found;
  case 408:
    return ErrorCode::timeout;
  case 409:
    return ErrorCode::conflict;
  case 429:
    return ErrorCode::unavailable;
  default:
    break;
  }
  if (registry_code == 50002) { // Confluent: operation timed out
    return ErrorCode::timeout;
  }
  if (http_status >= 500 && http_status < 600) {
    return ErrorCode::unavailable;
  }
  switch (registry_code / 100) {
  case 404:
    return ErrorCode::not_found;
  case 409:
    return ErrorCode::conflict;
  case 422:
    return ErrorCode::invalid_input;
  case 401:
  case 403:
    return ErrorCode::unauthorized;
  case 500:
    return ErrorCode::unavailable;
  default:
    return ErrorCode::internal;
  }
}

RegistryProblem parse_problem(std::string_view body) {
  RegistryProblem problem;
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return problem;
  }
  if (const auto code = json.find("error_code"); code != json.end() && code->is_number_integer()) {
    problem.error_code = code->get<int>();
  }
  for (const char* key : {"message", "title", "detail"}) {
    const auto text = json.find(key);
    if (text != json.end() && text->is_string() && !text->get<std::string>().empty()) {
      problem.message = one_line(text->get<std::string>());
      break;
    }
  }
  return problem;
}

Error http_error(std::string_view what, std::string_view name, const http::Response& response) {
  const RegistryProblem problem = parse_problem(response.body);
  const long number = problem.error_code != 0 ? problem.error_code : response.status;
  const std::string message =
      problem.message.empty() ? fmt::format("HTTP {}", response.status) : problem.message;
  return Error{to_error_code(response.status, problem.error_code),
               fmt::format("{} '{}': {} (error {})", what, name, message, number),
               {}};
}

Error transport_error(std::string_view display_url, const http::TransportError& error) {
  ErrorCode code = ErrorCode::unavailable;
  std::string why = error.reason;
  switch (error.code) {
  case CURLE_COULDNT_CONNECT:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    why = fmt::format("cannot connect ({})", error.reason);
    break;
  case CURLE_OPERATION_TIMEDOUT:
    code = ErrorCode::timeout;
    if (!error.connected) {
      why = fmt::format("cannot connect ({})", error.reason);
    }
    break;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
    why = fmt::format("TLS error ({})", error.reason);
    break;
  case CURLE_FAILED_INIT:
  case CURLE_OUT_OF_MEMORY:
  case CURLE_WRITE_ERROR:
    code = ErrorCode::internal;
    break;
  default:
    break;
  }
  return Error{code, fmt::format("schema registry '{}': {}", display_url, why), {}};
}

} // namespace specmesh::registry
