#include "polling.hpp"

#include <specmesh/apply/execute.hpp>
#include <specmesh/parallel.hpp>
#include <specmesh/plan/subjects.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace specmesh::apply {

namespace {

using plan::Action;
using plan::Outcome;

void record(Outcome& outcome, const ports::Outcome& result) {
  if (result) {
    outcome.succeed();
  } else {
    outcome.fail(result.error());
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

/// Registers the schema (an update only once the registry judged it compatible), then gives a
/// new subject the compatibility level the plan shows.
void write_subject(plan::SubjectChange& change, ports::SchemaRegistry& registry) {
  const plan::Subject& subject = change.resource;
  if (change.action == Action::update) {
    const Result<void> allowed = plan::allows_update(
        subject.subject, registry.check_compatibility(subject.subject, subject));
    if (!allowed) {
      return change.outcome.fail(allowed.error());
    }
  }
  if (const Result<int> id = registry.register_schema(subject.subject, subject); !id) {
    return change.outcome.fail(id.error());
  }
  if (!subject.compatibility.empty()) {
    if (auto set = registry.set_compatibility_level(subject.subject, subject.compatibility); !set) {
      return change.outcome.fail(set.error());
    }
  }
  change.outcome.succeed();
}

/// The subjects to write, in rounds: a subject goes in the round after the last of the
/// subjects it references that are written too. A round's writes are independent of each other.
std::vector<std::vector<plan::SubjectChange*>>
write_rounds(std::vector<plan::SubjectChange>& subjects) {
  std::map<std::string, plan::SubjectChange*, std::less<>> written;
  for (plan::SubjectChange& change : subjects) {
    if (change.action == Action::create || change.action == Action::update) {
      written.emplace(change.resource.subject, &change);
    }
  }
  std::map<std::string, std::size_t, std::less<>> round_of;
  // Depth-first over the references; `visiting` guards against a cycle the planner let through.
  std::set<std::string, std::less<>> visiting;
  const auto round = [&](const auto& self, const plan::SubjectChange& change) -> std::size_t {
    const std::string& name = change.resource.subject;
    if (const auto known = round_of.find(name); known != round_of.end()) {
      return known->second;
    }
    visiting.insert(name);
    std::size_t result = 0;
    for (const auto& reference : change.resource.references) {
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
    if (written.contains(change.resource.subject)) {
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
      return live.contains(change->resource.name);
    });
  });
  for (plan::TopicChange* change : existing) {
    const auto it = live.find(change->resource.name);
    if (it == live.end()) {
      change->outcome.fail({ErrorCode::conflict,
                            fmt::format("topic '{}' already exists but cannot be read back{}",
                                        change->resource.name,
                                        found ? "" : ": " + found.error().message),
                            {}});
      continue;
    }
    plan::TopicChange reconciled = plan::compare_topic(change->resource, *it->second);
    reconciled.warnings.insert(reconciled.warnings.begin(),
                               "already existed when created (another run?); compared instead");
    if (reconciled.action == Action::blocked) {
      reconciled.outcome.fail(
          {ErrorCode::conflict, fmt::format("{}", fmt::join(reconciled.details, "; ")), {}});
    }
    *change = std::move(reconciled);
  }
}

void create_topics(plan::Plan& plan, ports::KafkaAdmin& kafka) {
  std::vector<plan::TopicChange*> existing;
  for (auto& [change, error] : send(
           plan.topics,
           [](const plan::TopicChange& change) { return is(change, Action::create); },
           [](const plan::TopicChange& change) { return change.resource; },
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
    actual.subjects.push_back(ports::to_subject(registered));
    live.emplace(registered.subject, &registered);
  }
  for (const plan::Subject& subject : desired.subjects) {
    if (plan::needs_owner_registration(subject)) {
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
    if (plan::same_schema_text(subject, found->second->schema)) {
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
    if (change.action == Action::update) {
      plan::judge_compatibility(
          change, registry.check_compatibility(change.resource.subject, change.resource));
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

void validate(plan::Plan& plan, ports::TopicAdmin& kafka) {
  batch(
      plan.topics,
      [](const plan::TopicChange& change) { return change.action == Action::create; },
      [](const plan::TopicChange& change) { return change.resource; },
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
               && change.resource.partitions > change.live->partitions;
      },
      [](const plan::TopicChange& change) {
        return std::pair(change.resource.name, change.resource.partitions);
      },
      [&](const auto& totals) { return kafka.create_partitions(totals); });
  batch(
      plan.topics,
      [](const plan::TopicChange& change) {
        return is(change, Action::update) && change.live
               && !plan::config_to_set(change.resource, *change.live).empty();
      },
      [](const plan::TopicChange& change) {
        return std::pair(change.resource.name, plan::config_to_set(change.resource, *change.live));
      },
      [&](const auto& changes) { return kafka.set_topic_configs(changes); });
  if (registry != nullptr) {
    write_subjects(plan.subjects, *registry);
  }
  batch(
      plan.acls,
      [](const plan::AclChange& change) { return change.action == Action::create; },
      [](const plan::AclChange& change) { return change.resource; },
      [&](const auto& acls) { return kafka.create_acls(acls); });
  batch(
      plan.acls,
      [](const plan::AclChange& change) { return change.action == Action::remove; },
      [](const plan::AclChange& change) { return change.resource; },
      [&](const auto& acls) { return kafka.delete_acls(acls); },
      already_gone);
  batch(
      plan.topics,
      [](const plan::TopicChange& change) { return is(change, Action::remove); },
      [](const plan::TopicChange& change) { return change.resource.name; },
      [&](const auto& names) { return kafka.delete_topics(names); },
      already_gone);
  if (registry != nullptr) {
    // Users before the subjects they reference: the registry refuses to delete a referenced one.
    // (Reverse iterators, not std::views::reverse: clang-tidy 14 cannot parse libstdc++ 12's
    // ranges views.)
    std::for_each(plan.subjects.rbegin(), plan.subjects.rend(), [&](plan::SubjectChange& change) {
      if (change.action == Action::remove) {
        const Result<std::vector<int>> deleted =
            registry->delete_subject(change.resource.subject, plan.permanent_subject_deletes);
        record(change.outcome,
               deleted || already_gone(deleted.error()) ? ports::Outcome{}
                                                        : tl::unexpected(deleted.error()));
      }
    });
  }
}

} // namespace specmesh::apply
