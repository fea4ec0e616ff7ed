#include <specmesh/plan/change.hpp>

namespace specmesh::plan {

const char* to_string(Action action) {
  switch (action) {
  case Action::create:
    return "CREATE";
  case Action::update:
    return "UPDATE";
  case Action::remove:
    return "DELETE";
  case Action::unchanged:
    return "UNCHANGED";
  case Action::ignored:
    return "IGNORED";
  case Action::blocked:
    return "BLOCKED";
  case Action::failed:
    return "FAILED";
  }
  return "UNKNOWN";
}

void Outcome::fail(Error error) {
  status = Status::failed;
  errors.push_back(std::move(error));
}

void Outcome::succeed() {
  if (status == Status::pending) {
    status = Status::done;
  }
}

std::string Outcome::message() const {
  std::string out;
  for (const Error& error : errors) {
    out += (out.empty() ? "" : "; ") + error.message;
  }
  return out;
}

std::string state_word(Action action, const Outcome& outcome) {
  if (outcome.status == Outcome::Status::failed) {
    return "FAILED";
  }
  std::string word = to_string(action);
  if (outcome.status == Outcome::Status::pending
      || (action != Action::create && action != Action::update && action != Action::remove)) {
    return word;
  }
  return word.back() == 'E' ? word + "D" : word + "ED";
}

} // namespace specmesh::plan
