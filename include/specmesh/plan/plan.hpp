// The plan: what must change to make the cluster match the desired state. A sorted value,
// computed by diff() without I/O; `plan`/`--dry-run` render it, `provision` executes it.
#pragma once

#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/resources.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace specmesh::plan {

enum class Action {
  create,
  update,
  remove,
  unchanged,
  ignored, ///< not the domain's to change (e.g. a schema owned by another domain)
  blocked, ///< a change that must not be made (partition decrease, incompatible schema)
  failed   ///< cannot even be planned (e.g. an unreadable schema file)
};

/// The planned state word of Part A.1: CREATE, UPDATE, DELETE, UNCHANGED, IGNORED, BLOCKED, FAILED.
const char* to_string(Action action);

/// What became of a planned change once executed. A plan that was never executed is all
/// `pending`; the state word then says what is planned, afterwards what happened.
struct Outcome {
  enum class Status { pending, done, failed };

  Status status = Status::pending;
  std::string error; ///< why it failed

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

/// CREATE/UPDATE/DELETE… while pending; CREATED/UPDATED/DELETED once done; FAILED on failure.
std::string state_word(Action action, const Outcome& outcome);

struct TopicChange {
  Action action = Action::create;
  Topic topic;                       ///< desired, or as found for remove
  std::optional<Topic> live;         ///< as found on the cluster, when it exists
  std::vector<std::string> details;  ///< one line per difference, e.g. "partitions 3 -> 6"
  std::vector<std::string> warnings; ///< drift specmesh reports but does not change
  ConfigMap config_changes;          ///< for update: the keys to set, with their new values

  Outcome outcome;

  friend bool operator==(const TopicChange&, const TopicChange&) = default;
};

struct AclChange {
  Action action = Action::create;
  AclBinding acl;

  Outcome outcome;

  friend bool operator==(const AclChange&, const AclChange&) = default;
};

struct SubjectChange {
  Action action = Action::create;
  Subject subject;
  std::string detail; ///< why it is ignored, blocked or failed

  Outcome outcome;

  friend bool operator==(const SubjectChange&, const SubjectChange&) = default;
};

/// What diff() compares the desired state with: the resources found in the domain's scope.
struct ActualState {
  std::vector<Topic> topics; ///< configs: effective values of at least the keys the spec names
  std::vector<AclBinding> acls;
  std::vector<Subject> subjects; ///< latest version of each subject in the scope
  /// False when the registry was not consulted (offline plans): registry-only checks are skipped.
  bool registry_observed = false;
  /// Desired subjects whose exact schema the registry already holds under that subject, as the
  /// registry itself compares schemas (it may store them normalised).
  std::set<std::string> registered_as_is;
  /// Full names of other domains' topic schemas already registered under their full name.
  std::set<std::string> foreign_schemas_registered;
};

struct Policy {
  bool clean_unspecified = false; ///< also delete what the spec no longer declares
  bool acl_disabled = false;
  bool sr_disabled = false;
  /// Principals whose ACLs clean-up never removes: the one specmesh connects as (its own
  /// grants on the domain's names are not in the spec, and removing them would lock it out).
  std::set<std::string> kept_principals;
};

struct Plan {
  std::string domain;
  std::vector<TopicChange> topics;     ///< sorted by name
  std::vector<AclChange> acls;         ///< additions and removals, sorted by name
  std::vector<SubjectChange> subjects; ///< leaf-first

  bool has_changes() const;
  bool is_blocked() const;
  /// Any item FAILED, in planning (Action::failed) or in execution (Outcome::Status::failed).
  bool has_failures() const;

  friend bool operator==(const Plan&, const Plan&) = default;
};

/// One topic as the spec wants it against the topic as found: UNCHANGED, UPDATE (partitions to
/// grow, config keys to set) or BLOCKED (partitions would shrink), with replication drift as a
/// warning. What diff() does for each topic both have.
TopicChange compare_topic(const Topic& desired, const Topic& live);

/// Compares desired with actual. Only resources inside desired.scope are ever planned;
/// unchanged items are kept with Action::unchanged so a report can list everything.
Plan diff(const DesiredState& desired, const ActualState& actual, const Policy& policy);

} // namespace specmesh::plan
