// Kafka's rules for changing what exists, written to read like the contract (Part A.2):
// partitions only grow, replication is reported not changed, only the config keys the spec
// names are compared, grants on the domain's own topics are fully managed, and nothing
// outside the scope is ever planned.
#include "sort_by_key.hpp"

#include <specmesh/plan/plan.hpp>
#include <specmesh/plan/subjects.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace specmesh::plan {

namespace {

/// The broker stores `compact, delete` as `compact,delete` and `0100` as `100`; compare what
/// the values mean, not how they were typed.
std::string normalise_config(std::string_view value) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    std::string item = trim(value.substr(start, comma - start), " \t");
    long long number = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), number);
    if (ec == std::errc() && end == item.data() + item.size()) {
      item = std::to_string(number);
    }
    out += item;
    if (comma == std::string_view::npos) {
      return out;
    }
    out += ',';
    start = comma + 1;
  }
}

std::vector<TopicChange>
diff_topics(const DesiredState& desired, const ActualState& actual, const Policy& policy) {
  std::map<std::string, const Topic*> live;
  for (const Topic& topic : actual.topics) {
    if (desired.scope.owns(topic.name) && !spec::is_internal_topic(topic.name)) {
      live.emplace(topic.name, &topic);
    }
  }
  std::vector<TopicChange> changes;
  for (const Topic& topic : desired.topics) {
    const auto found = live.find(topic.name);
    if (found == live.end()) {
      changes.push_back({.action = Action::create, .resource = topic});
    } else {
      changes.push_back(compare_topic(topic, *found->second));
      live.erase(found);
    }
  }
  if (policy.clean_unspecified) {
    for (const auto& [name, topic] : live) {
      changes.push_back({.action = Action::remove,
                         .resource = *topic,
                         .live = *topic,
                         .details = {"not in the spec"}});
    }
  }
  std::sort(changes.begin(), changes.end(), [](const TopicChange& a, const TopicChange& b) {
    return a.resource.name < b.resource.name;
  });
  return changes;
}

/// ACLs specmesh may remove: the read grants on the domain's own topics always (a removed
/// `grant-access:` tag removes its ACLs), and with clean-up any ACL on a resource in the scope,
/// except those of the kept principals.
bool managed_acl(const AclBinding& acl, const Scope& scope, const Policy& policy) {
  if (acl.resource_type == ResourceType::cluster || !scope.owns(acl.resource_name)
      || policy.kept_principals.contains(acl.principal)) {
    return false;
  }
  if (policy.clean_unspecified) {
    return true;
  }
  return acl.resource_type == ResourceType::topic && acl.pattern_type == PatternType::literal
         && acl.permission == AclPermission::allow
         && (acl.operation == AclOperation::read || acl.operation == AclOperation::describe);
}

std::vector<AclChange>
diff_acls(const DesiredState& desired, const ActualState& actual, const Policy& policy) {
  const std::set<AclBinding> live(actual.acls.begin(), actual.acls.end());
  const std::set<AclBinding> wanted(desired.acls.begin(), desired.acls.end());
  const std::set<AclBinding> superseded(desired.superseded_acls.begin(),
                                        desired.superseded_acls.end());
  std::vector<AclChange> changes;
  for (const AclBinding& acl : desired.acls) {
    changes.push_back(
        {.action = live.contains(acl) ? Action::unchanged : Action::create, .resource = acl});
  }
  // The owner's ACLs in the other prefix form go once their replacements are in place (execute
  // creates before it removes), so access never lapses.
  for (const AclBinding& acl : live) {
    if (!wanted.contains(acl)
        && (superseded.contains(acl) || managed_acl(acl, desired.scope, policy))) {
      changes.push_back({.action = Action::remove, .resource = acl});
    }
  }
  sort_by_key(changes, [](const AclChange& change) { return change.resource.name(); });
  return changes;
}

/// Same text and the same references by name and subject (versions are the registry's business;
/// the registry's own comparison is ActualState::registered_as_is).
bool same_schema(const Subject& desired, const Subject& live) {
  const auto same_reference = [](const SchemaReference& a, const SchemaReference& b) {
    return a.name == b.name && a.subject == b.subject;
  };
  return trim(desired.schema, " \t") == trim(live.schema, " \t")
         && std::equal(desired.references.begin(),
                       desired.references.end(),
                       live.references.begin(),
                       live.references.end(),
                       same_reference);
}

/// Part B §5.4: a topic schema that is another domain's record must already be registered by
/// its owner under its full name; specmesh never registers it for them.
bool missing_foreign_schema(const Subject& subject, const ActualState& actual) {
  return actual.registry_observed && needs_owner_registration(subject)
         && !actual.foreign_schemas_registered.contains(subject.full_name);
}

SubjectChange subject_change(Action action, const Subject& subject, std::string detail = {}) {
  SubjectChange change{.action = action, .resource = subject};
  if (!detail.empty()) {
    change.details.push_back(std::move(detail));
  }
  return change;
}

/// A new subject, registered and then given the policy's compatibility level (a step the plan
/// shows, so nothing is set that the plan did not say).
SubjectChange new_subject(const Subject& subject, const Policy& policy) {
  SubjectChange change = subject_change(Action::create, subject);
  if (!policy.new_subject_compatibility.empty()) {
    change.resource.compatibility = policy.new_subject_compatibility;
    change.details.push_back("then set compatibility level " + policy.new_subject_compatibility);
  }
  return change;
}

std::vector<SubjectChange>
diff_subjects(const DesiredState& desired, const ActualState& actual, const Policy& policy) {
  std::map<std::string, const Subject*> live;
  for (const Subject& subject : actual.subjects) {
    if (desired.scope.owns(subject.subject)) {
      live.emplace(subject.subject, &subject);
    }
  }
  std::vector<SubjectChange> changes;
  for (const Subject& subject : desired.subjects) {
    const auto found = live.find(subject.subject);
    const Subject* existing = found == live.end() ? nullptr : found->second;
    if (found != live.end()) {
      live.erase(found);
    }
    if (!subject.owned && !subject.topic_schema) {
      changes.push_back(subject_change(
          Action::ignored, subject, "owned by another domain, which must register it"));
    } else if (missing_foreign_schema(subject, actual)) {
      changes.push_back(
          subject_change(Action::failed,
                         subject,
                         fmt::format("topic schema '{}' belongs to another domain and must first "
                                     "be registered by its owner under subject '{}'",
                                     subject.full_name,
                                     subject.full_name)));
    } else if (existing == nullptr) {
      changes.push_back(new_subject(subject, policy));
    } else if (same_schema(subject, *existing)
               || actual.registered_as_is.contains(subject.subject)) {
      changes.push_back(subject_change(Action::unchanged, subject));
    } else {
      changes.push_back(subject_change(Action::update, subject));
    }
  }
  for (const SchemaFailure& failure : desired.schema_failures) {
    Subject subject;
    subject.subject = failure.subject;
    subject.path = failure.path;
    changes.push_back(subject_change(Action::failed, subject, failure.diagnostic.to_string()));
  }
  if (policy.clean_unspecified) {
    for (const auto& [name, subject] : live) {
      changes.push_back(subject_change(Action::remove, *subject, "not in the spec"));
    }
  }
  return changes;
}

/// Whether any change of any kind satisfies `predicate`.
template <typename Predicate> bool any_change(const Plan& plan, Predicate predicate) {
  bool found = false;
  for_each_kind(
      [&](const auto& changes) {
        found = found || std::any_of(changes.begin(), changes.end(), predicate);
      },
      plan);
  return found;
}

bool is_change(Action action) {
  return action == Action::create || action == Action::update || action == Action::remove;
}

} // namespace

ConfigMap config_to_set(const Topic& desired, const Topic& live) {
  ConfigMap out;
  for (const auto& [key, value] : desired.config) {
    const auto found = live.config.find(key);
    if (found == live.config.end() || normalise_config(found->second) != normalise_config(value)) {
      out.emplace(key, value);
    }
  }
  return out;
}

TopicChange compare_topic(const Topic& desired, const Topic& live) {
  TopicChange change{.action = Action::unchanged, .resource = desired, .live = live};
  if (desired.partitions > live.partitions) {
    change.action = Action::update;
    change.details.push_back(
        fmt::format("partitions {} -> {}", live.partitions, desired.partitions));
  }
  for (const auto& [key, value] : config_to_set(desired, live)) {
    const auto found = live.config.find(key);
    change.details.push_back(fmt::format("config {}: {} -> {}",
                                         key,
                                         found == live.config.end() ? "(not set)" : found->second,
                                         value));
    change.action = Action::update;
  }
  if (desired.partitions < live.partitions) {
    change.action = Action::blocked;
    change.details.push_back(fmt::format(
        "partitions cannot decrease (live {}, spec {})", live.partitions, desired.partitions));
  }
  if (desired.replication != -1 && desired.replication != live.replication) {
    change.warnings.push_back(
        fmt::format("replication factor is {}, spec asks {}; specmesh does not reassign replicas",
                    live.replication,
                    desired.replication));
  }
  return change;
}

std::string item_name(const TopicChange& change) {
  return "topic " + change.resource.name;
}

std::string item_name(const AclChange& change) {
  return "acl " + change.resource.name();
}

std::string item_name(const SubjectChange& change) {
  return "subject " + change.resource.subject;
}

std::vector<std::string> failed_items(const Plan& plan) {
  std::vector<std::string> lines;
  for_each_kind(
      [&lines](const auto& changes) {
        for (const auto& change : changes) {
          if (change.failed() || change.action == Action::blocked) {
            lines.push_back(fmt::format("{} {}: {}",
                                        state_word(change.action, change.outcome),
                                        item_name(change),
                                        change.outcome.errors.empty()
                                            ? fmt::format("{}", fmt::join(change.details, "; "))
                                            : change.outcome.message()));
          }
        }
      },
      plan);
  return lines;
}

Plan undo_created(const Plan& executed) {
  Plan undo{.domain = executed.domain};
  for_each_kind(
      [](auto& removals, const auto& changes) {
        for (const auto& change : changes) {
          if (change.action == Action::create && change.outcome.status == Outcome::Status::done) {
            removals.push_back({.action = Action::remove, .resource = change.resource});
          }
        }
      },
      undo,
      executed);
  return undo;
}

bool Plan::has_changes() const {
  return any_change(*this, [](const auto& change) { return is_change(change.action); });
}

bool Plan::is_blocked() const {
  return any_change(*this, [](const auto& change) { return change.action == Action::blocked; });
}

bool Plan::has_failures() const {
  return any_change(*this, [](const auto& change) { return change.failed(); });
}

Plan diff(const DesiredState& desired, const ActualState& actual, const Policy& policy) {
  Plan plan;
  plan.domain = desired.scope.domain;
  plan.topics = diff_topics(desired, actual, policy);
  if (!policy.acl_disabled) {
    plan.acls = diff_acls(desired, actual, policy);
  }
  if (!policy.sr_disabled) {
    plan.subjects = diff_subjects(desired, actual, policy);
  }
  if (!policy.storage_disabled) {
    plan.storage = diff_storage(desired, actual, policy);
  }
  return plan;
}

} // namespace specmesh::plan
