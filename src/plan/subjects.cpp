#include <specmesh/plan/subjects.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace specmesh::plan {

bool needs_owner_registration(const Subject& subject) {
  return subject.topic_schema && !subject.owned && subject.avro_kind == "record";
}

bool same_schema_text(const Subject& desired, const std::string& registered) {
  const auto parse = [](const std::string& text) {
    return nlohmann::json::parse(text, nullptr, false, true);
  };
  const nlohmann::json left = parse(desired.schema);
  return !left.is_discarded() && left == parse(registered);
}

std::string incompatibility(const std::string& subject, const Compatibility& verdict) {
  return fmt::format(
      "subject '{}': schema is incompatible with the registered versions{}",
      subject,
      verdict.messages.empty() ? "" : fmt::format(": {}", fmt::join(verdict.messages, "; ")));
}

Result<void> allows_update(const std::string& subject, const Result<Compatibility>& verdict) {
  if (!verdict) {
    return tl::unexpected(verdict.error());
  }
  if (!verdict->compatible) {
    return fail(ErrorCode::conflict, incompatibility(subject, *verdict));
  }
  return {};
}

void judge_compatibility(SubjectChange& change, const Result<Compatibility>& verdict) {
  if (change.action != Action::update) {
    return;
  }
  if (!verdict) {
    change.details.push_back("compatibility not checked: " + verdict.error().message);
  } else if (!verdict->compatible) {
    change.action = Action::blocked;
    change.details.push_back(incompatibility(change.resource.subject, *verdict));
  }
}

} // namespace specmesh::plan
