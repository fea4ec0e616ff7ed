// Whether what a provision run did can be seen yet. Brokers and registries answer reads from
// state that follows writes with a lag (KRaft brokers apply the controller's metadata log
// asynchronously), so a run checks its own changes before it reports them done. Pure: the
// caller observes, this decides.
#pragma once

#include <specmesh/plan/plan.hpp>

#include <string>
#include <vector>

namespace specmesh::plan {

/// What a read of the cluster showed, for the kinds the plan changed.
struct Observation {
  std::vector<Topic> topics;         ///< every topic of the scope, effective configs
  std::vector<AclBinding> acls;      ///< every ACL the cluster reports
  std::vector<std::string> subjects; ///< every subject name of the scope
  bool topics_read = false;          ///< false: the topics were not read this time
  bool acls_read = false;
  bool subjects_read = false;
};

/// Items whose executed change a read does not show yet, by index into the plan's lists.
struct Unseen {
  std::vector<std::size_t> topics;
  std::vector<std::size_t> acls;
  std::vector<std::size_t> subjects;

  bool empty() const { return topics.empty() && acls.empty() && subjects.empty(); }
};

/// Every change of `plan` that was done and so must become visible. Updated subjects are left
/// out: the registry answered the write with the version's id.
Unseen awaited_changes(const Plan& plan);

/// Those of `awaited` that `seen` does not show yet: a created or updated topic that is missing
/// or does not yet compare as unchanged with the spec, a deleted topic still listed, a created
/// ACL missing or a deleted one still listed, a created subject missing or a deleted one still
/// listed. Items of a kind that was not read stay unseen. (Reads only move forward, so what was
/// seen once need not be looked at again.)
Unseen unseen_changes(const Plan& plan, const Observation& seen, const Unseen& awaited);

/// Why an item is still unseen after `seconds`: "not visible after 12.0 s: the cluster still
/// shows partitions 1 -> 3", "…: the last DescribeAcls listed 812 bindings, not this one; raise
/// --timeout to wait longer". Only "not visible after …" when its kind was not read.
std::string unseen_reason(const TopicChange& change, const Observation& seen, double seconds);
std::string unseen_reason(const AclChange& change, const Observation& seen, double seconds);
std::string unseen_reason(const SubjectChange& change, const Observation& seen, double seconds);

} // namespace specmesh::plan
