#include "admin_client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace specmesh::kafka {
namespace {

using std::chrono::milliseconds;

/// Extra wait on the result queue beyond the request timeout librdkafka enforces itself.
constexpr milliseconds k_poll_margin{1000};

} // namespace

int to_ms(milliseconds value) {
  return static_cast<int>(std::clamp<milliseconds::rep>(
      value.count(), 1, milliseconds{std::chrono::hours{24}}.count()));
}

std::vector<ports::Outcome>
in_order(const std::vector<std::string>& names, const ItemErrors& results, std::string_view what) {
  std::vector<ports::Outcome> outcomes;
  outcomes.reserve(names.size());
  for (const auto& name : names) {
    if (const auto it = results.find(name); it != results.end()) {
      outcomes.push_back(it->second);
    } else {
      outcomes.emplace_back(fail(
          ErrorCode::internal, fmt::format("{} '{}': the broker returned no result", what, name)));
    }
  }
  return outcomes;
}

AdminOptionsHandle AdminClient::options(rd_kafka_admin_op_t op, bool validate_only) const {
  AdminOptionsHandle opts(rd_kafka_AdminOptions_new(m_rk.get(), op));
  std::array<char, 512> errstr{};
  rd_kafka_AdminOptions_set_request_timeout(
      opts.get(), to_ms(m_timeout), errstr.data(), errstr.size());
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS
      || op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS) {
    rd_kafka_AdminOptions_set_operation_timeout(
        opts.get(), to_ms(m_timeout), errstr.data(), errstr.size());
  }
  if (validate_only) {
    rd_kafka_AdminOptions_set_validate_only(opts.get(), 1, errstr.data(), errstr.size());
  }
  return opts;
}

RequestResult<EventHandle> AdminClient::wait(rd_kafka_queue_t* queue) const {
  EventHandle event(rd_kafka_queue_poll(queue, to_ms(m_timeout + k_poll_margin)));
  rd_kafka_poll(m_rk.get(), 0); // serve error_cb so the main queue does not grow
  if (!event) {
    return tl::unexpected(RequestFailure{
        RD_KAFKA_RESP_ERR__TIMED_OUT, fmt::format("no response within {} ms", m_timeout.count())});
  }
  if (const auto err = rd_kafka_event_error(event.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(
        RequestFailure{err, reason_text(err, rd_kafka_event_error_string(event.get()))});
  }
  return event;
}

RequestResult<MetadataHandle> AdminClient::metadata(bool all_topics) const {
  const rd_kafka_metadata_t* raw = nullptr;
  const auto err =
      rd_kafka_metadata(m_rk.get(), all_topics ? 1 : 0, nullptr, &raw, to_ms(m_timeout));
  rd_kafka_poll(m_rk.get(), 0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(RequestFailure{err, reason_text(err, nullptr)});
  }
  return MetadataHandle(raw);
}

Error AdminClient::cluster_error(std::string_view doing, const RequestFailure& failure) const {
  return make_error(
      "kafka", m_bootstrap, failure.err, fmt::format("{}: {}", doing, failure.reason).c_str());
}

} // namespace specmesh::kafka
