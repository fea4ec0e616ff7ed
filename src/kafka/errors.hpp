// Maps librdkafka's error codes and texts onto specmesh's coarse ErrorCode and one-line
// messages. The only place in the adapter that knows which Kafka error means what to us.
#pragma once

#include <specmesh/error.hpp>

#include <librdkafka/rdkafka.h>

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

/// Same, from a librdkafka error object (null means success and must not be passed).
Error make_error(std::string_view what, std::string_view name, const rd_kafka_error_t* error);

} // namespace specmesh::kafka
