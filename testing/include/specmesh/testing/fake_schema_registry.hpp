// An in-memory schema registry behind ports::SchemaRegistry, for fast tests. Behaves like a
// registry where tests/contract/schema_registry_contract.hpp says so (references resolved to
// version numbers, identical schemas registered once, soft and permanent deletes, referenced
// subjects kept); JSON schemas are compared as JSON values, others as text; compatibility is
// whatever the test says it is. Thread-safe, like the real adapter.
#pragma once

#include <specmesh/ports/schema_registry.hpp>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace specmesh::testing {

class FakeSchemaRegistry final : public ports::SchemaRegistry {
public:
  /// Every version of every subject, oldest first; a deleted subject is removed.
  std::map<std::string, std::vector<ports::RegisteredSchema>> subjects;
  /// Subject -> its own compatibility level.
  std::map<std::string, std::string> levels;
  /// Subject -> the reasons any new schema for it is incompatible (while it has versions).
  std::map<std::string, std::vector<std::string>> incompatible;
  /// One line per call, e.g. "register acme.shop.a-value"; calls from several threads at once
  /// (see concurrency()) are recorded in the order they happen to run.
  std::vector<std::string> calls;

  /// Registers as someone else would have (no checks, no call recorded).
  void add(const std::string& subject, const plan::Subject& schema);

  Result<std::vector<std::string>> list_subjects(std::string_view prefix) override;
  Result<std::vector<ports::RegisteredSchema>>
  latest_versions(const std::vector<std::string>& names) override;
  Result<std::optional<ports::RegisteredSchema>> lookup(const std::string& subject,
                                                        const plan::Subject& schema) override;
  Result<ports::Compatibility> check_compatibility(const std::string& subject,
                                                   const plan::Subject& schema) override;
  Result<int> register_schema(const std::string& subject, const plan::Subject& schema) override;
  Result<std::optional<std::string>> compatibility_level(const std::string& subject) override;
  Result<void> set_compatibility_level(const std::string& subject,
                                       const std::string& level) override;
  Result<std::vector<int>> delete_subject(const std::string& subject, bool permanent) override;
  /// As many calls at once as the real adapter serves by default.
  int concurrency() const override { return 8; }

private:
  void add_locked(const std::string& subject, const plan::Subject& schema);
  /// The references with every version number resolved ("latest" = -1 becomes the latest
  /// version), or the error naming the first one that does not exist.
  Result<std::vector<plan::SchemaReference>>
  resolve(const std::string& subject, const std::vector<plan::SchemaReference>& references) const;
  /// The version of `subject` holding `schema` with these (resolved) references, if any.
  const ports::RegisteredSchema* find(const std::string& subject,
                                      const plan::Subject& schema,
                                      const std::vector<plan::SchemaReference>& resolved) const;

  std::mutex m_mutex;
  int m_next_id = 1;
  /// Soft-deleted subjects' versions: not listed, not read, deleted for good by `permanent`.
  std::map<std::string, std::vector<int>> m_soft_deleted;
};

} // namespace specmesh::testing
