// YAML out: the counterpart of load.cpp (the spec layer is the only YAML user: libyaml reads,
// yaml-cpp writes). Everything written here must load again with load_string into the same model.
#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <yaml-cpp/yaml.h>

#include <array>
#include <map>
#include <utility>

namespace specmesh::spec {

namespace {

constexpr std::array<std::pair<KafkaType, const char*>, 10> k_kafka_type_names{{
    {KafkaType::uuid, "uuid"},
    {KafkaType::boolean, "boolean"},
    {KafkaType::long_, "long"},
    {KafkaType::int_, "int"},
    {KafkaType::short_, "short"},
    {KafkaType::float_, "float"},
    {KafkaType::double_, "double"},
    {KafkaType::string, "string"},
    {KafkaType::bytes, "bytes"},
    {KafkaType::void_, "void"},
}};

const char* kafka_type_name(KafkaType type) {
  for (const auto& [value, name] : k_kafka_type_names) {
    if (value == type) {
      return name;
    }
  }
  return "string";
}

/// `key: value`, left out when the value is empty (the loader's default).
void optional_field(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) {
    out << YAML::Key << key << YAML::Value << value;
  }
}

/// `key: value`, left out when the value is the loader's default for the key.
void non_default_field(YAML::Emitter& out,
                       const char* key,
                       const std::string& value,
                       const char* default_value) {
  if (value != default_value) {
    out << YAML::Key << key << YAML::Value << value;
  }
}

void write_record_part(YAML::Emitter& out, const RecordPart& part) {
  out << YAML::BeginMap;
  switch (part.kind) {
  case RecordPart::Kind::schema_ref:
    out << YAML::Key << "$ref" << YAML::Value << part.schema_ref;
    break;
  case RecordPart::Kind::kafka_type:
    out << YAML::Key << "type" << YAML::Value << kafka_type_name(part.kafka_type);
    break;
  case RecordPart::Kind::inline_object:
    out << YAML::Key << "type" << YAML::Value << "object";
    out << YAML::Key << "properties" << YAML::Value << YAML::BeginMap << YAML::EndMap;
    break;
  }
  out << YAML::EndMap;
}

void write_kafka_binding(YAML::Emitter& out, const KafkaBinding& binding) {
  out << YAML::Key << "bindings" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "kafka" << YAML::Value << YAML::BeginMap;
  if (binding.partitions) {
    out << YAML::Key << "partitions" << YAML::Value << *binding.partitions;
  }
  if (binding.replicas) {
    out << YAML::Key << "replicas" << YAML::Value << *binding.replicas;
  }
  if (!binding.configs.empty()) {
    out << YAML::Key << "configs" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : binding.configs) {
      // Quoted, so a value such as `true` or `1e3` reads back as the same text.
      out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
    }
    out << YAML::EndMap;
  }
  if (!binding.envs.empty()) {
    out << YAML::Key << "envs" << YAML::Value << YAML::Flow << binding.envs;
  }
  optional_field(out, "groupId", binding.group_id);
  non_default_field(out, "schemaIdLocation", binding.schema_id_location, "payload");
  non_default_field(
      out, "schemaLookupStrategy", binding.schema_lookup_strategy, "TopicNameStrategy");
  non_default_field(out, "bindingVersion", binding.binding_version, "latest");
  if (binding.key) {
    out << YAML::Key << "key" << YAML::Value;
    write_record_part(out, *binding.key);
  }
  out << YAML::EndMap << YAML::EndMap;
}

void write_message(YAML::Emitter& out, const Message& message) {
  out << YAML::Key << "message" << YAML::Value << YAML::BeginMap;
  optional_field(out, "name", message.name);
  optional_field(out, "messageId", message.message_id);
  optional_field(out, "schemaFormat", message.schema_format);
  optional_field(out, "contentType", message.content_type);
  if (message.payload) {
    out << YAML::Key << "payload" << YAML::Value;
    write_record_part(out, *message.payload);
  }
  if (message.kafka) {
    write_kafka_binding(out, *message.kafka);
  }
  out << YAML::EndMap;
}

void write_operation(YAML::Emitter& out, const char* what, const Operation& operation) {
  out << YAML::Key << what << YAML::Value << YAML::BeginMap;
  optional_field(out, "operationId", operation.operation_id);
  optional_field(out, "summary", operation.summary);
  if (!operation.tags.empty()) {
    out << YAML::Key << "tags" << YAML::Value << YAML::BeginSeq;
    for (const Tag& tag : operation.tags) {
      out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << tag.name;
      optional_field(out, "description", tag.description);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (operation.message) {
    write_message(out, *operation.message);
  }
  out << YAML::EndMap;
}

void write_channel(YAML::Emitter& out, const Channel& channel) {
  out << YAML::Key << channel.key << YAML::Value << YAML::BeginMap;
  optional_field(out, "description", channel.description);
  if (channel.kafka) {
    write_kafka_binding(out, *channel.kafka);
  }
  if (channel.publish) {
    write_operation(out, "publish", *channel.publish);
  }
  if (channel.subscribe) {
    write_operation(out, "subscribe", *channel.subscribe);
  }
  out << YAML::EndMap;
}

} // namespace

std::string to_yaml(const ApiSpec& spec) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  optional_field(out, "asyncapi", spec.asyncapi);
  out << YAML::Key << "id" << YAML::Value << spec.id;
  optional_field(out, "version", spec.version);
  out << YAML::Key << "channels" << YAML::Value << YAML::BeginMap;
  for (const Channel& channel : spec.channels) {
    write_channel(out, channel);
  }
  out << YAML::EndMap;
  if (!spec.shared_schemas.empty()) {
    out << YAML::Key << "x-specmesh-shared-schemas" << YAML::Value << YAML::BeginSeq;
    for (const SharedSchema& shared : spec.shared_schemas) {
      out << YAML::BeginMap << YAML::Key << "$ref" << YAML::Value << shared.schema_ref
          << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string flattened_key(const Channel& channel, std::string_view domain, char delimiter) {
  if (!channel.publish) {
    return channel.key; // not prefixed on load, so the key already is the topic name
  }
  if (in_scope(channel.name, domain, delimiter)) {
    return channel.name;
  }
  // Only an absolute key makes a publish channel land outside the domain; keep it absolute.
  return "/" + channel.name;
}

Result<std::string>
flatten_yaml(std::string_view text, const std::string& file_name, const NamingOptions& naming) {
  Result<ApiSpec> spec = load_string(text, file_name, naming);
  if (!spec) {
    return tl::unexpected(std::move(spec.error()));
  }
  std::map<std::string, std::string> new_keys;
  for (const Channel& channel : spec->channels) {
    new_keys.emplace(channel.key, flattened_key(channel, spec->domain, naming.delimiter));
  }
  // load_string accepted the text, so `channels` is a mapping (or empty). It parsed it with
  // libyaml; yaml-cpp, which writes it back, reads the same YAML.
  YAML::Node root = YAML::Load(std::string(text));
  if (const YAML::Node channels = root["channels"]; channels && channels.IsMap()) {
    YAML::Node renamed(YAML::NodeType::Map);
    for (const auto& entry : channels) {
      const auto found = new_keys.find(entry.first.Scalar());
      renamed[found == new_keys.end() ? entry.first.Scalar() : found->second] = entry.second;
    }
    root["channels"] = renamed;
  }
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

} // namespace specmesh::spec
