// The Kafka wire protocol as bytes, for the requests librdkafka cannot send for us: the
// primitives of the non-flexible versions (big-endian integers, int16-length strings, int32
// counts), the request frame (size, header v1), and DescribeLogDirs v1 (the newest
// non-flexible version; v0 is gone from Kafka 4.x; schemas DescribeLogDirsRequest/
// Response.json). Pure: no I/O. Private to src/kafka.
#pragma once

#include <specmesh/error.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace specmesh::kafka {

/// Partitions to describe, by topic.
using PartitionsByTopic = std::map<std::string, std::vector<int>>;

namespace wire {

/// Appends big-endian protocol primitives.
class Writer {
public:
  void int8(std::int8_t value) { m_bytes.push_back(static_cast<char>(value)); }
  void int16(std::int16_t value) { put(static_cast<std::uint16_t>(value), 2); }
  void int32(std::int32_t value) { put(static_cast<std::uint32_t>(value), 4); }
  void int64(std::int64_t value) { put(static_cast<std::uint64_t>(value), 8); }
  /// An int16 length, then the bytes.
  void string(std::string_view value);
  /// An int32 length, then the bytes.
  void bytes(std::string_view value);
  const std::string& data() const { return m_bytes; }

private:
  void put(std::uint64_t value, int size);
  std::string m_bytes;
};

/// Reads big-endian protocol primitives from bytes that must outlive it; any read past the end
/// sets failed() and yields 0 (or an empty string), so a caller may read a whole structure and
/// check once at the end.
class Reader {
public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

  std::int8_t int8() { return static_cast<std::int8_t>(get(1)); }
  std::int16_t int16() { return static_cast<std::int16_t>(static_cast<std::uint16_t>(get(2))); }
  std::int32_t int32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
  std::int64_t int64() { return static_cast<std::int64_t>(get(8)); }
  /// A string or nullable string (length -1 reads as empty).
  std::string string();
  /// Bytes or nullable bytes (length -1 reads as empty).
  std::string bytes();
  /// An array count; a negative (null) count reads as 0.
  std::int32_t count();
  bool failed() const { return m_failed; }

private:
  std::uint64_t get(std::size_t size);
  std::string take(std::size_t size);
  std::string_view m_bytes;
  bool m_failed = false;
};

/// Which request a frame carries.
struct ApiVersion {
  std::int16_t key = 0;
  std::int16_t version = 0;
};

constexpr ApiVersion k_describe_log_dirs_v1{35, 1};

/// A request as it goes on the wire: its int32 size, request header v1 (api key, version,
/// correlation id, client id), then `body`.
std::string request_frame(ApiVersion api,
                          std::int32_t correlation_id,
                          std::string_view client_id,
                          std::string_view body);

/// An error code from a response as an Error: `doing (Kafka's reason)`.
Error response_error(std::string_view doing, std::int16_t code);

/// The body of a DescribeLogDirs v1 request for `partitions`.
std::string describe_log_dirs_request(const PartitionsByTopic& partitions);

/// The bytes of each topic summed over the log dirs of a DescribeLogDirs v1 response body (what
/// follows the correlation id), future replicas included; or why there are none: a log dir's
/// error, no log dirs at all (v1's answer to a principal without DESCRIBE on the cluster), or a
/// malformed response.
Result<std::map<std::string, std::int64_t>> describe_log_dirs_response(std::string_view body);

} // namespace wire
} // namespace specmesh::kafka
