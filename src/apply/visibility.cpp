// Waiting until a run's changes can be seen: the next pipeline step (a plan, a consumer, a
// report) must find what provision reported as done. Reads only what the plan changed, each
// kind with one request per round, backing off between rounds.
#include <specmesh/apply/execute.hpp>
#include <specmesh/plan/visibility.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace specmesh::apply {

namespace {

using Clock = std::chrono::steady_clock;

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
  outcome.status = plan::Outcome::Status::failed;
  outcome.error = std::move(reason);
}

} // namespace

void await_visible(plan::Plan& plan,
                   ports::KafkaAdmin& kafka,
                   ports::SchemaRegistry* registry,
                   std::chrono::milliseconds budget) {
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + budget;
  std::chrono::milliseconds pause{20};
  plan::Unseen unseen = plan::awaited_changes(plan);
  while (!unseen.empty()) {
    std::string read_error;
    const plan::Observation seen = observe_changes(plan, unseen, kafka, registry, read_error);
    unseen = plan::unseen_changes(plan, seen, unseen);
    if (unseen.empty()) {
      return;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      const double seconds = std::chrono::duration<double>(now - start).count();
      const std::string suffix = read_error.empty() ? "" : " (last read: " + read_error + ")";
      const std::string reason = fmt::format("not visible after {:.1f} s", seconds) + suffix;
      for (const std::size_t i : unseen.topics) {
        fail_unseen(plan.topics[i].outcome,
                    plan::unseen_reason(plan.topics[i], seen, seconds) + suffix);
      }
      for (const std::size_t i : unseen.acls) {
        fail_unseen(plan.acls[i].outcome,
                    seen.acls_read ? fmt::format("{} (the last DescribeAcls listed {} bindings{})",
                                                 reason.substr(0, reason.size() - suffix.size()),
                                                 seen.acls.size(),
                                                 plan.acls[i].action == plan::Action::remove
                                                     ? ", this one still among them"
                                                     : ", not this one")
                                   : reason);
      }
      for (const std::size_t i : unseen.subjects) {
        fail_unseen(plan.subjects[i].outcome, reason);
      }
      return;
    }
    std::this_thread::sleep_for(
        std::min(pause, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)));
    pause = std::min(pause * 2, std::chrono::milliseconds{500});
  }
}

} // namespace specmesh::apply
