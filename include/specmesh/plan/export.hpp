// `specmesh export` without I/O: from what was read off the cluster and the registry to a spec
// (and the schema files it names) that provisions back to a no-op plan (Part A.5). The
// inverse of plan::desired_state for everything a spec can express.
#pragma once

#include <specmesh/plan/resources.hpp>
#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/naming.hpp>

#include <string>
#include <vector>

namespace specmesh::plan {

/// What export read. Anything outside the domain's exact scope, and Kafka's internal topics,
/// are ignored, whatever the caller passes.
struct ExportSource {
  std::string domain_id; ///< as the user gave it, `:` allowed (`acme:shop` is `acme.shop`)
  /// Live partitions and replication factor; `config` holds only the keys set on the topic
  /// itself (its non-default configs), not the broker's defaults.
  std::vector<Topic> topics;
  std::vector<AclBinding> acls; ///< any ACLs; the literal read grants on the topics are used
  /// The latest version of the topics' `<topic>-key` / `<topic>-value` subjects and of every
  /// subject they reference, transitively. Empty: export no schemas.
  std::vector<Subject> schemas;
};

/// A schema file the exported spec refers to.
struct ExportedSchemaFile {
  std::string
      file_name; ///< relative to the schema directory, e.g. `acme.shop._public.x-value.avsc`
  std::string content;

  friend bool operator==(const ExportedSchemaFile&, const ExportedSchemaFile&) = default;
};

struct ExportedSpec {
  spec::ApiSpec spec;
  /// Sorted by file name. The spec's `$ref`s are these names, so the spec loads with the
  /// directory they are written to as its schema path; Avro references are written as
  /// `<full name>.avsc` beside them, where the schema loader looks for them (Part B §5.2).
  std::vector<ExportedSchemaFile> schema_files;
};

/// The channel key of `topic` relative to `domain` (`acme.shop._public.orders` ->
/// `_public.orders`), or the full name when the relative key would be read back differently.
std::string
relative_channel_key(const std::string& topic, const std::string& domain, char delimiter);

/// The spec of the domain's topics: one publish channel per topic in the exact scope (sorted by
/// name) with its partitions, replication factor and non-default configs; `grant-access:` tags
/// for the principals of the literal READ/DESCRIBE ALLOW ACLs on protected and unmarked topics
/// (`User:*` is `grant-access:_public`; public and private topics take no grant tags, Part B
/// §3.1 rows G/H); and the topics' TopicNameStrategy key/value schemas as `$ref`s to the files
/// returned with it (`.avsc`, `.json` or `.proto` by schema type).
ExportedSpec export_spec(const ExportSource& source, const spec::NamingOptions& naming = {});

} // namespace specmesh::plan
