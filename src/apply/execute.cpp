#include "polling.hpp"

#include <specmesh/apply/execute.hpp>
#include <specmesh/parallel.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace specmesh::apply {

namespace {

using plan::Action;
using plan::Outcome;

void fail_outcome(Outcome& outcome, const std::string& error) {
  outcome.status = Outcome::Status::failed;
  outcome.error += (outcome.error.empty() ? "" : "; ") + error;
}

void record(Outcome& outcome, const ports::Outcome& result) {
  if (!result) {
    return fail_outcome(outcome, result.error().message);
  }
  if (outcome.status == Outcome::Status::pending) {
    outcome.status = Outcome::Status::done;
  }
}

/// An item's failure that leaves it as the plan wants it, e.g. deleting what a concurrent run
/// (or an earlier, lagging read) already deleted.
bool already_gone(const Error& error) {
  return error.code == ErrorCode::not_found;
}

template <typename Change> using Failures = std::vector<std::pair<Change*, Error>>;

/// Sends one batched request for the changes `select` picks and records the outcome of each
/// item that succeeded; returns the items that failed, with their errors, for the caller to
/// judge. `request` receives the requests made by `make` from the picked changes, in order.
template <typename Change, typename Select, typename Make, typename Request>
Failures<Change> send(std::vector<Change>& changes, Select select, Make make, Request request) {
  std::vector<Change*> picked;
  std::vector<decltype(make(changes.front()))> items;
  for (Change& change : changes) {
    if (select(change)) {
      picked.push_back(&change);
      items.push_back(make(change));
    }
  }
  Failures<Change> failures;
  if (items.empty()) {
    return failures;
  }
  const std::vector<ports::Outcome> outcomes = request(items);
  for (std::size_t i = 0; i < picked.size(); ++i) {
    if (i >= outcomes.size()) {
      failures.emplace_back(picked[i], Error{ErrorCode::internal, "no result for this item", {}});
    } else if (!outcomes[i]) {
      failures.emplace_back(picked[i], outcomes[i].error());
    } else {
      record(picked[i]->outcome, outcomes[i]);
    }
  }
  return failures;
}

/// send(), with every failure recorded on its item except those `settled` says leave the item
/// as planned (which count as done).
template <typename Change, typename Select, typename Make, typename Request>
void batch(std::vector<Change>& changes,
           Select select,
           Make make,
           Request request,
           bool (*settled)(const Error&) = nullptr) {
  for (auto& [change, error] : send(changes, select, make, request)) {
    record(change->outcome,
           settled != nullptr && settled(error) ? ports::Outcome{} : tl::unexpected(error));
  }
}

bool is(const plan::TopicChange& change, Action action) {
  return change.action == action && change.outcome.status != Outcome::Status::failed;
}

constexpr const char* k_new_subject_level = "FULL_TRANSITIVE";

plan::Subject to_subject(const ports::RegisteredSchema& registered) {
  plan::Subject subject;
  subject.subject = registered.subject;
  subject.type = registered.type;
  subject.schema = registered.schema;
  subject.references = registered.references;
  return subject;
}

/// Equal as JSON documents (Avro and JSON Schema), so formatting never counts as a change.
bool same_json(const std::string& a, const std::string& b) {
  const auto parse = [](const std::string& text) {
    return nlohmann::json::parse(text, nullptr, false, true);
  };
  const nlohmann::json left = parse(a);
  return !left.is_discarded() && left == parse(b);
}

std::string incompatibility(const std::string& subject, const ports::Compatibility& result) {
  std::string reasons;
  for (const std::string& message : result.messages) {
    reasons += (reasons.empty() ? "" : "; ") + message;
  }
  return fmt::format("subject '{}': schema is incompatible with the registered versions{}",
                     subject,
                     reasons.empty() ? "" : ": " + reasons);
}

void write_subject(plan::SubjectChange& change, ports::SchemaRegistry& registry) {
  const std::string& name = change.subject.subject;
  if (change.action == Action::update) {
    const Result<ports::Compatibility> compatible =
        registry.check_compatibility(name, change.subject);
    if (!compatible) {
      return fail_outcome(change.outcome, compatible.error().message);
    }
    if (!compatible->compatible) {
      return fail_outcome(change.outcome, incompatibility(name, *compatible));
    }
  }
  const Result<int> id = registry.register_schema(name, change.subject);
  if (!id) {
    return fail_outcome(change.outcome, id.error().message);
  }
  if (change.action == Action::create) {
    if (auto set = registry.set_compatibility_level(name, k_new_subject_level); !set) {
      return fail_outcome(change.outcome, set.error().message);
    }
  }
  change.outcome.status = Outcome::Status::done;
}

/// The subjects to write, in rounds: a subject goes in the round after the last of the
/// subjects it references that are written too. A round's writes are independent of each other.
std::vector<std::vector<plan::SubjectChange*>>
write_rounds(std::vector<plan::SubjectChange>& subjects) {
  std::map<std::string, plan::SubjectChange*, std::less<>> written;
  for (plan::SubjectChange& change : subjects) {
    if (change.action == Action::create || change.action == Action::update) {
      written.emplace(change.subject.subject, &change);
    }
  }
  std::map<std::string, std::size_t, std::less<>> round_of;
  // Depth-first over the references; `visiting` guards against a cycle the planner let through.
  std::set<std::string, std::less<>> visiting;
  const auto round = [&](const auto& self, const plan::SubjectChange& change) -> std::size_t {
    const std::string& name = change.subject.subject;
    if (const auto known = round_of.find(name); known != round_of.end()) {
      return known->second;
    }
    visiting.insert(name);
    std::size_t result = 0;
    for (const auto& reference : change.subject.references) {
      const auto it = written.find(reference.subject);
      if (it != written.end() && !visiting.contains(reference.subject)) {
        result = std::max(result, self(self, *it->second) + 1);
      }
    }
    visiting.erase(name);
    round_of.emplace(name, result);
    return result;
  };
  std::vector<std::vector<plan::SubjectChange*>> rounds;
  for (plan::SubjectChange& change : subjects) {
    if (written.contains(change.subject.subject)) {
      const std::size_t index = round(round, change);
      rounds.resize(std::max(rounds.size(), index + 1));
      rounds[index].push_back(&change);
    }
  }
  return rounds;
}

/// Each subject after those it references; within a round, as many at once as the registry
/// serves (one by one, 1,000 subjects took ~15 s against the local registry).
void write_subjects(std::vector<plan::SubjectChange>& subjects, ports::SchemaRegistry& registry) {
  for (const std::vector<plan::SubjectChange*>& changes : write_rounds(subjects)) {
    for_each_bounded(changes.size(), registry.concurrency(), [&](std::size_t i) {
      write_subject(*changes[i], registry);
    });
  }
}

/// How long a topic that the controller says exists may take to reach the metadata a broker
/// answers with (measured: well under a second on a busy local broker).
constexpr std::chrono::seconds k_existing_topic_wait{10};

/// A topic that exists by the time we create it (a concurrent run, or a read that lagged) is
/// compared with the spec like any found topic: it becomes UNCHANGED or an UPDATE that the
/// following steps apply, never a failure.
void reconcile_existing_topics(const std::vector<plan::TopicChange*>& existing,
                               const std::string& domain,
                               ports::KafkaAdmin& kafka) {
  Result<std::vector<ports::TopicDescription>> found;
  std::map<std::string, const plan::Topic*, std::less<>> live;
  read_until(k_existing_topic_wait, [&] {
    live.clear();
    found = kafka.describe_topics(domain);
    if (found) {
      for (const ports::TopicDescription& description : *found) {
        live.emplace(description.topic.name, &description.topic);
      }
    }
    return std::all_of(existing.begin(), existing.end(), [&](const plan::TopicChange* change) {
      return live.contains(change->topic.name);
    });
  });
  for (plan::TopicChange* change : existing) {
    const auto it = live.find(change->topic.name);
    if (it == live.end()) {
      fail_outcome(change->outcome,
                   fmt::format("topic '{}' already exists but cannot be read back{}",
                               change->topic.name,
                               found ? "" : ": " + found.error().message));
      continue;
    }
    plan::TopicChange reconciled = plan::compare_topic(change->topic, *it->second);
    reconciled.warnings.insert(reconciled.warnings.begin(),
                               "already existed when created (another run?); compared instead");
    if (reconciled.action == Action::blocked) {
      fail_outcome(reconciled.outcome, fmt::format("{}", fmt::join(reconciled.details, "; ")));
    }
    *change = std::move(reconciled);
  }
}

void create_topics(plan::Plan& plan, ports::KafkaAdmin& kafka) {
  std::vector<plan::TopicChange*> existing;
  for (auto& [change, error] : send(
           plan.topics,
           [](const plan::TopicChange& change) { return is(change, Action::create); },
           [](const plan::TopicChange& change) { return change.topic; },
           [&](const std::vector<plan::Topic>& topics) {
             return kafka.create_topics(topics, false);
           })) {
    if (error.code == ErrorCode::conflict) {
      existing.push_back(change);
    } else {
      record(change->outcome, tl::unexpected(error));
    }
  }
  if (!existing.empty()) {
    reconcile_existing_topics(existing, plan.domain, kafka);
  }
}

} // namespace

Result<void> observe_registry(ports::SchemaRegistry& registry,
                              const plan::DesiredState& desired,
                              plan::ActualState& actual) {
  Result<std::vector<std::string>> names = registry.list_subjects(desired.scope.domain);
  if (!names) {
    return tl::unexpected(names.error());
  }
  std::erase_if(*names, [&](const std::string& name) { return !desired.scope.owns(name); });
  Result<std::vector<ports::RegisteredSchema>> latest = registry.latest_versions(*names);
  if (!latest) {
    return tl::unexpected(latest.error());
  }
  std::map<std::string, const ports::RegisteredSchema*> live;
  for (const ports::RegisteredSchema& registered : *latest) {
    actual.subjects.push_back(to_subject(registered));
    live.emplace(registered.subject, &registered);
  }
  for (const plan::Subject& subject : desired.subjects) {
    if (subject.topic_schema && !subject.owned && subject.avro_kind == "record") {
      Result<std::optional<ports::RegisteredSchema>> shared =
          registry.lookup(subject.full_name, subject);
      if (!shared) {
        return tl::unexpected(shared.error());
      }
      if (*shared) {
        actual.foreign_schemas_registered.insert(subject.full_name);
      }
    }
    const auto found = live.find(subject.subject);
    if (found == live.end()) {
      continue;
    }
    if (same_json(subject.schema, found->second->schema)) {
      actual.registered_as_is.insert(subject.subject);
      continue;
    }
    Result<std::optional<ports::RegisteredSchema>> match =
        registry.lookup(subject.subject, subject);
    if (!match) {
      return tl::unexpected(match.error());
    }
    if (*match) {
      actual.registered_as_is.insert(subject.subject);
    }
  }
  actual.registry_observed = true;
  return {};
}

void check_compatibility(plan::Plan& plan, ports::SchemaRegistry& registry) {
  for (plan::SubjectChange& change : plan.subjects) {
    if (change.action != Action::update) {
      continue;
    }
    const Result<ports::Compatibility> result =
        registry.check_compatibility(change.subject.subject, change.subject);
    if (!result) {
      // E.g. a reference that this same plan creates: the registry cannot judge it yet.
      change.detail = "compatibility not checked: " + result.error().message;
    } else if (!result->compatible) {
      change.action = Action::blocked;
      change.detail = incompatibility(change.subject.subject, *result);
    }
  }
}

Result<plan::ActualState>
observe(ports::KafkaAdmin& kafka, const plan::Scope& scope, const plan::Policy& policy) {
  plan::ActualState actual;
  auto topics = kafka.describe_topics(scope.domain);
  if (!topics) {
    return tl::unexpected(topics.error());
  }
  for (ports::TopicDescription& description : *topics) {
    actual.topics.push_back(std::move(description.topic));
  }
  if (policy.acl_disabled) {
    return actual;
  }
  auto acls = kafka.describe_acls();
  if (!acls) {
    return tl::unexpected(acls.error());
  }
  std::copy_if(acls->begin(),
               acls->end(),
               std::back_inserter(actual.acls),
               [&](const plan::AclBinding& acl) {
                 return acl.resource_type == plan::ResourceType::cluster
                        || scope.owns(acl.resource_name);
               });
  return actual;
}

void validate(plan::Plan& plan, ports::KafkaAdmin& kafka) {
  batch(
      plan.topics,
      [](const plan::TopicChange& change) { return change.action == Action::create; },
      [](const plan::TopicChange& change) { return change.topic; },
      [&](const std::vector<plan::Topic>& topics) { return kafka.create_topics(topics, true); });
  // Validation only reports problems: what passed is still to be done.
  for (plan::TopicChange& change : plan.topics) {
    if (change.outcome.status == Outcome::Status::done) {
      change.outcome.status = Outcome::Status::pending;
    }
  }
}

void execute(plan::Plan& plan, ports::KafkaAdmin& kafka, ports::SchemaRegistry* registry) {
  create_topics(plan, kafka);
  batch(
      plan.topics,
      [](const plan::TopicChange& change) {
        return is(change, Action::update) && change.live
               && change.topic.partitions > change.live->partitions;
      },
      [](const plan::TopicChange& change) {
        return std::pair(change.topic.name, change.topic.partitions);
      },
      [&](const auto& totals) { return kafka.create_partitions(totals); });
  batch(
      plan.topics,
      [](const plan::TopicChange& change) {
        return is(change, Action::update) && !change.config_changes.empty();
      },
      [](const plan::TopicChange& change) {
        return std::pair(change.topic.name, change.config_changes);
      },
      [&](const auto& changes) { return kafka.set_topic_configs(changes); });
  if (registry != nullptr) {
    write_subjects(plan.subjects, *registry);
  }
  batch(
      plan.acls,
      [](const plan::AclChange& change) { return change.action == Action::create; },
      [](const plan::AclChange& change) { return change.acl; },
      [&](const auto& acls) { return kafka.create_acls(acls); });
  batch(
      plan.acls,
      [](const plan::AclChange& change) { return change.action == Action::remove; },
      [](const plan::AclChange& change) { return change.acl; },
      [&](const auto& acls) { return kafka.delete_acls(acls); },
      already_gone);
  batch(
      plan.topics,
      [](const plan::TopicChange& change) { return is(change, Action::remove); },
      [](const plan::TopicChange& change) { return change.topic.name; },
      [&](const auto& names) { return kafka.delete_topics(names); },
      already_gone);
  if (registry != nullptr) {
    // Users before the subjects they reference: the registry refuses to delete a referenced one.
    // (Reverse iterators, not std::views::reverse: clang-tidy 14 cannot parse libstdc++ 12's
    // ranges views.)
    std::for_each(plan.subjects.rbegin(), plan.subjects.rend(), [&](plan::SubjectChange& change) {
      if (change.action == Action::remove) {
        const Result<std::vector<int>> deleted =
            registry->delete_subject(change.subject.subject, false);
        record(change.outcome,
               deleted || already_gone(deleted.error()) ? ports::Outcome{}
                                                        : tl::unexpected(deleted.error()));
      }
    });
  }
}

} // namespace specmesh::apply
