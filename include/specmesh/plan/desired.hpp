// From a spec (and the schema files it names) to the resources it stands for: topics, ACL
// bindings and registry subjects (Part B §3, §4, §5). Pure: no I/O.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/resources.hpp>
#include <specmesh/plan/storage.hpp>
#include <specmesh/schema/load_schemas.hpp>
#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/naming.hpp>

#include <optional>
#include <string>
#include <vector>

namespace specmesh::plan {

struct DesiredOptions {
  spec::NamingOptions naming;
  std::string domain_user;             ///< principal alias for the owner's ACLs; empty: domain id
  double partition_count_factor = 1.0; ///< Part B §4.2
  std::optional<std::string> env;      ///< Part A.5: keep channels whose `envs` is empty or has it
  /// The owner's prefixed ACLs (rows A, C, D) on the bare domain id `D`, as the original grants
  /// them, instead of on `D.`: the bare prefix also matches another domain's `Dx.*` names.
  bool original_acls = false;
  StorageNaming storage; ///< the domain's bucket and the principals of its storage access
};

/// A schema that could not be read; reported on its subject, it does not stop the others.
struct SchemaFailure {
  std::string subject; ///< the subject it would have had (best effort)
  std::string path;
  /// In the schema file (`Order.avsc:9:5: …`) when the problem has a place there, else at the
  /// `$ref` in the spec (a file that cannot be read, a strategy the schema does not fit).
  Diagnostic diagnostic;
  SourceLocation referenced_at; ///< the `$ref` in the spec
};

/// What the domain owns, and the exact test for it (Part A.2).
struct Scope {
  std::string domain;
  char delimiter = '.';

  bool owns(std::string_view name) const;
};

struct DesiredState {
  Scope scope;
  std::vector<Topic> topics;    ///< sorted by name
  std::vector<AclBinding> acls; ///< sorted by name()
  /// The owner's ACLs of rows A, C, D in the other prefix form (`D` when `acls` has `D.`, and
  /// back): a cluster provisioned the other way has them, and they are replaced, never kept.
  std::vector<AclBinding> superseded_acls;
  std::vector<Subject> subjects; ///< leaf-first: every reference before its user; else by name
  std::vector<SchemaFailure> schema_failures;
  /// The domain's bucket (empty when its name is not one S3 allows and the spec declares no
  /// storage), and what the spec wants of it: sorted by name, then kind.
  std::string bucket;
  std::vector<StorageItem> storage;
  std::vector<std::string> storage_prefixes; ///< the prefixes the spec declares
};

/// The channels this run provisions: owned by the domain and selected by the env filter.
std::vector<const spec::Channel*> provisioned_channels(const spec::ApiSpec& spec,
                                                       const DesiredOptions& options);

/// The schema files the provisioned channels (and shared schemas) need, for schema::load_schemas.
std::vector<schema::SchemaRequest> schema_requests(const spec::ApiSpec& spec,
                                                   const DesiredOptions& options);

/// Part B §4.2; fails with "0.0 < partitionCountFactor <= 1.0, but was: <factor>".
Result<int> scaled_partitions(std::optional<int> partitions, double factor);

/// The ACL set of Part B §3.1 (rows A–H) for the provisioned channels, sorted by name(); rows
/// A, C, D on the prefix `D.` unless `options.original_acls`.
std::vector<AclBinding> required_acls(const spec::ApiSpec& spec, const DesiredOptions& options);

/// Rows A, C, D of the owner's ACLs in the form `options` does not ask for, sorted by name().
std::vector<AclBinding> superseded_owner_acls(const spec::ApiSpec& spec,
                                              const DesiredOptions& options);

/// Fails when `options.env` is set and no channel of the domain names it in bindings.kafka.envs
/// (a misspelt env would silently leave out every env-tagged topic): the message lists the
/// envs the spec names, with did-you-mean, or says that the spec names none.
Result<void> check_env(const spec::ApiSpec& spec, const DesiredOptions& options);

/// Everything the spec stands for. Fails for an invalid partition count factor and for an env
/// that check_env refuses; schema problems are listed in `schema_failures`.
Result<DesiredState> desired_state(const spec::ApiSpec& spec,
                                   const std::vector<schema::LoadedSchema>& schemas,
                                   const DesiredOptions& options);

} // namespace specmesh::plan
