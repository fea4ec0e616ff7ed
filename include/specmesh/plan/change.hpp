// One planned change of one resource, the same shape for every kind (topics, ACLs, subjects,
// and the kinds to come): what to do, the resource as wanted and as found, why, and — once
// executed — what became of it.
#pragma once

#include <specmesh/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace specmesh::plan {

enum class Action {
  create,
  update,
  remove,
  unchanged,
  ignored, ///< not the domain's to change (e.g. a schema owned by another domain)
  blocked, ///< a change that must not be made (partition decrease, incompatible schema)
  failed   ///< cannot even be planned (e.g. an unreadable schema file)
};

/// The planned state word of Part A.1: CREATE, UPDATE, DELETE, UNCHANGED, IGNORED, BLOCKED, FAILED.
const char* to_string(Action action);

/// What became of a planned change once executed. A plan that was never executed is all
/// `pending`; the state word then says what is planned, afterwards what happened.
struct Outcome {
  enum class Status { pending, done, failed };

  Status status = Status::pending;
  /// Why it failed: every error of the item's steps (e.g. its partitions and its configs).
  std::vector<Error> errors;

  /// Records a failure of one of the item's steps.
  void fail(Error error);
  /// Records a step that succeeded: done, unless an earlier step failed.
  void succeed();
  /// The errors' messages joined by "; ", empty when there are none.
  std::string message() const;

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

/// CREATE/UPDATE/DELETE… while pending; CREATED/UPDATED/DELETED once done; FAILED on failure.
std::string state_word(Action action, const Outcome& outcome);

template <typename Resource> struct Change {
  Action action = Action::create;
  Resource resource;                ///< as the spec wants it; for a removal, as found
  std::optional<Resource> live;     ///< as found, when it exists and the comparison needs it
  std::vector<std::string> details; ///< one line per difference or reason, e.g. "partitions 3 -> 6"
  std::vector<std::string> warnings; ///< drift specmesh reports but does not change

  Outcome outcome;

  /// Failed in planning (Action::failed) or in execution.
  bool failed() const {
    return action == Action::failed || outcome.status == Outcome::Status::failed;
  }

  friend bool operator==(const Change&, const Change&) = default;
};

template <typename Resource> using Changes = std::vector<Change<Resource>>;

} // namespace specmesh::plan
