// The in-memory model of a SpecMesh AsyncAPI document (behaviour contract Part B §1).
// Produced by spec::load_file / spec::load_string; read by schema:: and plan::.
// Every element keeps the SourceLocation it came from so later layers can report
// problems at the right line.
#pragma once

#include <specmesh/error.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace specmesh::spec {

/// The standard Kafka serialisers a record part may name instead of a schema file.
enum class KafkaType { uuid, boolean, long_, int_, short_, float_, double_, string, bytes, void_ };

/// The key or payload of a message: a schema file, a Kafka type or an inline object.
struct RecordPart {
  enum class Kind { schema_ref, kafka_type, inline_object };

  Kind kind = Kind::kafka_type;
  std::string schema_ref; ///< the `$ref` text, as written; set for schema_ref
  KafkaType kafka_type = KafkaType::string;
  SourceLocation where;       ///< the record part itself
  SourceLocation where_value; ///< the `$ref` / `type` value
};

/// `bindings.kafka` at channel or message level (Part B §1.3).
struct KafkaBinding {
  std::optional<int> partitions;
  std::optional<int> replicas;
  std::map<std::string, std::string> configs;
  std::vector<std::string> envs;
  std::string group_id;
  std::string schema_id_location = "payload";
  std::string schema_lookup_strategy = "TopicNameStrategy";
  std::string binding_version = "latest";
  std::optional<RecordPart> key;
  SourceLocation where;
};

struct Tag {
  std::string name;
  std::string description;
  SourceLocation where;
};

struct Message {
  std::string name;
  std::string message_id;
  std::string schema_format;
  std::string content_type;
  std::optional<RecordPart> payload;
  std::optional<KafkaBinding> kafka;
  SourceLocation where;
};

/// `publish` or `subscribe` of a channel.
struct Operation {
  std::string operation_id;
  std::string summary;
  std::vector<Tag> tags;
  std::optional<Message> message;
  SourceLocation where;
};

struct Channel {
  std::string key;  ///< as written in the spec
  std::string name; ///< canonical topic name (Part B §2.2)
  std::string description;
  std::optional<KafkaBinding> kafka; ///< channel-level bindings: the topic configuration
  std::optional<Operation> publish;
  std::optional<Operation> subscribe;
  SourceLocation where;
};

/// A schema registered under its own fully-qualified name without a channel (Part A.5).
struct SharedSchema {
  std::string schema_ref;
  SourceLocation where;
};

/// One prefix of the domain's storage, a key of `x-specmesh-storage` (docs/storage.md): a path
/// inside the domain's bucket that starts with a visibility marker, like a channel key.
struct StoragePrefix {
  std::string path; ///< as written and checked: `_public/exports`, no leading or trailing '/'
  std::string description;
  std::vector<Tag> tags; ///< `grant-access:<domain>` on a protected prefix
  /// `bindings.s3.expiration-days`: a lifecycle rule expiring the prefix's objects.
  std::optional<int> expiration_days;
  SourceLocation where;
};

struct ApiSpec {
  std::string file;   ///< path the spec was read from (as given), or "<string>"
  std::string id;     ///< the `id` as written, e.g. "urn:acme.shop"
  std::string domain; ///< domain id: `id` minus "urn:", every ':' replaced by the delimiter
  std::string asyncapi;
  std::string version;
  std::vector<Channel> channels; ///< document order; duplicates after canonicalisation dropped
  std::vector<SharedSchema> shared_schemas;
  std::vector<StoragePrefix> storage; ///< document order
  SourceLocation where_id;
  SourceLocation where_storage; ///< the `x-specmesh-storage` key, when there is one
  /// Problems that do not stop the spec from loading (an unknown key, say); `--strict` makes
  /// them errors. Sorted by position, printed as "file:line:col: warning: message".
  std::vector<Diagnostic> warnings;
};

} // namespace specmesh::spec
