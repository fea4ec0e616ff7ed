// Maps librdkafka's error codes and texts onto specmesh's coarse ErrorCode and one-line
// messages. The only place in the adapter that knows which Kafka error means what to us.
#pragma once

#include <specmesh/error.hpp>

#include <librdkafka/rdkafka.h>

#include <optional>
#include <string>
#include <string_view>

namespace specmesh::kafka {

/// The coarse class of a broker or client error (architecture guide §1.3).
ErrorCode to_error_code(rd_kafka_resp_err_t err);

/// The "why" of a message: the broker's or librdkafka's text for `err`, trimmed and without a
/// final period; librdkafka's generic description when `reason` is null or empty.
std::string reason_text(rd_kafka_resp_err_t err, const char* reason);

/// `what 'name': why` as an Error, e.g. `topic 'acme.shop.x': Topic already exists`.
Error make_error(std::string_view what,
                 std::string_view name,
                 rd_kafka_resp_err_t err,
                 const char* reason);

/// The broker ("host:port") whose answer librdkafka read as a Kafka frame whose length spells
/// "HTTP": a web server answering the Kafka request with "HTTP/1.1 400 ...". librdkafka then
/// says "Invalid response size 1213486160 ...: increase receive.message.max.bytes", which
/// misleads. The broker is empty when the text names none; nullopt when `reason` (an error_cb
/// text) is about anything else.
std::optional<std::string> http_answerer(std::string_view reason);

/// Same, from a librdkafka error object (null means success and must not be passed).
Error make_error(std::string_view what, std::string_view name, const rd_kafka_error_t* error);

} // namespace specmesh::kafka
