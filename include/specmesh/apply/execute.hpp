// Reading the cluster into an ActualState, checking a plan with the broker, and executing it.
// Talks only to ports; the adapters are wired in by cli/.
#pragma once

#include <specmesh/apply/progress.hpp>
#include <specmesh/error.hpp>
#include <specmesh/plan/plan.hpp>
#include <specmesh/ports/kafka_admin.hpp>
#include <specmesh/ports/schema_registry.hpp>

#include <chrono>

namespace specmesh::apply {

/// The resources of the scope as the cluster has them: topics whose names start with the
/// domain id, and ACLs on resources in the scope (plus cluster ACLs). Fails on the first read
/// that fails; an ACL read is skipped when the policy disables ACLs.
Result<plan::ActualState>
observe(ports::KafkaAdmin& kafka, const plan::Scope& scope, const plan::Policy& policy);

/// Adds the registry's view of the scope to `actual`: the latest version of each subject in the
/// scope, which desired schemas the registry already holds as they are (it compares them
/// itself), and which of other domains' topic schemas are registered under their full names.
Result<void> observe_registry(ports::SchemaRegistry& registry,
                              const plan::DesiredState& desired,
                              plan::ActualState& actual);

/// Checks every planned schema update against its subject's compatibility level (all versions
/// for *_TRANSITIVE levels) and marks the incompatible ones BLOCKED with the registry's reasons.
void check_compatibility(plan::Plan& plan, ports::SchemaRegistry& registry);

/// Asks the broker to validate every planned topic creation (CreateTopics validate_only) and
/// marks each one it rejects FAILED with the broker's reason. Writes nothing.
void validate(plan::Plan& plan, ports::TopicAdmin& kafka);

/// Executes the plan in one safe order: topic creations, partition increases, config changes
/// (each one batched request), schemas leaf-first (a new subject is set to FULL_TRANSITIVE; an
/// update is checked for compatibility first), ACL additions, ACL removals, topic deletions,
/// subject deletions. So schemas are in place before ACLs open topics to others, and access
/// never lapses mid-run. Every item gets its own outcome; a failure never stops the items that
/// do not depend on it. `registry` may be null when schemas are disabled. A blocked plan must
/// not be executed: the caller checks plan.is_blocked() first.
void execute(plan::Plan& plan, ports::KafkaAdmin& kafka, ports::SchemaRegistry* registry);

/// Waits, within `budget`, until reads show every change `execute` reported done: topics in
/// the metadata with their partitions and configs, ACLs in DescribeAcls (which the broker
/// answers from its authorizer), subjects in the registry's list; deleted ones gone. An item
/// still not visible when the budget is spent becomes FAILED with the reason, so the next step
/// of a pipeline never starts on a change that is not there yet. `progress` (optional) hears
/// how many changes are still awaited.
void await_visible(plan::Plan& plan,
                   ports::KafkaAdmin& kafka,
                   ports::SchemaRegistry* registry,
                   std::chrono::milliseconds budget,
                   Progress* progress = nullptr);

} // namespace specmesh::apply
