#include <specmesh/apply/execute.hpp>

#include <algorithm>

namespace specmesh::apply {

namespace {

using plan::Action;
using plan::Outcome;

void record(Outcome& outcome, const ports::Outcome& result) {
  if (result) {
    if (outcome.status == Outcome::Status::pending) {
      outcome.status = Outcome::Status::done;
    }
    return;
  }
  outcome.status = Outcome::Status::failed;
  outcome.error += (outcome.error.empty() ? "" : "; ") + result.error().message;
}

/// Sends one batched request for the changes `select` picks and records each item's outcome.
/// `request` receives the requests made by `make` from the picked changes, in order.
template <typename Change, typename Select, typename Make, typename Request>
void batch(std::vector<Change>& changes, Select select, Make make, Request request) {
  std::vector<Change*> picked;
  std::vector<decltype(make(changes.front()))> items;
  for (Change& change : changes) {
    if (select(change)) {
      picked.push_back(&change);
      items.push_back(make(change));
    }
  }
  if (items.empty()) {
    return;
  }
  const std::vector<ports::Outcome> outcomes = request(items);
  for (std::size_t i = 0; i < picked.size(); ++i) {
    record(picked[i]->outcome,
           i < outcomes.size() ? outcomes[i]
                               : ports::Outcome(tl::unexpected(
                                     Error{ErrorCode::internal, "no result for this item", {}})));
  }
}

bool is(const plan::TopicChange& change, Action action) {
  return change.action == action && change.outcome.status != Outcome::Status::failed;
}

} // namespace

Result<plan::ActualState> observe(ports::KafkaAdmin& kafka,
                                  const plan::Scope& scope,
                                  const plan::Policy& policy) {
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

void execute(plan::Plan& plan, ports::KafkaAdmin& kafka) {
  batch(
      plan.topics,
      [](const plan::TopicChange& change) { return is(change, Action::create); },
      [](const plan::TopicChange& change) { return change.topic; },
      [&](const std::vector<plan::Topic>& topics) { return kafka.create_topics(topics, false); });
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
  batch(
      plan.acls,
      [](const plan::AclChange& change) { return change.action == Action::create; },
      [](const plan::AclChange& change) { return change.acl; },
      [&](const auto& acls) { return kafka.create_acls(acls); });
  batch(
      plan.acls,
      [](const plan::AclChange& change) { return change.action == Action::remove; },
      [](const plan::AclChange& change) { return change.acl; },
      [&](const auto& acls) { return kafka.delete_acls(acls); });
  batch(
      plan.topics,
      [](const plan::TopicChange& change) { return is(change, Action::remove); },
      [](const plan::TopicChange& change) { return change.topic.name; },
      [&](const auto& names) { return kafka.delete_topics(names); });
}

} // namespace specmesh::apply
