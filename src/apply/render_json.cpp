#include <specmesh/apply/render.hpp>

#include <nlohmann/json.hpp>

namespace specmesh::apply {

namespace {

using nlohmann::ordered_json;
using plan::Action;

ordered_json exception(const plan::Outcome& outcome) {
  return outcome.error.empty() ? ordered_json(nullptr) : ordered_json(outcome.error);
}

ordered_json topic_json(const plan::TopicChange& change) {
  return {{"name", change.topic.name},
          {"state", state_word(change.action, change.outcome)},
          {"partitions", change.topic.partitions},
          {"replication", change.topic.replication},
          {"config", change.topic.config},
          {"messages", change.details},
          {"warnings", change.warnings},
          {"exception", exception(change.outcome)}};
}

ordered_json acl_json(const plan::AclChange& change) {
  const plan::AclBinding& acl = change.acl;
  return {{"name", acl.name()},
          {"state", state_word(change.action, change.outcome)},
          {"resourceType", to_string(acl.resource_type)},
          {"resourceName", acl.resource_name},
          {"patternType", to_string(acl.pattern_type)},
          {"principal", acl.principal},
          {"host", acl.host},
          {"operation", to_string(acl.operation)},
          {"permissionType", to_string(acl.permission)},
          {"exception", exception(change.outcome)}};
}

ordered_json subject_json(const plan::SubjectChange& change) {
  const plan::Subject& subject = change.subject;
  ordered_json references = ordered_json::array();
  for (const plan::SchemaReference& reference : subject.references) {
    references.push_back(
        {{"name", reference.name}, {"subject", reference.subject}, {"version", reference.version}});
  }
  ordered_json out = {{"subject", subject.subject},
                      {"state", state_word(change.action, change.outcome)},
                      {"type", schema::to_string(subject.type)},
                      {"topicSchema", subject.topic_schema},
                      {"path", subject.path},
                      {"references", references}};
  out["messages"] =
      change.detail.empty() ? ordered_json::array() : ordered_json::array({change.detail});
  out["exception"] = exception(change.outcome);
  return out;
}

template <typename Change>
void count(const std::vector<Change>& changes, std::map<std::string, int>& totals) {
  for (const Change& change : changes) {
    ++totals[state_word(change.action, change.outcome)];
  }
}

} // namespace

std::string render_json(const plan::Plan& plan) {
  ordered_json doc;
  doc["domain"] = plan.domain;
  doc["topics"] = ordered_json::array();
  for (const auto& change : plan.topics) {
    doc["topics"].push_back(topic_json(change));
  }
  doc["acls"] = ordered_json::array();
  for (const auto& change : plan.acls) {
    doc["acls"].push_back(acl_json(change));
  }
  doc["schemas"] = ordered_json::array();
  for (const auto& change : plan.subjects) {
    doc["schemas"].push_back(subject_json(change));
  }
  std::map<std::string, int> totals;
  for (const Action action : {Action::create,
                              Action::update,
                              Action::remove,
                              Action::unchanged,
                              Action::ignored,
                              Action::blocked,
                              Action::failed}) {
    totals[to_string(action)] = 0;
  }
  count(plan.topics, totals);
  count(plan.acls, totals);
  count(plan.subjects, totals);
  doc["summary"] = totals;
  // Names are validated ASCII, but principals and config values may hold any bytes.
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render(const plan::Plan& plan, OutputFormat format) {
  return format == OutputFormat::json ? render_json(plan) : render_text(plan);
}

} // namespace specmesh::apply
