#include <specmesh/plan/visibility.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

namespace specmesh::plan {

namespace {

bool done(const Outcome& outcome) {
  return outcome.status == Outcome::Status::done;
}

const Topic* find_topic(const Observation& seen, const std::string& name) {
  const auto it = std::find_if(
      seen.topics.begin(), seen.topics.end(), [&](const Topic& t) { return t.name == name; });
  return it == seen.topics.end() ? nullptr : &*it;
}

bool topic_seen(const TopicChange& change, const std::map<std::string, const Topic*>& live) {
  const auto found = live.find(change.topic.name);
  if (change.action == Action::remove) {
    return found == live.end();
  }
  return found != live.end()
         && compare_topic(change.topic, *found->second).action == Action::unchanged;
}

} // namespace

Unseen awaited_changes(const Plan& plan) {
  Unseen awaited;
  for (std::size_t i = 0; i < plan.topics.size(); ++i) {
    if (done(plan.topics[i].outcome)) {
      awaited.topics.push_back(i);
    }
  }
  for (std::size_t i = 0; i < plan.acls.size(); ++i) {
    if (done(plan.acls[i].outcome)) {
      awaited.acls.push_back(i);
    }
  }
  for (std::size_t i = 0; i < plan.subjects.size(); ++i) {
    if (done(plan.subjects[i].outcome) && plan.subjects[i].action != Action::update) {
      awaited.subjects.push_back(i);
    }
  }
  return awaited;
}

Unseen unseen_changes(const Plan& plan, const Observation& seen, const Unseen& awaited) {
  Unseen unseen;
  std::map<std::string, const Topic*> live_topics;
  for (const Topic& topic : seen.topics) {
    live_topics.emplace(topic.name, &topic);
  }
  std::copy_if(
      awaited.topics.begin(),
      awaited.topics.end(),
      std::back_inserter(unseen.topics),
      [&](std::size_t i) { return !seen.topics_read || !topic_seen(plan.topics[i], live_topics); });
  const std::set<AclBinding> live_acls(seen.acls.begin(), seen.acls.end());
  std::copy_if(awaited.acls.begin(),
               awaited.acls.end(),
               std::back_inserter(unseen.acls),
               [&](std::size_t i) {
                 const AclChange& change = plan.acls[i];
                 return !seen.acls_read
                        || live_acls.contains(change.acl) != (change.action != Action::remove);
               });
  const std::set<std::string> live_subjects(seen.subjects.begin(), seen.subjects.end());
  std::copy_if(awaited.subjects.begin(),
               awaited.subjects.end(),
               std::back_inserter(unseen.subjects),
               [&](std::size_t i) {
                 const SubjectChange& change = plan.subjects[i];
                 return !seen.subjects_read
                        || live_subjects.contains(change.subject.subject)
                               != (change.action != Action::remove);
               });
  return unseen;
}

std::string unseen_reason(const TopicChange& change, const Observation& seen, double seconds) {
  std::string prefix = fmt::format("not visible after {:.1f} s", seconds);
  if (!seen.topics_read) {
    return prefix;
  }
  const Topic* live = find_topic(seen, change.topic.name);
  if (change.action == Action::remove) {
    return prefix + ": the topic is still listed";
  }
  if (live == nullptr) {
    return prefix + ": the topic is not in the metadata yet";
  }
  return fmt::format("{}: the cluster still shows {}",
                     prefix,
                     fmt::join(compare_topic(change.topic, *live).details, ", "));
}

} // namespace specmesh::plan
