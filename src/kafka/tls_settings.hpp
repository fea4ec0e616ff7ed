// The TLS side of a client's settings, as librdkafka names them: the files they point at,
// checked before librdkafka reads them (so a missing file or an expired certificate gets one
// line naming the setting), and the one-line meaning of a failed TLS handshake. Private to
// src/kafka.
#pragma once

#include <specmesh/error.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace specmesh::kafka {

using Settings = std::vector<std::pair<std::string, std::string>>;

/// Checks every TLS setting that names a file (ssl.ca.location, ssl.certificate.location,
/// ssl.key.location, ssl.crl.location, ssl.keystore.location) can be read, and that the client
/// certificate (file or ssl.certificate.pem) is within its validity period.
Result<void> check_tls_files(const Settings& settings);

/// librdkafka's "<setting> failed: error:…:reason" from rd_kafka_new as
/// "kafka property '<setting>': reason"; nullopt for any other text.
std::optional<std::string> tls_setting_failure(std::string_view text);

/// What a TLS handshake failure that librdkafka reported means for the user, as one line, or
/// nullopt when `reason` is not one. Such a failure is definitive: trying again with the same
/// settings fails the same way.
std::optional<std::string> tls_handshake_failure(std::string_view reason);

} // namespace specmesh::kafka
