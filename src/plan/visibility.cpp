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
  const auto found = live.find(change.resource.name);
  if (change.action == Action::remove) {
    return found == live.end();
  }
  return found != live.end()
         && compare_topic(change.resource, *found->second).action == Action::unchanged;
}

} // namespace

namespace {

/// The indices of the changes `keep` picks.
template <typename Change, typename Keep>
std::vector<std::size_t> indices_where(const std::vector<Change>& changes, Keep keep) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (keep(changes[i])) {
      out.push_back(i);
    }
  }
  return out;
}

/// Those of `awaited` that `seen_as_planned` does not accept, or all of them when the kind was
/// not read.
template <typename Change, typename Seen>
std::vector<std::size_t> still_unseen(const std::vector<std::size_t>& awaited,
                                      const std::vector<Change>& changes,
                                      bool read,
                                      Seen seen_as_planned) {
  std::vector<std::size_t> out;
  std::copy_if(awaited.begin(), awaited.end(), std::back_inserter(out), [&](std::size_t i) {
    return !read || !seen_as_planned(changes[i]);
  });
  return out;
}

/// A listing shows a change as planned: a removed item is absent, any other present.
bool listed_as_planned(bool listed, Action action) {
  return listed == (action != Action::remove);
}

// The change was accepted, and the reads that would show it failed: say so, rather than
// suggest it was not applied (a re-run then finds it in place).
std::string unconfirmed(double seconds) {
  return fmt::format("accepted, but not confirmed: the cluster could not be read back within "
                     "{:.1f} s",
                     seconds);
}

} // namespace

Unseen awaited_changes(const Plan& plan) {
  const auto was_done = [](const auto& change) { return done(change.outcome); };
  return {indices_where(plan.topics, was_done),
          indices_where(plan.acls, was_done),
          indices_where(plan.subjects, [](const SubjectChange& change) {
            return done(change.outcome) && change.action != Action::update;
          })};
}

Unseen unseen_changes(const Plan& plan, const Observation& seen, const Unseen& awaited) {
  std::map<std::string, const Topic*> live_topics;
  for (const Topic& topic : seen.topics) {
    live_topics.emplace(topic.name, &topic);
  }
  const std::set<AclBinding> live_acls(seen.acls.begin(), seen.acls.end());
  const std::set<std::string> live_subjects(seen.subjects.begin(), seen.subjects.end());
  return {
      still_unseen(awaited.topics,
                   plan.topics,
                   seen.topics_read,
                   [&](const TopicChange& change) { return topic_seen(change, live_topics); }),
      still_unseen(awaited.acls,
                   plan.acls,
                   seen.acls_read,
                   [&](const AclChange& change) {
                     return listed_as_planned(live_acls.contains(change.resource), change.action);
                   }),
      still_unseen(
          awaited.subjects, plan.subjects, seen.subjects_read, [&](const SubjectChange& change) {
            return listed_as_planned(live_subjects.contains(change.resource.subject),
                                     change.action);
          })};
}

std::string unseen_reason(const TopicChange& change, const Observation& seen, double seconds) {
  std::string prefix = fmt::format("not visible after {:.1f} s", seconds);
  if (!seen.topics_read) {
    return unconfirmed(seconds);
  }
  const Topic* live = find_topic(seen, change.resource.name);
  if (change.action == Action::remove) {
    return prefix + ": the topic is still listed";
  }
  if (live == nullptr) {
    return prefix + ": the topic is not in the metadata yet";
  }
  return fmt::format("{}: the cluster still shows {}",
                     prefix,
                     fmt::join(compare_topic(change.resource, *live).details, ", "));
}

std::string unseen_reason(const AclChange& change, const Observation& seen, double seconds) {
  std::string prefix = fmt::format("not visible after {:.1f} s", seconds);
  if (!seen.acls_read) {
    return unconfirmed(seconds);
  }
  // A broker applies new ACLs after the partitions it has just been asked to create; after
  // thousands of them that can take longer than the default budget.
  return fmt::format("{}: the last DescribeAcls listed {} bindings, {}; raise --timeout to wait "
                     "longer",
                     prefix,
                     seen.acls.size(),
                     change.action == Action::remove ? "this one still among them"
                                                     : "not this one");
}

std::string
unseen_reason(const SubjectChange& /*change*/, const Observation& seen, double seconds) {
  if (!seen.subjects_read) {
    return unconfirmed(seconds);
  }
  return fmt::format("not visible after {:.1f} s", seconds);
}

} // namespace specmesh::plan
