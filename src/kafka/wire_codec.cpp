#include "wire_codec.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace specmesh::kafka::wire {

void Writer::string(std::string_view value) {
  int16(static_cast<std::int16_t>(value.size()));
  m_bytes.append(value);
}

void Writer::bytes(std::string_view value) {
  int32(static_cast<std::int32_t>(value.size()));
  m_bytes.append(value);
}

void Writer::put(std::uint64_t value, int size) {
  for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
    m_bytes.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

std::string Reader::string() {
  const std::int16_t length = int16();
  return length < 0 ? std::string() : take(static_cast<std::size_t>(length));
}

std::string Reader::bytes() {
  const std::int32_t length = int32();
  return length < 0 ? std::string() : take(static_cast<std::size_t>(length));
}

std::int32_t Reader::count() {
  return std::max<std::int32_t>(0, int32());
}

std::uint64_t Reader::get(std::size_t size) {
  if (m_failed || m_bytes.size() < size) {
    m_failed = true;
    return 0;
  }
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < size; ++i) {
    value = (value << 8) | static_cast<unsigned char>(m_bytes[i]);
  }
  m_bytes.remove_prefix(size);
  return value;
}

std::string Reader::take(std::size_t size) {
  if (m_failed || m_bytes.size() < size) {
    m_failed = true;
    return {};
  }
  std::string value(m_bytes.substr(0, size));
  m_bytes.remove_prefix(size);
  return value;
}

std::string request_frame(ApiVersion api,
                          std::int32_t correlation_id,
                          std::string_view client_id,
                          std::string_view body) {
  Writer header;
  header.int16(api.key);
  header.int16(api.version);
  header.int32(correlation_id);
  header.string(client_id);
  Writer frame;
  frame.int32(static_cast<std::int32_t>(header.data().size() + body.size()));
  std::string request = frame.data() + header.data();
  request.append(body);
  return request;
}

Error response_error(std::string_view doing, std::int16_t code) {
  const auto err = static_cast<rd_kafka_resp_err_t>(code);
  return Error{to_error_code(err), fmt::format("{} ({})", doing, reason_text(err, nullptr)), {}};
}

std::string describe_log_dirs_request(const PartitionsByTopic& partitions) {
  Writer request;
  request.int32(static_cast<std::int32_t>(partitions.size()));
  for (const auto& [topic, ids] : partitions) {
    request.string(topic);
    request.int32(static_cast<std::int32_t>(ids.size()));
    for (const int id : ids) {
      request.int32(id);
    }
  }
  return request.data();
}

Result<std::map<std::string, std::int64_t>> describe_log_dirs_response(std::string_view body) {
  std::map<std::string, std::int64_t> bytes;
  Reader reader(body);
  reader.int32(); // throttle_time_ms
  const std::int32_t dir_count = reader.count();
  if (dir_count == 0 && !reader.failed()) {
    // Every broker has a log dir; v1 has no error code for a refusal, it answers with none
    // (KafkaApis.handleDescribeLogDirsRequest): say so instead of reporting 0 bytes.
    return fail(ErrorCode::unauthorized,
                "the broker listed no log dirs (not authorized? needs DESCRIBE on the cluster)");
  }
  for (std::int32_t dir = 0; dir < dir_count && !reader.failed(); ++dir) {
    const std::int16_t code = reader.int16();
    const std::string log_dir = reader.string();
    if (code != 0 && !reader.failed()) {
      return tl::unexpected(response_error(fmt::format("log dir '{}'", log_dir), code));
    }
    const std::int32_t topic_count = reader.count();
    for (std::int32_t t = 0; t < topic_count && !reader.failed(); ++t) {
      const std::string topic = reader.string();
      const std::int32_t partition_count = reader.count();
      for (std::int32_t p = 0; p < partition_count && !reader.failed(); ++p) {
        reader.int32(); // partition_index
        const std::int64_t size = reader.int64();
        reader.int64(); // offset_lag
        reader.int8();  // is_future_key: a future replica is on disk too
        bytes[topic] += size;
      }
    }
  }
  if (reader.failed()) {
    return fail(ErrorCode::internal, "malformed DescribeLogDirs response");
  }
  return bytes;
}

} // namespace specmesh::kafka::wire
