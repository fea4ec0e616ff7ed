// An in-memory schema registry behind ports::SchemaRegistry, for fast tests. Schemas are
// compared as text; compatibility is whatever the test says it is.
#pragma once

#include <specmesh/ports/schema_registry.hpp>

#include <map>
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
  /// Subject -> the reasons any new schema for it is incompatible.
  std::map<std::string, std::vector<std::string>> incompatible;
  /// One line per call, e.g. "register acme.shop.a-value".
  std::vector<std::string> calls;

  /// Registers as someone else would have (no compatibility check, no call recorded).
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
  /// One call at a time, so `calls` records a deterministic order.
  int concurrency() const override { return 1; }

private:
  int m_next_id = 1;
};

} // namespace specmesh::testing
