#include "errors.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace specmesh::kafka {

ErrorCode to_error_code(rd_kafka_resp_err_t err) {
  switch (err) {
  case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
    return ErrorCode::conflict;
  case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
  case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
  case RD_KAFKA_RESP_ERR_RESOURCE_NOT_FOUND:
    return ErrorCode::not_found;
  case RD_KAFKA_RESP_ERR__AUTHENTICATION:
  case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    return ErrorCode::unauthorized;
  case RD_KAFKA_RESP_ERR__TIMED_OUT:
  case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    return ErrorCode::timeout;
  case RD_KAFKA_RESP_ERR__TRANSPORT:
  case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
  case RD_KAFKA_RESP_ERR__RESOLVE:
  case RD_KAFKA_RESP_ERR_NOT_CONTROLLER:
  case RD_KAFKA_RESP_ERR_SECURITY_DISABLED:
    return ErrorCode::unavailable;
  case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
  case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION: // Kafka's InvalidTopicException: a bad topic name
  case RD_KAFKA_RESP_ERR__INVALID_ARG:
    return ErrorCode::invalid_input;
  default:
    break;
  }
  // Kafka keeps adding codes in these two families (INVALID_CONFIG, INVALID_PARTITIONS, ...,
  // TOPIC_/GROUP_/CLUSTER_/TRANSACTIONAL_ID_AUTHORIZATION_FAILED); match them by name so the
  // mapping does not depend on this librdkafka version's list.
  const std::string_view name = rd_kafka_err2name(err);
  if (name.starts_with("INVALID_")) {
    return ErrorCode::invalid_input;
  }
  if (name.ends_with("AUTHORIZATION_FAILED")) {
    return ErrorCode::unauthorized;
  }
  return ErrorCode::internal;
}

std::string reason_text(rd_kafka_resp_err_t err, const char* reason) {
  std::string_view text = reason != nullptr ? reason : "";
  while (!text.empty() && (text.back() == '.' || text.back() == ' ' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    text = rd_kafka_err2str(err);
    while (!text.empty() && text.back() == '.') {
      text.remove_suffix(1);
    }
  }
  return std::string(text);
}

std::optional<std::string> http_answerer(std::string_view reason) {
  // The first four bytes of the answer, "HTTP", read as a big-endian frame length.
  constexpr std::uint32_t k_http_as_length = (std::uint32_t{'H'} << 24U)
                                             | (std::uint32_t{'T'} << 16U)
                                             | (std::uint32_t{'T'} << 8U) | std::uint32_t{'P'};
  const std::string size_text = fmt::format("Invalid response size {}", k_http_as_length);
  if (reason.find(size_text) == std::string_view::npos) {
    return std::nullopt;
  }
  // "127.0.0.1:8081/bootstrap: Receive failed: ..." (or "host:port/<broker id>: ...")
  const std::string_view head = reason.substr(0, reason.find(": "));
  const auto slash = head.find('/');
  if (slash == std::string_view::npos || head.find(' ') != std::string_view::npos) {
    return std::string();
  }
  return std::string(head.substr(0, slash));
}

Error make_error(std::string_view what,
                 std::string_view name,
                 rd_kafka_resp_err_t err,
                 const char* reason) {
  return Error{
      to_error_code(err), fmt::format("{} '{}': {}", what, name, reason_text(err, reason)), {}};
}

Error make_error(std::string_view what, std::string_view name, const rd_kafka_error_t* error) {
  return make_error(what, name, rd_kafka_error_code(error), rd_kafka_error_string(error));
}

} // namespace specmesh::kafka
