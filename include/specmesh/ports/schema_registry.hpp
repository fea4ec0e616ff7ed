// What the planner and executor need from a Confluent-compatible schema registry.
// Implemented by registry::make_schema_registry (libcurl) and the in-memory fake.
// Never throws: failures come back as Errors with a coarse ErrorCode.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/plan.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace specmesh::ports {

/// One version of a subject, as the registry holds it.
struct RegisteredSchema {
  std::string subject;
  int version = 0;
  int id = 0;
  schema::SchemaType type = schema::SchemaType::avro;
  std::string schema; ///< the schema text as the registry returns it (it may normalise it)
  std::vector<plan::SchemaReference> references;

  friend bool operator==(const RegisteredSchema&, const RegisteredSchema&) = default;
};

/// The registered version as the planner's subject (without the planner-only fields).
inline plan::Subject to_subject(const RegisteredSchema& registered) {
  plan::Subject subject;
  subject.subject = registered.subject;
  subject.type = registered.type;
  subject.schema = registered.schema;
  subject.references = registered.references;
  return subject;
}

using Compatibility = plan::Compatibility;

class SchemaRegistry {
public:
  virtual ~SchemaRegistry() = default;

  /// Names of the (not deleted) subjects that start with `prefix`, sorted.
  virtual Result<std::vector<std::string>> list_subjects(std::string_view prefix) = 0;

  /// The latest (not deleted) version of each subject, in the order given. A subject that does
  /// not exist is left out.
  virtual Result<std::vector<RegisteredSchema>>
  latest_versions(const std::vector<std::string>& subjects) = 0;

  /// The version under `subject` whose schema is `schema` (as the registry compares schemas),
  /// or nullopt when it is not registered there (or the subject does not exist).
  virtual Result<std::optional<RegisteredSchema>> lookup(const std::string& subject,
                                                         const plan::Subject& schema) = 0;

  /// Checks `schema` against `subject` the way registering it would: against the versions the
  /// subject's compatibility level names (all of them for the *_TRANSITIVE levels).
  virtual Result<Compatibility> check_compatibility(const std::string& subject,
                                                    const plan::Subject& schema) = 0;

  /// Registers `schema` (with its references) under `subject`; returns the schema id.
  virtual Result<int> register_schema(const std::string& subject, const plan::Subject& schema) = 0;

  /// The subject's own compatibility level (e.g. "FULL_TRANSITIVE"), or nullopt when it has none
  /// and the global level applies.
  virtual Result<std::optional<std::string>> compatibility_level(const std::string& subject) = 0;

  virtual Result<void> set_compatibility_level(const std::string& subject,
                                               const std::string& level) = 0;

  /// Soft-deletes the subject (hard-deletes it too when `permanent`); returns the versions deleted.
  virtual Result<std::vector<int>> delete_subject(const std::string& subject, bool permanent) = 0;

  /// How many calls may run at once from different threads (the REST API has no batch calls,
  /// so writes of independent subjects fan out); 1: call from one thread at a time.
  virtual int concurrency() const = 0;
};

} // namespace specmesh::ports
