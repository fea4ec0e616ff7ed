// Waiting until a run's changes can be seen: the next pipeline step (a plan, a consumer, a
// report) must find what provision reported as done. Reads only what the plan changed, each
// kind with one request per round, backing off between rounds.
#include "polling.hpp"

#include <specmesh/apply/execute.hpp>
#include <specmesh/plan/visibility.hpp>

#include <fmt/format.h>

namespace specmesh::apply {

namespace {

/// One read of each kind that still has unseen items; a read that fails leaves its kind unread
/// and keeps the reason for the report.
plan::Observation observe_changes(const plan::Plan& plan,
                                  const plan::Unseen& unseen,
                                  ports::KafkaAdmin& kafka,
                                  ports::SchemaRegistry* registry,
                                  std::string& read_error) {
  plan::Observation seen;
  if (!unseen.topics.empty()) {
    if (auto topics = kafka.describe_topics(plan.domain)) {
      for (ports::TopicDescription& description : *topics) {
        seen.topics.push_back(std::move(description.topic));
      }
      seen.topics_read = true;
    } else {
      read_error = topics.error().message;
    }
  }
  if (!unseen.acls.empty()) {
    if (auto acls = kafka.describe_acls()) {
      seen.acls = std::move(*acls);
      seen.acls_read = true;
    } else {
      read_error = acls.error().message;
    }
  }
  if (!unseen.subjects.empty() && registry != nullptr) {
    // The same read observe_registry() plans from, so what it lists is what the next plan sees.
    if (auto subjects = registry->list_subjects(plan.domain)) {
      seen.subjects = std::move(*subjects);
      seen.subjects_read = true;
    } else {
      read_error = subjects.error().message;
    }
  }
  return seen;
}

void fail_unseen(plan::Outcome& outcome, std::string reason) {
  outcome.fail({ErrorCode::timeout, std::move(reason), {}});
}

std::string awaited_text(const plan::Unseen& unseen) {
  const std::size_t count = unseen.topics.size() + unseen.acls.size() + unseen.subjects.size();
  return fmt::format("waiting for {} change{} to become visible", count, count == 1 ? "" : "s");
}

} // namespace

void await_visible(plan::Plan& plan,
                   ports::KafkaAdmin& kafka,
                   ports::SchemaRegistry* registry,
                   std::chrono::milliseconds budget,
                   Progress* progress) {
  const auto start = std::chrono::steady_clock::now();
  plan::Unseen unseen = plan::awaited_changes(plan);
  ProgressScope waiting(unseen.empty() ? nullptr : progress, awaited_text(unseen));
  plan::Observation seen;
  std::string read_error;
  if (read_until(budget, [&] {
        read_error.clear();
        seen = observe_changes(plan, unseen, kafka, registry, read_error);
        unseen = plan::unseen_changes(plan, seen, unseen);
        if (unseen.empty()) {
          return true;
        }
        waiting.update(awaited_text(unseen));
        return false;
      })) {
    return;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string suffix = read_error.empty() ? "" : " (last read: " + read_error + ")";
  const auto fail_all = [&](auto& changes, const std::vector<std::size_t>& indices) {
    for (const std::size_t i : indices) {
      fail_unseen(changes[i].outcome, plan::unseen_reason(changes[i], seen, seconds) + suffix);
    }
  };
  fail_all(plan.topics, unseen.topics);
  fail_all(plan.acls, unseen.acls);
  fail_all(plan.subjects, unseen.subjects);
}

} // namespace specmesh::apply
