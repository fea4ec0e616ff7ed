// The plan: what must change to make the cluster match the desired state. A sorted value,
// computed by diff() without I/O; `plan`/`--dry-run` render it, `provision` executes it.
#pragma once

#include <specmesh/plan/change.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/resources.hpp>
#include <specmesh/plan/storage.hpp>

#include <concepts>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace specmesh::plan {

using TopicChange = Change<Topic>;
using AclChange = Change<AclBinding>;
using SubjectChange = Change<Subject>;
using StorageChange = Change<StorageItem>;

/// The registry's verdict on a schema against its subject's registered versions.
struct Compatibility {
  bool compatible = true;
  /// The registry's reasons, e.g. READER_FIELD_MISSING_DEFAULT_VALUE.
  std::vector<std::string> messages;
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
  /// The domain's bucket, its access and its rules as the storage server has them.
  std::vector<StorageItem> storage;
  /// Objects and bytes under each prefix of `storage` ("" for the whole bucket) that clean-up
  /// would stop declaring.
  std::map<std::string, PrefixUsage> storage_usage;
};

struct Policy {
  bool clean_unspecified = false; ///< also delete what the spec no longer declares
  bool acl_disabled = false;
  bool sr_disabled = false;
  bool storage_disabled = false;
  /// Principals whose ACLs clean-up never removes: the one specmesh connects as (its own
  /// grants on the domain's names are not in the spec, and removing them would lock it out).
  std::set<std::string> kept_principals;
  /// The compatibility level a new subject is given once registered (Part B §5.3).
  std::string new_subject_compatibility = "FULL_TRANSITIVE";
};

struct Plan {
  std::string domain;
  Changes<Topic> topics;        ///< sorted by name
  Changes<AclBinding> acls;     ///< additions and removals, sorted by name
  Changes<Subject> subjects;    ///< leaf-first
  Changes<StorageItem> storage; ///< sorted by name, then kind
  /// Subjects this plan removes are deleted permanently (hard delete), not only soft-deleted:
  /// for test environments that reuse names.
  bool permanent_subject_deletes = false;

  bool has_changes() const;
  bool is_blocked() const;
  /// Any item FAILED, in planning (Action::failed) or in execution (Outcome::Status::failed).
  bool has_failures() const;

  friend bool operator==(const Plan&, const Plan&) = default;
};

/// Calls `visit` with each kind's changes of the plans (one or more, Plan or const Plan), in
/// report order: `visit(a.topics, b.topics)`, then ACLs, subjects, storage. The one list of the
/// kinds: renderers, summaries, checks and transformations go through it, so a new kind is
/// registered here, once.
template <typename Visit, typename... Plans>
requires(std::same_as<std::remove_const_t<Plans>, Plan>&&...) void for_each_kind(Visit visit,
                                                                                 Plans&... plans) {
  visit(plans.topics...);
  visit(plans.acls...);
  visit(plans.subjects...);
  visit(plans.storage...);
}

/// How a report names one item: "topic acme.shop.orders", "acl (pattern=…)", "subject x-value".
std::string item_name(const TopicChange& change);
std::string item_name(const AclChange& change);
std::string item_name(const SubjectChange& change);
std::string item_name(const StorageChange& change);

/// One line per BLOCKED or FAILED item of any kind, "<STATE> <item name>: <why>", the why
/// being the execution's errors or else the planner's details.
std::vector<std::string> failed_items(const Plan& plan);

/// A plan that removes what `executed` created (its CREATED items of every kind), and nothing
/// else: undoing a test's provisioning.
Plan undo_created(const Plan& executed);

/// One topic as the spec wants it against the topic as found: UNCHANGED, UPDATE (partitions to
/// grow, config keys to set) or BLOCKED (partitions would shrink), with replication drift as a
/// warning. What diff() does for each topic both have.
TopicChange compare_topic(const Topic& desired, const Topic& live);

/// The config keys of `desired` whose value `live` does not have (compared on what the values
/// mean: `compact, delete` is `compact,delete`), with the desired values: what an update sets.
ConfigMap config_to_set(const Topic& desired, const Topic& live);

/// diff()'s storage part: the domain's bucket, its access and its rules (storage_diff.cpp).
Changes<StorageItem>
diff_storage(const DesiredState& desired, const ActualState& actual, const Policy& policy);

/// Compares desired with actual. Only resources inside desired.scope are ever planned;
/// unchanged items are kept with Action::unchanged so a report can list everything.
Plan diff(const DesiredState& desired, const ActualState& actual, const Policy& policy);

} // namespace specmesh::plan
