// The Kafka cluster and schema registry a golden case's commands talk to: the in-memory fakes
// of testing/, kept by the test so that every command of a case (its `before` lines, then its
// args) sees what the previous ones left. A case describes them in cluster.json:
//
//   {
//     "topics":   [{"name": "acme.shop._public.orders", "partitions": 6, "replication": 3,
//                   "config": {"retention.ms": "600000"}}],
//     "acls":     [{"resource": "TOPIC", "name": "acme.shop.", "pattern": "PREFIXED",
//                   "principal": "User:acme.shop", "operation": "READ"}],
//     "subjects": [{"subject": "acme.shop._public.orders-value", "file": "cli/refs/x.avsc"}],
//     "storage_bytes": {"acme.shop._public.orders": 4096},
//     "offsets":  [{"topic": "acme.shop._public.orders", "partition": 0,
//                   "earliest": 0, "latest": 10}],
//     "groups":   [{"id": "billing", "state": "Stable", "members": [{"id": "m-1",
//                   "client_id": "billing-1", "host": "/10.0.0.1",
//                   "assignment": [{"topic": "acme.shop._public.orders", "partition": 0}]}],
//                   "offsets": [{"topic": "acme.shop._public.orders", "partition": 0,
//                                "offset": 7}]}],
//     "faults":   {"failures": [{"topic": "...", "code": "unauthorized", "message": "..."}],
//                  "incompatible": {"<subject>": ["<reason>"]}, "no_authorizer": true,
//                  "connect_kafka": "<message>", "connect_registry": "<message>"}
//   }
//
// Every key is optional. An ACL's host defaults to "*" and its permission to ALLOW; a subject's
// type to AVRO, its schema is "schema" (text) or "file" (relative to tests/data). A failure
// names a "topic", an "acl" (as in "acls") or a whole-request "call" (e.g. "describe_log_dirs");
// its code defaults to "unavailable". The state is seeded before the `before` lines run, the
// faults only for the case's own command. `//` comments are allowed.
#pragma once

#include <specmesh/cli/run.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>
#include <specmesh/testing/fake_schema_registry.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace specmesh::cli_tests {

struct FakeServices {
  testing::FakeKafkaAdmin kafka;
  testing::FakeSchemaRegistry registry;
  /// What connecting fails with instead, if set ("faults": "connect_kafka", "connect_registry").
  std::optional<Error> kafka_connect_error;
  std::optional<Error> registry_connect_error;

  /// An environment whose connections reach these fakes (or fail as the faults say).
  cli::Environment environment(std::ostream& out, std::ostream& err);
};

/// Seeds what cluster.json says the cluster and registry hold (everything but "faults").
/// Throws nlohmann::json::exception or std::invalid_argument on a malformed document.
void seed_state(const nlohmann::json& cluster, FakeServices& services);

/// Arms cluster.json's "faults", if any.
void inject_faults(const nlohmann::json& cluster, FakeServices& services);

/// The requests the fakes received, one per line: "kafka: describe_acls", "registry: ...".
std::string recorded_calls(const FakeServices& services);

} // namespace specmesh::cli_tests
