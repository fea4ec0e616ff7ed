// Reading the cluster into an ActualState, checking a plan with the broker, and executing it.
// Talks only to ports; the adapters are wired in by cli/.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/ports/kafka_admin.hpp>

namespace specmesh::apply {

/// The resources of the scope as the cluster has them: topics whose names start with the
/// domain id, and ACLs on resources in the scope (plus cluster ACLs). Fails on the first read
/// that fails; an ACL read is skipped when the policy disables ACLs.
Result<plan::ActualState> observe(ports::KafkaAdmin& kafka,
                                  const plan::Scope& scope,
                                  const plan::Policy& policy);

/// Asks the broker to validate every planned topic creation (CreateTopics validate_only) and
/// marks each one it rejects FAILED with the broker's reason. Writes nothing.
void validate(plan::Plan& plan, ports::KafkaAdmin& kafka);

/// Executes the plan in one safe order, each step one batched request: topic creations,
/// partition increases, config changes, ACL additions, ACL removals, topic deletions (ACLs are
/// added before any are removed, so access never lapses mid-run). Every item gets its own
/// outcome; a failure never stops the items that do not depend on it. A blocked plan must not
/// be executed: the caller checks plan.is_blocked() first.
void execute(plan::Plan& plan, ports::KafkaAdmin& kafka);

} // namespace specmesh::apply
