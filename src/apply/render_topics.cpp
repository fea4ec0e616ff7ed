#include "kind_rendering.hpp"

#include <fmt/format.h>

namespace specmesh::apply {

namespace {

std::string config_text(const plan::ConfigMap& config) {
  std::string out;
  for (const auto& [key, value] : config) {
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, value);
  }
  return out.empty() ? "-" : out;
}

} // namespace

TextSection text_section(const plan::Changes<plan::Topic>& /*changes*/) {
  return {"Topics", {"TOPIC", "PARTITIONS", "REPLICATION", "CONFIG"}};
}

TextRow text_row(const plan::TopicChange& change) {
  const plan::Topic& topic = change.resource;
  return {topic.name,
          std::to_string(topic.partitions),
          topic.replication < 0 ? "default" : std::to_string(topic.replication),
          config_text(topic.config)};
}

const char* json_key(const plan::Changes<plan::Topic>& /*changes*/) {
  return "topics";
}

nlohmann::ordered_json to_json(const plan::TopicChange& change) {
  return {{"name", change.resource.name},
          {"state", state_word(change.action, change.outcome)},
          {"partitions", change.resource.partitions},
          {"replication", change.resource.replication},
          {"config", change.resource.config},
          {"messages", change.details},
          {"warnings", change.warnings},
          {"exception", json_exception(change.outcome)}};
}

} // namespace specmesh::apply
