#include <specmesh/apply/export.hpp>

#include <set>

namespace specmesh::apply {

namespace {

/// The latest key/value schemas of `topics`, then what they reference, one batched read per
/// level of references.
Result<std::vector<plan::Subject>> read_schemas(ports::SchemaRegistry& registry,
                                                const std::string& domain,
                                                const std::vector<plan::Topic>& topics) {
  Result<std::vector<std::string>> listed = registry.list_subjects(domain);
  if (!listed) {
    return tl::unexpected(listed.error());
  }
  const std::set<std::string> existing(listed->begin(), listed->end());
  std::vector<std::string> wanted;
  for (const plan::Topic& topic : topics) {
    for (const char* suffix : {"-key", "-value"}) {
      if (existing.contains(topic.name + suffix)) {
        wanted.push_back(topic.name + suffix);
      }
    }
  }
  std::vector<plan::Subject> subjects;
  std::set<std::string> asked(wanted.begin(), wanted.end());
  while (!wanted.empty()) {
    Result<std::vector<ports::RegisteredSchema>> latest = registry.latest_versions(wanted);
    if (!latest) {
      return tl::unexpected(latest.error());
    }
    wanted.clear();
    for (const ports::RegisteredSchema& registered : *latest) {
      for (const plan::SchemaReference& reference : registered.references) {
        if (asked.insert(reference.subject).second) {
          wanted.push_back(reference.subject);
        }
      }
      subjects.push_back(ports::to_subject(registered));
    }
  }
  return subjects;
}

} // namespace

Result<plan::ExportSource> observe_export(ports::KafkaAdmin& kafka,
                                          ports::SchemaRegistry* registry,
                                          const std::string& domain,
                                          const std::string& domain_id) {
  plan::ExportSource source{.domain_id = domain_id};
  Result<std::vector<ports::TopicDescription>> described = kafka.describe_topics(domain);
  if (!described) {
    return tl::unexpected(described.error());
  }
  for (const ports::TopicDescription& description : *described) {
    plan::Topic topic = description.topic;
    topic.config = description.overrides; // only non-default configs go into the spec
    source.topics.push_back(std::move(topic));
  }
  Result<std::vector<plan::AclBinding>> acls = kafka.describe_acls();
  if (!acls) {
    return tl::unexpected(acls.error());
  }
  source.acls = std::move(*acls);
  if (registry != nullptr) {
    Result<std::vector<plan::Subject>> schemas = read_schemas(*registry, domain, source.topics);
    if (!schemas) {
      return tl::unexpected(schemas.error());
    }
    source.schemas = std::move(*schemas);
  }
  return source;
}

} // namespace specmesh::apply
