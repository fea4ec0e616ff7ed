#include "kind_rendering.hpp"

namespace specmesh::apply {

TextSection text_section(const plan::Changes<plan::Subject>& /*changes*/) {
  return {"Schemas", {"SUBJECT", "TYPE", "FILE"}};
}

TextRow text_row(const plan::SubjectChange& change) {
  const plan::Subject& subject = change.resource;
  return {subject.subject,
          change.action == plan::Action::failed ? "-" : schema::to_string(subject.type),
          subject.path};
}

const char* json_key(const plan::Changes<plan::Subject>& /*changes*/) {
  return "schemas";
}

nlohmann::ordered_json to_json(const plan::SubjectChange& change) {
  const plan::Subject& subject = change.resource;
  nlohmann::ordered_json references = nlohmann::ordered_json::array();
  for (const plan::SchemaReference& reference : subject.references) {
    references.push_back(
        {{"name", reference.name}, {"subject", reference.subject}, {"version", reference.version}});
  }
  nlohmann::ordered_json out = {{"subject", subject.subject},
                                {"state", state_word(change.action, change.outcome)},
                                {"type", schema::to_string(subject.type)},
                                {"topicSchema", subject.topic_schema},
                                {"path", subject.path},
                                {"references", references}};
  out["messages"] = change.details;
  out["exception"] = json_exception(change.outcome);
  return out;
}

} // namespace specmesh::apply
