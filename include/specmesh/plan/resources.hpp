// Value types for the Kafka and registry resources specmesh manages. Shared by the desired
// state, the observed (actual) state, the plan and the ports.
#pragma once

#include <specmesh/schema/schema_file.hpp>

#include <compare>
#include <map>
#include <string>
#include <vector>

namespace specmesh::plan {

using ConfigMap = std::map<std::string, std::string>;

struct Topic {
  std::string name;
  int partitions = 1;
  int replication = -1; ///< -1: the broker's default.replication.factor
  ConfigMap config;

  friend bool operator==(const Topic&, const Topic&) = default;
};

enum class ResourceType { topic, group, transactional_id, cluster };
enum class PatternType { literal, prefixed };
enum class AclOperation {
  all,
  read,
  write,
  create,
  remove, ///< Kafka's DELETE
  alter,
  describe,
  cluster_action,
  describe_configs,
  alter_configs,
  idempotent_write
};
enum class AclPermission { allow, deny };

/// Kafka's upper-case names: "TOPIC", "PREFIXED", "IDEMPOTENT_WRITE", "ALLOW".
const char* to_string(ResourceType value);
const char* to_string(PatternType value);
const char* to_string(AclOperation value);
const char* to_string(AclPermission value);

struct AclBinding {
  ResourceType resource_type = ResourceType::topic;
  std::string resource_name;
  PatternType pattern_type = PatternType::literal;
  std::string principal;
  std::string host = "*";
  AclOperation operation = AclOperation::read;
  AclPermission permission = AclPermission::allow;

  /// Kafka's AclBinding string form, the ACL's identity and name (Part B §3.2).
  std::string name() const;

  friend auto operator<=>(const AclBinding&, const AclBinding&) =
      default; // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads defaulted <=>
};

struct SchemaReference {
  std::string name;
  std::string subject;
  int version = -1; ///< -1: latest

  friend bool operator==(const SchemaReference&, const SchemaReference&) = default;
};

/// One registry subject and the schema that belongs under it.
struct Subject {
  std::string subject;
  schema::SchemaType type = schema::SchemaType::avro;
  std::string schema; ///< schema text
  std::vector<SchemaReference> references;
  std::string path;          ///< file the schema came from
  bool topic_schema = false; ///< a topic's key/value (root) schema, not a referenced type
  bool owned = true;         ///< owned by the domain (Part B §5.4)
  std::string full_name;     ///< Avro full name, if named
  std::string avro_kind;     ///< see schema::SchemaFile::avro_kind
  /// The compatibility level to give the subject once its schema is registered; empty: leave
  /// the subject's level as it is. diff() sets it on subjects it creates.
  std::string compatibility;

  friend bool operator==(const Subject&, const Subject&) = default;
};

} // namespace specmesh::plan
