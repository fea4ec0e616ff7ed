#include <specmesh/testing/fake_schema_registry.hpp>

#include <fmt/format.h>

namespace specmesh::testing {

void FakeSchemaRegistry::add(const std::string& subject, const plan::Subject& schema) {
  std::vector<ports::RegisteredSchema>& versions = subjects[subject];
  versions.push_back({subject,
                      static_cast<int>(versions.size()) + 1,
                      m_next_id++,
                      schema.type,
                      schema.schema,
                      schema.references});
}

Result<std::vector<std::string>> FakeSchemaRegistry::list_subjects(std::string_view prefix) {
  calls.push_back(fmt::format("list_subjects {}", prefix));
  std::vector<std::string> names;
  for (const auto& [name, versions] : subjects) {
    if (name.starts_with(prefix)) {
      names.push_back(name);
    }
  }
  return names;
}

Result<std::vector<ports::RegisteredSchema>>
FakeSchemaRegistry::latest_versions(const std::vector<std::string>& names) {
  calls.push_back(fmt::format("latest_versions {}", names.size()));
  std::vector<ports::RegisteredSchema> latest;
  for (const std::string& name : names) {
    if (const auto found = subjects.find(name); found != subjects.end()) {
      latest.push_back(found->second.back());
    }
  }
  return latest;
}

Result<std::optional<ports::RegisteredSchema>>
FakeSchemaRegistry::lookup(const std::string& subject, const plan::Subject& schema) {
  calls.push_back("lookup " + subject);
  if (const auto found = subjects.find(subject); found != subjects.end()) {
    for (const ports::RegisteredSchema& version : found->second) {
      if (version.schema == schema.schema) {
        return version;
      }
    }
  }
  return std::nullopt;
}

Result<ports::Compatibility> FakeSchemaRegistry::check_compatibility(const std::string& subject,
                                                                     const plan::Subject&) {
  calls.push_back("check_compatibility " + subject);
  const auto found = incompatible.find(subject);
  if (found == incompatible.end()) {
    return ports::Compatibility{};
  }
  return ports::Compatibility{false, found->second};
}

Result<int> FakeSchemaRegistry::register_schema(const std::string& subject,
                                                const plan::Subject& schema) {
  calls.push_back("register " + subject);
  if (incompatible.contains(subject)) {
    return fail(ErrorCode::conflict, fmt::format("subject '{}': incompatible schema", subject));
  }
  for (const plan::SchemaReference& reference : schema.references) {
    if (!subjects.contains(reference.subject)) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("subject '{}': reference '{}' is not registered",
                              subject,
                              reference.subject));
    }
  }
  add(subject, schema);
  return subjects[subject].back().id;
}

Result<std::optional<std::string>>
FakeSchemaRegistry::compatibility_level(const std::string& subject) {
  calls.push_back("compatibility_level " + subject);
  const auto found = levels.find(subject);
  return found == levels.end() ? std::nullopt : std::optional(found->second);
}

Result<void> FakeSchemaRegistry::set_compatibility_level(const std::string& subject,
                                                         const std::string& level) {
  calls.push_back(fmt::format("set_compatibility_level {} {}", subject, level));
  levels[subject] = level;
  return {};
}

Result<std::vector<int>> FakeSchemaRegistry::delete_subject(const std::string& subject,
                                                            bool permanent) {
  calls.push_back(fmt::format("delete_subject {}{}", subject, permanent ? " permanent" : ""));
  const auto found = subjects.find(subject);
  if (found == subjects.end()) {
    return fail(ErrorCode::not_found, fmt::format("subject '{}': not found", subject));
  }
  std::vector<int> versions;
  for (const ports::RegisteredSchema& version : found->second) {
    versions.push_back(version.version);
  }
  subjects.erase(found);
  return versions;
}

} // namespace specmesh::testing
