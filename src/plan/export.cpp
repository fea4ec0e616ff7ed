#include <specmesh/plan/export.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace specmesh::plan {

using spec::k_grant_prefix;

namespace {

constexpr std::string_view k_user_prefix = "User:";

const char* file_extension(schema::SchemaType type) {
  switch (type) {
  case schema::SchemaType::avro:
    return ".avsc";
  case schema::SchemaType::json:
    return ".json";
  case schema::SchemaType::protobuf:
    return ".proto";
  }
  return ".avsc";
}

/// Whether desired_state would turn grant tags on `topic` into ACLs (Part B §3.1 rows G, H):
/// protected and unmarked topics only.
bool takes_grants(const std::string& topic,
                  const std::string& domain,
                  const spec::NamingOptions& naming) {
  const auto under = [&](const std::string& marker) {
    return topic.starts_with(domain + naming.delimiter + marker + naming.delimiter);
  };
  return under(naming.protected_marker)
         || (!under(naming.public_marker) && !under(naming.private_marker));
}

/// The `grant-access:` tags that stand for the literal read grants on `topic`, sorted.
std::vector<spec::Tag> grant_tags(const std::string& topic,
                                  const std::vector<AclBinding>& acls,
                                  const spec::NamingOptions& naming) {
  std::set<std::string> grantees;
  for (const AclBinding& acl : acls) {
    const bool read_grant =
        acl.resource_type == ResourceType::topic && acl.pattern_type == PatternType::literal
        && acl.resource_name == topic && acl.permission == AclPermission::allow
        && (acl.operation == AclOperation::read || acl.operation == AclOperation::describe);
    if (!read_grant || !acl.principal.starts_with(k_user_prefix)) {
      continue;
    }
    const std::string user = acl.principal.substr(k_user_prefix.size());
    if (user == "*") {
      grantees.insert(naming.public_marker);
    } else if (user != naming.public_marker) {
      // A user literally named like the public marker cannot be written as a tag: the tag
      // would mean everyone.
      grantees.insert(user);
    }
  }
  std::vector<spec::Tag> tags;
  tags.reserve(grantees.size());
  for (const std::string& grantee : grantees) {
    tags.push_back({std::string(k_grant_prefix) + grantee, "", {}});
  }
  return tags;
}

/// Collects the schema files of one topic subject: the subject's own file and, for Avro,
/// `<full name>.avsc` for every type it references, transitively.
class SchemaFiles {
public:
  explicit SchemaFiles(const std::vector<Subject>& schemas) {
    for (const Subject& subject : schemas) {
      m_subjects.emplace(subject.subject, &subject);
    }
  }

  /// The `$ref` for `subject`, or nullopt when the registry has no such subject.
  std::optional<std::string> add_topic_subject(const std::string& subject) {
    const auto found = m_subjects.find(subject);
    if (found == m_subjects.end()) {
      return std::nullopt;
    }
    const std::string file_name = subject + file_extension(found->second->type);
    m_files[file_name] = found->second->schema;
    add_references(*found->second);
    return file_name;
  }

  std::vector<ExportedSchemaFile> files() const {
    std::vector<ExportedSchemaFile> out;
    for (const auto& [name, content] : m_files) {
      out.push_back({name, content});
    }
    return out;
  }

private:
  std::map<std::string, const Subject*> m_subjects;
  std::map<std::string, std::string> m_files; ///< file name -> content; sorted by name

  void add_references(const Subject& subject) {
    if (subject.type != schema::SchemaType::avro) {
      return; // only Avro references are resolved from files (Part B §5.2)
    }
    for (const SchemaReference& reference : subject.references) {
      const auto found = m_subjects.find(reference.subject);
      const std::string file_name = reference.name + ".avsc";
      if (found == m_subjects.end() || m_files.contains(file_name)) {
        continue; // missing from the registry, or already written (shared or circular)
      }
      m_files[file_name] = found->second->schema;
      add_references(*found->second);
    }
  }
};

std::optional<spec::RecordPart> schema_ref(const std::optional<std::string>& file_name) {
  if (!file_name) {
    return std::nullopt;
  }
  spec::RecordPart part;
  part.kind = spec::RecordPart::Kind::schema_ref;
  part.schema_ref = *file_name;
  return part;
}

} // namespace

std::string
relative_channel_key(const std::string& topic, const std::string& domain, char delimiter) {
  if (topic.size() <= domain.size() + 1) {
    return topic; // the domain id itself: only its full name reads back as itself
  }
  std::string key = topic.substr(domain.size() + 1);
  // A key that itself looks like the domain's (`acme.shop.acme.shop.x`) is not prefixed on
  // load, so write the full name instead.
  return spec::in_scope(key, domain, delimiter) ? topic : key;
}

ExportedSpec export_spec(const ExportSource& source, const spec::NamingOptions& naming) {
  ExportedSpec exported;
  spec::ApiSpec& spec = exported.spec;
  spec.asyncapi = "2.6.0";
  spec.id = "urn:" + source.domain_id;
  spec.domain = spec::domain_id(spec.id, naming);

  std::vector<const Topic*> topics;
  for (const Topic& topic : source.topics) {
    if (spec::in_scope(topic.name, spec.domain, naming.delimiter)
        && !spec::is_internal_topic(topic.name)) {
      topics.push_back(&topic);
    }
  }
  std::sort(topics.begin(), topics.end(), [](const Topic* a, const Topic* b) {
    return a->name < b->name;
  });

  SchemaFiles schema_files(source.schemas);
  for (const Topic* topic : topics) {
    spec::Channel channel;
    channel.key = relative_channel_key(topic->name, spec.domain, naming.delimiter);
    channel.name = topic->name;

    spec::KafkaBinding binding;
    binding.partitions = topic->partitions;
    if (topic->replication > 0) {
      binding.replicas = topic->replication;
    }
    binding.configs = topic->config;
    channel.kafka = binding;

    spec::Operation publish;
    publish.operation_id = "publish." + channel.key;
    if (takes_grants(topic->name, spec.domain, naming)) {
      publish.tags = grant_tags(topic->name, source.acls, naming);
    }
    const std::optional<spec::RecordPart> key =
        schema_ref(schema_files.add_topic_subject(topic->name + "-key"));
    const std::optional<spec::RecordPart> value =
        schema_ref(schema_files.add_topic_subject(topic->name + "-value"));
    if (key || value) {
      spec::Message message;
      message.payload = value;
      if (key) {
        message.kafka = spec::KafkaBinding{};
        message.kafka->key = key;
      }
      publish.message = message;
    }
    channel.publish = publish;
    spec.channels.push_back(std::move(channel));
  }
  exported.schema_files = schema_files.files();
  return exported;
}

} // namespace specmesh::plan
