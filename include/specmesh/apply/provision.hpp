// The provisioning pipeline as one library call, for the CLI, the Python bindings and test
// support alike: spec -> desired state -> observe -> diff -> (dry run: checks | real: execute).
#pragma once

#include <specmesh/apply/progress.hpp>
#include <specmesh/error.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/ports/kafka_admin.hpp>
#include <specmesh/ports/schema_registry.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace specmesh::apply {

/// Reads the spec and (with `with_schemas`) the schema files it references, and computes what
/// it stands for. Fails with code invalid_spec and one Diagnostic per problem in the spec, with
/// not_found for an unreadable spec file, or with invalid_input for a bad partition count
/// factor. Schema-file problems do not fail: they are listed in DesiredState::schema_failures.
Result<plan::DesiredState> load_desired_state(const std::string& spec_path,
                                              const std::string& schema_path,
                                              const plan::DesiredOptions& options,
                                              bool with_schemas);

/// How to reach the cluster; called once each. `registry` is empty when schemas are disabled.
struct Connections {
  std::function<Result<std::unique_ptr<ports::KafkaAdmin>>()> kafka;
  std::function<Result<std::unique_ptr<ports::SchemaRegistry>>()> registry;
};

/// Connects, reads the scope, plans; then either checks the plan with the broker and the
/// registry (`dry_run`) or executes it — unless it is blocked, when nothing is changed — and
/// waits up to `visibility_wait` until the cluster shows every change (await_visible; zero: no
/// wait), telling `progress` (optional) how that wait goes. The returned plan carries every
/// item's outcome. Fails when connecting or reading fails, and for a desired state with storage
/// unless the policy leaves storage alone: the S3 port is not wired in yet.
Result<plan::Plan> provision(const plan::DesiredState& desired,
                             const plan::Policy& policy,
                             bool dry_run,
                             const Connections& connections,
                             std::chrono::milliseconds visibility_wait = std::chrono::seconds(30),
                             Progress* progress = nullptr);

} // namespace specmesh::apply
