// The only yaml-cpp user. Reads an AsyncAPI 2.x document into spec::ApiSpec, collecting every
// problem as a Diagnostic instead of stopping at the first one. Unknown keys are ignored at
// every level, as in the original.
#include <specmesh/spec/load.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace specmesh::spec {

namespace {

constexpr std::array<std::pair<std::string_view, KafkaType>, 10> k_kafka_types{{
    {"uuid", KafkaType::uuid},
    {"boolean", KafkaType::boolean},
    {"long", KafkaType::long_},
    {"int", KafkaType::int_},
    {"short", KafkaType::short_},
    {"float", KafkaType::float_},
    {"double", KafkaType::double_},
    {"string", KafkaType::string},
    {"bytes", KafkaType::bytes},
    {"void", KafkaType::void_},
}};

constexpr std::string_view k_grant_prefix = "grant-access:";

constexpr std::string_view k_kafka_type_list =
    "uuid, boolean, long, int, short, float, double, string, bytes, void";

std::optional<KafkaType> parse_kafka_type(std::string_view text) {
  for (const auto& [name, type] : k_kafka_types) {
    if (name == text) {
      return type;
    }
  }
  return std::nullopt;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Null:
    return "nothing";
  default:
    return fmt::format("'{}'", node.Scalar());
  }
}

/// Walks one parsed document. Each read_* function reports what is wrong with its node and
/// returns what it could make of it, so one bad field never hides the next one.
class Reader {
public:
  Reader(std::string file, NamingOptions naming)
      : m_file(std::move(file)), m_naming(std::move(naming)) {}

  Result<ApiSpec> read(const YAML::Node& root) {
    ApiSpec spec;
    spec.file = m_file;
    if (!root.IsMap()) {
      report(root, fmt::format("a spec must be a YAML mapping, found {}", describe(root)));
      return finish(std::move(spec));
    }
    read_header(root, spec);
    if (const YAML::Node channels = root["channels"]; !channels) {
      report(root, "missing required field 'channels'");
    } else if (channels.IsMap()) {
      read_channels(channels, spec);
    } else if (!channels.IsNull()) {
      report(channels, fmt::format("'channels' must be a mapping, found {}", describe(channels)));
    }
    read_shared_schemas(root, spec);
    return finish(std::move(spec));
  }

  SourceLocation at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
      return {m_file, 0, 0};
    }
    return {m_file, mark.line + 1, mark.column + 1};
  }

private:
  std::string m_file;
  NamingOptions m_naming;
  std::vector<Diagnostic> m_diagnostics;

  void report(const YAML::Node& node, std::string message) {
    m_diagnostics.push_back({at(node), std::move(message)});
  }

  Result<ApiSpec> finish(ApiSpec spec) {
    if (m_diagnostics.empty()) {
      return spec;
    }
    std::stable_sort(
        m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
          return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
        });
    Error error{ErrorCode::invalid_spec,
                fmt::format("spec '{}' has {} problem{}",
                            m_file,
                            m_diagnostics.size(),
                            m_diagnostics.size() == 1 ? "" : "s"),
                std::move(m_diagnostics)};
    return tl::unexpected(std::move(error));
  }

  /// A scalar field; reports a non-scalar and returns nullopt for it and for an absent key.
  std::optional<std::string> scalar(const YAML::Node& parent, const char* key) {
    const YAML::Node node = parent[key];
    if (!node || node.IsNull()) {
      return std::nullopt;
    }
    if (!node.IsScalar()) {
      report(node, fmt::format("'{}' must be a string, found {}", key, describe(node)));
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<long long> integer(const YAML::Node& parent, const char* key) {
    const YAML::Node node = parent[key];
    if (!node || node.IsNull()) {
      return std::nullopt;
    }
    long long value = 0;
    const std::string& text = node.IsScalar() ? node.Scalar() : std::string();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (!node.IsScalar() || ec != std::errc() || end != text.data() + text.size()) {
      report(node, fmt::format("'{}' must be an integer, found {}", key, describe(node)));
      return std::nullopt;
    }
    return value;
  }

  void read_header(const YAML::Node& root, ApiSpec& spec) {
    spec.asyncapi = scalar(root, "asyncapi").value_or("");
    spec.version = scalar(root, "version").value_or("");
    if (!spec.asyncapi.empty() && !spec.asyncapi.starts_with("2.")) {
      report(root["asyncapi"],
             fmt::format("asyncapi version '{}' is not supported (expected 2.0 to 2.6)",
                         spec.asyncapi));
    }
    const YAML::Node id = root["id"];
    spec.where_id = at(id ? id : root);
    if (!id || id.IsNull()) {
      report(root, "missing required field 'id' (e.g. id: 'urn:acme.shop')");
      return;
    }
    const std::optional<std::string> text = scalar(root, "id");
    if (!text) {
      return;
    }
    spec.id = *text;
    if (!spec.id.starts_with("urn:")) {
      report(id, fmt::format("id '{}' must be a URN starting with 'urn:'", spec.id));
      return;
    }
    if (spec.id.find_first_not_of(" \t", 4) == std::string::npos) {
      report(id,
             fmt::format("id '{}' must name a domain after 'urn:', e.g. urn:acme.shop", spec.id));
      return;
    }
    spec.domain = domain_id(spec.id, m_naming);
    if (const std::string problem = topic_name_problem(spec.domain); !problem.empty()) {
      report(id, fmt::format("domain id '{}' {}", printable(spec.domain), problem));
    } else if (is_internal_topic(spec.domain)) {
      report(id,
             fmt::format("domain id '{}' would name Kafka-internal topics ('__', '_schemas' or "
                         "'_confluent' prefix)",
                         spec.domain));
    }
  }

  void read_channels(const YAML::Node& channels, ApiSpec& spec) {
    std::map<std::string, SourceLocation> seen;
    for (const auto& entry : channels) {
      Channel channel = read_channel(entry.first, entry.second);
      if (spec.domain.empty()) {
        spec.channels.push_back(std::move(channel));
        continue;
      }
      channel.name =
          canonical_channel_name(channel.key, spec.domain, channel.publish.has_value(), m_naming);
      const bool owned = in_scope(channel.name, spec.domain, m_naming.delimiter);
      if (const std::string problem = topic_name_problem(channel.name); owned && !problem.empty()) {
        report(entry.first,
               fmt::format("channel '{}' is topic '{}', which {}",
                           printable(channel.key),
                           printable(channel.name),
                           problem));
        continue;
      }
      if (owned && !channel.kafka) {
        report(entry.first,
               fmt::format("channel '{}' is topic '{}' owned by domain '{}' and needs "
                           "channel-level 'bindings.kafka' (partitions, replicas, configs)",
                           channel.key,
                           channel.name,
                           spec.domain));
      }
      const auto [previous, inserted] = seen.emplace(channel.name, channel.where);
      if (!inserted) {
        report(entry.first,
               fmt::format("channel '{}' is topic '{}', already declared at line {}",
                           channel.key,
                           channel.name,
                           previous->second.line));
        continue;
      }
      spec.channels.push_back(std::move(channel));
    }
  }

  Channel read_channel(const YAML::Node& key, const YAML::Node& body) {
    Channel channel;
    channel.key = key.Scalar();
    channel.where = at(key);
    if (body.IsNull()) {
      return channel;
    }
    if (!body.IsMap()) {
      report(body,
             fmt::format("channel '{}' must be a mapping, found {}", channel.key, describe(body)));
      return channel;
    }
    channel.description = scalar(body, "description").value_or("");
    if (const YAML::Node kafka = kafka_bindings(body)) {
      channel.kafka = read_kafka_binding(kafka);
    }
    if (const YAML::Node publish = body["publish"]) {
      channel.publish = read_operation(publish, "publish");
    }
    if (const YAML::Node subscribe = body["subscribe"]) {
      channel.subscribe = read_operation(subscribe, "subscribe");
    }
    return channel;
  }

  /// `bindings.kafka` of a channel or message; a null node when absent.
  YAML::Node kafka_bindings(const YAML::Node& owner) {
    const YAML::Node bindings = owner["bindings"];
    if (!bindings || bindings.IsNull()) {
      return YAML::Node(YAML::NodeType::Undefined);
    }
    if (!bindings.IsMap()) {
      report(bindings, fmt::format("'bindings' must be a mapping, found {}", describe(bindings)));
      return YAML::Node(YAML::NodeType::Undefined);
    }
    return bindings["kafka"];
  }

  KafkaBinding read_kafka_binding(const YAML::Node& node) {
    KafkaBinding binding;
    binding.where = at(node);
    if (node.IsNull()) {
      return binding;
    }
    if (!node.IsMap()) {
      report(node, fmt::format("'bindings.kafka' must be a mapping, found {}", describe(node)));
      return binding;
    }
    if (const auto partitions = integer(node, "partitions")) {
      if (*partitions < 1 || *partitions > std::numeric_limits<int>::max()) {
        report(node["partitions"],
               fmt::format("'partitions' must be at least 1, found {}", *partitions));
      } else {
        binding.partitions = static_cast<int>(*partitions);
      }
    }
    if (const auto replicas = integer(node, "replicas")) {
      if ((*replicas < 1 && *replicas != -1) || *replicas > std::numeric_limits<int16_t>::max()) {
        report(node["replicas"],
               fmt::format("'replicas' must be at least 1 (or -1 for the broker default), found {}",
                           *replicas));
      } else {
        binding.replicas = static_cast<int>(*replicas);
      }
    }
    read_configs(node["configs"], binding);
    read_envs(node["envs"], binding);
    binding.group_id = scalar(node, "groupId").value_or("");
    binding.schema_id_location = scalar(node, "schemaIdLocation").value_or("payload");
    binding.schema_lookup_strategy =
        scalar(node, "schemaLookupStrategy").value_or("TopicNameStrategy");
    binding.binding_version = scalar(node, "bindingVersion").value_or("latest");
    if (const YAML::Node key = node["key"]) {
      binding.key = read_record_part(key, "key");
    }
    return binding;
  }

  void read_configs(const YAML::Node& configs, KafkaBinding& binding) {
    if (!configs || configs.IsNull()) {
      return;
    }
    if (!configs.IsMap()) {
      report(configs, fmt::format("'configs' must be a mapping, found {}", describe(configs)));
      return;
    }
    for (const auto& entry : configs) {
      if (!entry.second.IsScalar()) {
        report(entry.second,
               fmt::format("config '{}' must be a single value, found {}",
                           entry.first.Scalar(),
                           describe(entry.second)));
        continue;
      }
      binding.configs[entry.first.Scalar()] = entry.second.Scalar();
    }
  }

  void read_envs(const YAML::Node& envs, KafkaBinding& binding) {
    if (!envs || envs.IsNull()) {
      return;
    }
    if (!envs.IsSequence()) {
      report(envs, fmt::format("'envs' must be a list of names, found {}", describe(envs)));
      return;
    }
    for (const auto& env : envs) {
      if (!env.IsScalar()) {
        report(env, fmt::format("each of 'envs' must be a name, found {}", describe(env)));
        continue;
      }
      binding.envs.push_back(env.Scalar());
    }
  }

  Operation read_operation(const YAML::Node& node, const char* what) {
    Operation operation;
    operation.where = at(node);
    if (node.IsNull()) {
      return operation;
    }
    if (!node.IsMap()) {
      report(node, fmt::format("'{}' must be a mapping, found {}", what, describe(node)));
      return operation;
    }
    operation.operation_id = scalar(node, "operationId").value_or("");
    operation.summary = scalar(node, "summary").value_or("");
    operation.tags = read_tags(node["tags"]);
    if (const YAML::Node message = node["message"]; message && !message.IsNull()) {
      operation.message = read_message(message);
    }
    return operation;
  }

  std::vector<Tag> read_tags(const YAML::Node& tags) {
    std::vector<Tag> out;
    if (!tags || tags.IsNull()) {
      return out;
    }
    if (!tags.IsSequence()) {
      report(tags, fmt::format("'tags' must be a list, found {}", describe(tags)));
      return out;
    }
    for (const auto& tag : tags) {
      if (!tag.IsMap() || !tag["name"] || !tag["name"].IsScalar()) {
        report(tag, fmt::format("a tag must be a mapping with a 'name', found {}", describe(tag)));
        continue;
      }
      const std::string& name = tag["name"].Scalar();
      if (name.starts_with(k_grant_prefix) && name.size() == k_grant_prefix.size()) {
        report(tag["name"],
               "tag 'grant-access:' must name a domain, e.g. grant-access:acme.finance");
        continue;
      }
      out.push_back({name, scalar(tag, "description").value_or(""), at(tag)});
    }
    return out;
  }

  Message read_message(const YAML::Node& node) {
    Message message;
    message.where = at(node);
    if (!node.IsMap()) {
      report(node, fmt::format("'message' must be a mapping, found {}", describe(node)));
      return message;
    }
    message.name = scalar(node, "name").value_or("");
    message.message_id = scalar(node, "messageId").value_or("");
    message.schema_format = scalar(node, "schemaFormat").value_or("");
    message.content_type = scalar(node, "contentType").value_or("");
    if (const YAML::Node payload = node["payload"]) {
      message.payload = read_record_part(payload, "payload");
    }
    if (const YAML::Node kafka = kafka_bindings(node)) {
      message.kafka = read_kafka_binding(kafka);
    }
    return message;
  }

  std::optional<RecordPart> read_record_part(const YAML::Node& node, const char* what) {
    RecordPart part;
    part.where = at(node);
    if (node.IsScalar()) {
      // Part A.4: `key: long` is shorthand for `key: {type: long}`.
      return kafka_type_part(node, std::move(part));
    }
    if (!node.IsMap()) {
      report(node,
             fmt::format("'{}' must be a mapping with either '$ref' or 'type', found {}",
                         what,
                         describe(node)));
      return std::nullopt;
    }
    const YAML::Node ref = node["$ref"];
    const YAML::Node type = node["type"];
    if (ref && type) {
      report(node, fmt::format("'{}' has both '$ref' and 'type'; use one of them", what));
      return std::nullopt;
    }
    if (!ref && !type) {
      report(node, fmt::format("'{}' needs either '$ref' or 'type'", what));
      return std::nullopt;
    }
    if (ref) {
      return schema_ref_part(ref, std::move(part));
    }
    if (type.IsScalar() && type.Scalar() == "object") {
      if (!node["properties"]) {
        report(type, fmt::format("'{}' of type 'object' needs inline 'properties'", what));
        return std::nullopt;
      }
      part.kind = RecordPart::Kind::inline_object;
      part.where_value = at(type);
      return part;
    }
    return kafka_type_part(type, std::move(part));
  }

  std::optional<RecordPart> kafka_type_part(const YAML::Node& type, RecordPart part) {
    part.where_value = at(type);
    const std::optional<KafkaType> kafka_type =
        type.IsScalar() ? parse_kafka_type(type.Scalar()) : std::nullopt;
    if (!kafka_type) {
      report(type,
             fmt::format("unknown kafka type {} (expected one of {}, or object)",
                         describe(type),
                         k_kafka_type_list));
      return std::nullopt;
    }
    part.kind = RecordPart::Kind::kafka_type;
    part.kafka_type = *kafka_type;
    return part;
  }

  std::optional<RecordPart> schema_ref_part(const YAML::Node& ref, RecordPart part) {
    part.where_value = at(ref);
    if (!ref.IsScalar() || ref.Scalar().empty()) {
      report(ref, fmt::format("'$ref' must be a schema file path, found {}", describe(ref)));
      return std::nullopt;
    }
    if (ref.Scalar().starts_with('#')) {
      report(ref,
             fmt::format("'$ref' '{}' points inside the document; specmesh needs a schema file "
                         "path (.avsc, .json, .yml, .yaml or .proto)",
                         ref.Scalar()));
      return std::nullopt;
    }
    part.kind = RecordPart::Kind::schema_ref;
    part.schema_ref = ref.Scalar();
    return part;
  }

  /// Part A.5: `components.schemas` entries marked `x-specmesh-shared: true`, and
  /// `x-specmesh-shared-schemas` lists of `$ref`s (top level or under `components`).
  void read_shared_schemas(const YAML::Node& root, ApiSpec& spec) {
    const YAML::Node components = root["components"];
    if (components && components.IsMap()) {
      if (const YAML::Node schemas = components["schemas"]; schemas && schemas.IsMap()) {
        for (const auto& entry : schemas) {
          const YAML::Node& body = entry.second;
          if (body.IsMap() && body["x-specmesh-shared"] && body["x-specmesh-shared"].IsScalar()
              && body["x-specmesh-shared"].Scalar() == "true") {
            add_shared_schema(body, spec);
          }
        }
      }
      read_shared_list(components["x-specmesh-shared-schemas"], spec);
    }
    read_shared_list(root["x-specmesh-shared-schemas"], spec);
  }

  void read_shared_list(const YAML::Node& list, ApiSpec& spec) {
    if (!list || list.IsNull()) {
      return;
    }
    if (!list.IsSequence()) {
      report(list,
             fmt::format("'x-specmesh-shared-schemas' must be a list of '$ref's, found {}",
                         describe(list)));
      return;
    }
    for (const auto& item : list) {
      add_shared_schema(item, spec);
    }
  }

  void add_shared_schema(const YAML::Node& node, ApiSpec& spec) {
    const YAML::Node ref = node.IsMap() ? node["$ref"] : YAML::Node(YAML::NodeType::Undefined);
    if (!ref || !ref.IsScalar() || ref.Scalar().empty()) {
      report(node, "a shared schema needs a '$ref' to a schema file");
      return;
    }
    spec.shared_schemas.push_back({ref.Scalar(), at(ref)});
  }
};

} // namespace

Result<ApiSpec>
load_string(std::string_view text, const std::string& file_name, const NamingOptions& naming) {
  Reader reader(file_name, naming);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    const SourceLocation where{file_name,
                               e.mark.is_null() ? 0 : e.mark.line + 1,
                               e.mark.is_null() ? 0 : e.mark.column + 1};
    return tl::unexpected(Error{ErrorCode::invalid_spec,
                                fmt::format("spec '{}' is not valid YAML", file_name),
                                {{where, fmt::format("invalid YAML: {}", e.msg)}}});
  }
  if (!root || root.IsNull()) {
    return tl::unexpected(Error{ErrorCode::invalid_spec,
                                fmt::format("spec '{}' is empty", file_name),
                                {{{file_name, 1, 1}, "the spec is empty"}}});
  }
  try {
    return reader.read(root);
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws for shapes the reader did not anticipate (e.g. a non-scalar map key).
    return tl::unexpected(Error{ErrorCode::invalid_spec,
                                fmt::format("spec '{}' could not be read", file_name),
                                {{reader.at(root), fmt::format("unexpected YAML: {}", e.msg)}}});
  }
}

Result<ApiSpec> load_file(const std::string& path, const NamingOptions& naming) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::not_found,
                fmt::format("spec file '{}' cannot be read: {}", path, std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_string(text.str(), path, naming);
}

} // namespace specmesh::spec
