// DescribeLogDirs, which librdkafka does not implement in any version (local-environment.md
// §2.2-2.3 option c): a minimal Kafka protocol client that sends one DescribeLogDirs v1 request
// to one broker, over PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL with SASL PLAIN or SCRAM.
// Private to src/kafka.
#pragma once

#include "tls_settings.hpp"
#include "wire_codec.hpp"

#include <specmesh/error.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace specmesh::kafka {

/// A broker as the cluster metadata advertises it.
struct BrokerAddress {
  int id = 0;
  std::string host;
  int port = 0;
};

/// How to reach and authenticate to the brokers, from the client's effective settings.
struct LogDirsAccess {
  std::string security_protocol = "PLAINTEXT"; ///< as librdkafka's security.protocol
  std::string sasl_mechanism; ///< as librdkafka's sasl.mechanisms; empty when not set
  std::string username;
  std::string password;
  std::string client_id = "specmesh";
  Settings tls; ///< the ssl.* settings, as librdkafka names them
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
};

/// The brokers holding a replica of each partition, by topic (the cluster metadata's view).
using ReplicasByTopic = std::map<std::string, std::vector<std::vector<int>>>;

/// Why a storage total from DescribeLogDirs to the listed `brokers` would be partial: a broker
/// holds replicas of a topic but is not listed (stopped or unreachable), so its copies would be
/// left out. Empty when every replica's broker is listed.
std::string unlisted_replica_holder(const std::set<int>& brokers, const ReplicasByTopic& replicas);

/// One-line reason this access cannot be used for DescribeLogDirs (SASL other than PLAIN and
/// SCRAM, a PKCS#12 key store), or empty when it can.
std::string unsupported_reason(const LogDirsAccess& access);

/// Sends one DescribeLogDirs v1 request for `partitions` to `broker` (a fresh connection,
/// over TLS when the protocol is SSL or SASL_SSL, authenticated first when it is SASL_*) and
/// returns the bytes of each topic summed over the broker's log dirs. Every step is bounded by
/// `access.timeout`. Messages never contain the password.
Result<std::map<std::string, std::int64_t>> describe_log_dirs(const BrokerAddress& broker,
                                                              const LogDirsAccess& access,
                                                              const PartitionsByTopic& partitions);

} // namespace specmesh::kafka
