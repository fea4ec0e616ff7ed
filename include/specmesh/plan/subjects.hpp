// The registry rules the planner applies to subjects, given the registry's answers: which
// schemas another domain must register, when a registered schema is the desired one, and
// what an incompatibility verdict does to a planned update. apply asks, plan decides.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/plan.hpp>

#include <string>

namespace specmesh::plan {

/// Part B §5.4: a topic schema that is another domain's Avro record. Its owner must register
/// it under its full name; specmesh only checks that it has.
bool needs_owner_registration(const Subject& subject);

/// The registered text is the desired schema: equal as JSON documents (Avro, JSON Schema), so
/// formatting never counts as a change. When false, the registry's own lookup decides.
bool same_schema_text(const Subject& desired, const std::string& registered);

/// "subject 'x': schema is incompatible with the registered versions: reason; reason".
std::string incompatibility(const std::string& subject, const Compatibility& verdict);

/// Whether a planned update may be registered: an error with the registry's reasons when it is
/// incompatible, or when the registry could not judge it.
Result<void> allows_update(const std::string& subject, const Result<Compatibility>& verdict);

/// The dry run's view of a planned update once the registry judged it: BLOCKED when it is
/// incompatible; a detail saying so when the registry could not judge it yet (e.g. a reference
/// that this same plan creates). Other changes are left as they are.
void judge_compatibility(SubjectChange& change, const Result<Compatibility>& verdict);

} // namespace specmesh::plan
