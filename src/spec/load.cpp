// Reads an AsyncAPI 2.x document (YAML or JSON) into spec::ApiSpec, collecting every problem as
// a Diagnostic instead of stopping at the first one. Unknown keys are not read, as in the
// original; the spec checks (spec_warnings.hpp) report them as warnings.
#include "node_reader.hpp"
#include "spec_warnings.hpp"
#include "storage_reader.hpp"

#include <specmesh/spec/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
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

/// Whether `ref` starts with a URI scheme and ':' (RFC 3986: a letter, then letters, digits,
/// '+', '-' or '.'). A single letter is a drive (`C:/schemas/x.avsc`), not a scheme.
bool is_uri(std::string_view ref) {
  const std::size_t colon = ref.find(':');
  if (colon == std::string_view::npos || colon < 2
      || std::isalpha(static_cast<unsigned char>(ref[0])) == 0) {
    return false;
  }
  return std::all_of(ref.begin(), ref.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
  });
}

/// Walks one parsed document. Each read_* function reports what is wrong with its node and
/// returns what it could make of it, so one bad field never hides the next one.
class Reader : public NodeReader {
public:
  Reader(std::string file, NamingOptions naming)
      : NodeReader(std::move(file)), m_naming(std::move(naming)) {}

  LoadedDocument read(yaml::Node root) {
    ApiSpec spec;
    spec.file = file();
    if (!root || root.is_null()) {
      report({1, 1}, "the spec is empty");
      return finish(std::move(spec));
    }
    if (!root.is_mapping()) {
      report(root, fmt::format("a spec must be a YAML mapping, found {}", describe(root)));
      return finish(std::move(spec));
    }
    read_header(root, spec);
    if (const yaml::Node channels = root["channels"]; !channels) {
      report(root, "missing required field 'channels'");
    } else if (channels.is_mapping()) {
      read_channels(channels, spec);
    } else if (!channels.is_null()) {
      report(channels, fmt::format("'channels' must be a mapping, found {}", describe(channels)));
    }
    read_shared_schemas(root, spec);
    read_storage(*this, root, m_naming, spec);
    return finish(std::move(spec));
  }

private:
  NamingOptions m_naming;

  void read_header(yaml::Node root, ApiSpec& spec) {
    spec.asyncapi = scalar(root, "asyncapi").value_or("");
    spec.version = scalar(root, "version").value_or("");
    if (!spec.asyncapi.empty() && !spec.asyncapi.starts_with("2.")) {
      report(root["asyncapi"],
             fmt::format("asyncapi version '{}' is not supported (expected 2.0 to 2.6)",
                         spec.asyncapi));
    }
    const yaml::Node id = root["id"];
    spec.where_id = at(id ? id : root);
    if (!id || id.is_null()) {
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

  void read_channels(yaml::Node channels, ApiSpec& spec) {
    // A Channel is about 2 KiB: growing the vector would move them all and hold both copies.
    spec.channels.reserve(channels.entries().size());
    struct Declared {
      int line;
      std::string_view key;
    };
    std::map<std::string, Declared> declared;
    for (const auto& [key, body] : channels.entries()) {
      Channel channel = read_channel(key, body);
      if (spec.domain.empty()) {
        spec.channels.push_back(std::move(channel));
        continue;
      }
      channel.name =
          canonical_channel_name(channel.key, spec.domain, channel.publish.has_value(), m_naming);
      const bool owned = in_scope(channel.name, spec.domain, m_naming.delimiter);
      if (const std::string problem = topic_name_problem(channel.name); owned && !problem.empty()) {
        report(key,
               fmt::format("channel '{}' is topic '{}', which {}",
                           printable(channel.key),
                           printable(channel.name),
                           problem));
        continue;
      }
      if (owned && !channel.kafka) {
        report(key,
               fmt::format("channel '{}' is topic '{}' owned by domain '{}' and needs "
                           "channel-level 'bindings.kafka' (partitions, replicas, configs)",
                           channel.key,
                           channel.name,
                           spec.domain));
      }
      const auto [previous, inserted] =
          declared.emplace(channel.name, Declared{channel.where.line, key.scalar()});
      if (!inserted) {
        // The same key again is a duplicate key, which the YAML layer reports at both places.
        if (previous->second.key != key.scalar()) {
          report(key,
                 fmt::format("channel '{}' is topic '{}', already declared at line {}",
                             channel.key,
                             channel.name,
                             previous->second.line));
        }
        continue;
      }
      spec.channels.push_back(std::move(channel));
    }
  }

  Channel read_channel(yaml::Node key, yaml::Node body) {
    Channel channel;
    channel.key = key.scalar();
    channel.where = at(key);
    if (body.is_null()) {
      return channel;
    }
    if (!body.is_mapping()) {
      report(body,
             fmt::format("channel '{}' must be a mapping, found {}", channel.key, describe(body)));
      return channel;
    }
    channel.description = scalar(body, "description").value_or("");
    if (const yaml::Node kafka = kafka_bindings(body)) {
      channel.kafka = read_kafka_binding(kafka);
    }
    if (const yaml::Node publish = body["publish"]) {
      channel.publish = read_operation(publish, "publish");
    }
    if (const yaml::Node subscribe = body["subscribe"]) {
      channel.subscribe = read_operation(subscribe, "subscribe");
    }
    return channel;
  }

  /// `bindings.kafka` of a channel or message; an absent node when there is none.
  yaml::Node kafka_bindings(yaml::Node owner) {
    const yaml::Node bindings = owner["bindings"];
    if (!bindings || bindings.is_null()) {
      return {};
    }
    if (!bindings.is_mapping()) {
      report(bindings, fmt::format("'bindings' must be a mapping, found {}", describe(bindings)));
      return {};
    }
    return bindings["kafka"];
  }

  KafkaBinding read_kafka_binding(yaml::Node node) {
    KafkaBinding binding;
    binding.where = at(node);
    if (node.is_null()) {
      return binding;
    }
    if (!node.is_mapping()) {
      report(node, fmt::format("'bindings.kafka' must be a mapping, found {}", describe(node)));
      return binding;
    }
    // Kafka's CreateTopics carries the partition count as int32, the replication factor as int16.
    if (const auto partitions = integer(node, "partitions", std::numeric_limits<int>::max())) {
      if (*partitions < 1) {
        report(
            node["partitions"],
            fmt::format("'partitions' must be at least 1, found {}", node["partitions"].scalar()));
      } else {
        binding.partitions = static_cast<int>(*partitions);
      }
    }
    if (const auto replicas = integer(node, "replicas", std::numeric_limits<int16_t>::max())) {
      if (*replicas < 1 && *replicas != -1) {
        report(node["replicas"],
               fmt::format("'replicas' must be at least 1 (or -1 for the broker default), found {}",
                           node["replicas"].scalar()));
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
    if (const yaml::Node key = node["key"]) {
      binding.key = read_record_part(key, "key");
    }
    return binding;
  }

  void read_configs(yaml::Node configs, KafkaBinding& binding) {
    if (!configs || configs.is_null()) {
      return;
    }
    if (!configs.is_mapping()) {
      report(configs, fmt::format("'configs' must be a mapping, found {}", describe(configs)));
      return;
    }
    for (const auto& [key, value] : configs.entries()) {
      if (!value.is_scalar()) {
        report(value,
               fmt::format(
                   "config '{}' must be a single value, found {}", key.scalar(), describe(value)));
        continue;
      }
      binding.configs[std::string(key.scalar())] = value.scalar();
    }
  }

  void read_envs(yaml::Node envs, KafkaBinding& binding) {
    if (!envs || envs.is_null()) {
      return;
    }
    if (!envs.is_sequence()) {
      report(envs, fmt::format("'envs' must be a list of names, found {}", describe(envs)));
      return;
    }
    for (const yaml::Node env : envs.items()) {
      if (!env.is_scalar()) {
        report(env, fmt::format("each of 'envs' must be a name, found {}", describe(env)));
        continue;
      }
      binding.envs.emplace_back(env.scalar());
    }
  }

  Operation read_operation(yaml::Node node, const char* what) {
    Operation operation;
    operation.where = at(node);
    if (node.is_null()) {
      return operation;
    }
    if (!node.is_mapping()) {
      report(node, fmt::format("'{}' must be a mapping, found {}", what, describe(node)));
      return operation;
    }
    operation.operation_id = scalar(node, "operationId").value_or("");
    operation.summary = scalar(node, "summary").value_or("");
    operation.tags = read_tags(node["tags"]);
    if (const yaml::Node message = node["message"]; message && !message.is_null()) {
      operation.message = read_message(message);
    }
    return operation;
  }

  Message read_message(yaml::Node node) {
    Message message;
    message.where = at(node);
    if (!node.is_mapping()) {
      report(node, fmt::format("'message' must be a mapping, found {}", describe(node)));
      return message;
    }
    message.name = scalar(node, "name").value_or("");
    message.message_id = scalar(node, "messageId").value_or("");
    message.schema_format = scalar(node, "schemaFormat").value_or("");
    message.content_type = scalar(node, "contentType").value_or("");
    if (const yaml::Node payload = node["payload"]) {
      message.payload = read_record_part(payload, "payload");
    }
    if (const yaml::Node kafka = kafka_bindings(node)) {
      message.kafka = read_kafka_binding(kafka);
    }
    return message;
  }

  std::optional<RecordPart> read_record_part(yaml::Node node, const char* what) {
    RecordPart part;
    part.where = at(node);
    if (node.is_scalar()) {
      // Part A.4: `key: long` is shorthand for `key: {type: long}`.
      return kafka_type_part(node, std::move(part));
    }
    if (!node.is_mapping()) {
      report(node,
             fmt::format("'{}' must be a mapping with either '$ref' or 'type', found {}",
                         what,
                         describe(node)));
      return std::nullopt;
    }
    const yaml::Node ref = node["$ref"];
    const yaml::Node type = node["type"];
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
    if (type.is_scalar() && type.scalar() == "object") {
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

  std::optional<RecordPart> kafka_type_part(yaml::Node type, RecordPart part) {
    part.where_value = at(type);
    const std::optional<KafkaType> kafka_type =
        type.is_scalar() ? parse_kafka_type(type.scalar()) : std::nullopt;
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

  /// Whether the scalar `ref` is a URI, reported as not supported: validate and plan --offline
  /// use no network, and a URI read as a path names a file nobody meant.
  bool is_remote(yaml::Node ref) {
    if (!is_uri(ref.scalar())) {
      return false;
    }
    report(ref,
           fmt::format("remote reference '{}' is not supported: '$ref' must be a local schema "
                       "file path (specmesh fetches nothing over the network)",
                       ref.scalar()));
    return true;
  }

  std::optional<RecordPart> schema_ref_part(yaml::Node ref, RecordPart part) {
    part.where_value = at(ref);
    if (!ref.is_scalar() || ref.scalar().empty()) {
      report(ref, fmt::format("'$ref' must be a schema file path, found {}", describe(ref)));
      return std::nullopt;
    }
    if (is_remote(ref)) {
      return std::nullopt;
    }
    if (ref.scalar().starts_with('#')) {
      report(ref,
             fmt::format("'$ref' '{}' points inside the document; specmesh needs a schema file "
                         "path (.avsc, .json, .yml, .yaml or .proto)",
                         ref.scalar()));
      return std::nullopt;
    }
    part.kind = RecordPart::Kind::schema_ref;
    part.schema_ref = ref.scalar();
    return part;
  }

  /// Part A.5: `components.schemas` entries marked `x-specmesh-shared: true`, and
  /// `x-specmesh-shared-schemas` lists of `$ref`s (top level or under `components`).
  void read_shared_schemas(yaml::Node root, ApiSpec& spec) {
    const yaml::Node components = root["components"];
    if (components && components.is_mapping()) {
      if (const yaml::Node schemas = components["schemas"]; schemas && schemas.is_mapping()) {
        for (const auto& [name, body] : schemas.entries()) {
          if (body.is_mapping() && body["x-specmesh-shared"]
              && body["x-specmesh-shared"].is_scalar()
              && body["x-specmesh-shared"].scalar() == "true") {
            add_shared_schema(body, spec);
          }
        }
      }
      read_shared_list(components["x-specmesh-shared-schemas"], spec);
    }
    read_shared_list(root["x-specmesh-shared-schemas"], spec);
  }

  void read_shared_list(yaml::Node list, ApiSpec& spec) {
    if (!list || list.is_null()) {
      return;
    }
    if (!list.is_sequence()) {
      report(list,
             fmt::format("'x-specmesh-shared-schemas' must be a list of '$ref's, found {}",
                         describe(list)));
      return;
    }
    for (const yaml::Node item : list.items()) {
      add_shared_schema(item, spec);
    }
  }

  void add_shared_schema(yaml::Node node, ApiSpec& spec) {
    const yaml::Node ref = node["$ref"];
    if (!ref || !ref.is_scalar() || ref.scalar().empty()) {
      report(node, "a shared schema needs a '$ref' to a schema file");
      return;
    }
    if (is_remote(ref)) {
      return;
    }
    spec.shared_schemas.push_back({std::string(ref.scalar()), at(ref)});
  }
};

} // namespace

LoadedDocument load_string_keeping_partial(std::string_view text,
                                           const std::string& file_name,
                                           const NamingOptions& naming) {
  const tl::expected<yaml::Document, yaml::ParseError> document = yaml::parse(text);
  if (!document) {
    const yaml::ParseError& error = document.error();
    return {tl::unexpected(Error{ErrorCode::invalid_spec,
                                 fmt::format("spec '{}' is not valid YAML", file_name),
                                 {{{file_name, error.mark.line, error.mark.column},
                                   fmt::format("invalid YAML: {}", error.message)}}}),
            std::nullopt};
  }
  Reader reader(file_name, naming);
  reader.report_problems(document->problems());
  LoadedDocument loaded = reader.read(document->root());
  if (document->root() && !document->root().is_null()) {
    add_spec_warnings(document->root(), text.size(), file_name, loaded.spec);
  }
  return loaded;
}

LoadedDocument load_file_keeping_partial(const std::string& path, const NamingOptions& naming) {
  // A directory opens as a stream of nothing; pipes and devices (`<(...)`, /dev/stdin) are read.
  if (std::error_code error; std::filesystem::is_directory(path, error)) {
    return {fail(ErrorCode::invalid_input,
                 fmt::format("spec '{}' is a directory, not a spec file", path)),
            std::nullopt};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {fail(ErrorCode::not_found,
                 fmt::format("spec file '{}' cannot be read: {}", path, std::strerror(errno))),
            std::nullopt};
  }
  std::ostringstream text;
  text << in.rdbuf();
  // The buffer itself, not a copy.
  return load_string_keeping_partial(std::move(text).str(), path, naming);
}

Result<ApiSpec>
load_string(std::string_view text, const std::string& file_name, const NamingOptions& naming) {
  return load_string_keeping_partial(text, file_name, naming).spec;
}

Result<ApiSpec> load_file(const std::string& path, const NamingOptions& naming) {
  return load_file_keeping_partial(path, naming).spec;
}

} // namespace specmesh::spec
