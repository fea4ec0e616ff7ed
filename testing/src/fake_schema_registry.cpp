#include <specmesh/testing/fake_schema_registry.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace specmesh::testing {

namespace {

/// The levels a registry accepts.
constexpr std::array<std::string_view, 7> k_levels{"BACKWARD",
                                                   "BACKWARD_TRANSITIVE",
                                                   "FORWARD",
                                                   "FORWARD_TRANSITIVE",
                                                   "FULL",
                                                   "FULL_TRANSITIVE",
                                                   "NONE"};

/// Avro and JSON Schema are JSON documents: a registry neither keeps their whitespace nor
/// accepts one that is not JSON.
bool is_json_type(schema::SchemaType type) {
  return type == schema::SchemaType::avro || type == schema::SchemaType::json;
}

bool same_schema(const ports::RegisteredSchema& version, const plan::Subject& schema) {
  if (version.type != schema.type) {
    return false;
  }
  if (!is_json_type(schema.type)) {
    return version.schema == schema.schema;
  }
  const auto held = nlohmann::json::parse(version.schema, nullptr, false);
  const auto asked = nlohmann::json::parse(schema.schema, nullptr, false);
  return held.is_discarded() || asked.is_discarded() ? version.schema == schema.schema
                                                     : held == asked;
}

/// Whether a held version's references are the asked ones; a version still "latest" (-1) on
/// either side, as add() keeps it, matches any.
bool same_references(const std::vector<plan::SchemaReference>& held,
                     const std::vector<plan::SchemaReference>& asked) {
  return std::equal(
      held.begin(), held.end(), asked.begin(), asked.end(), [](const auto& a, const auto& b) {
        return a.name == b.name && a.subject == b.subject
               && (a.version == b.version || a.version < 0 || b.version < 0);
      });
}

} // namespace

void FakeSchemaRegistry::add(const std::string& subject, const plan::Subject& schema) {
  const std::lock_guard lock(m_mutex);
  add_locked(subject, schema);
}

void FakeSchemaRegistry::add_locked(const std::string& subject, const plan::Subject& schema) {
  std::vector<ports::RegisteredSchema>& versions = subjects[subject];
  versions.push_back({subject,
                      static_cast<int>(versions.size()) + 1,
                      m_next_id++,
                      schema.type,
                      schema.schema,
                      schema.references});
}

Result<std::vector<plan::SchemaReference>>
FakeSchemaRegistry::resolve(const std::string& subject,
                            const std::vector<plan::SchemaReference>& references) const {
  std::vector<plan::SchemaReference> resolved = references;
  for (plan::SchemaReference& reference : resolved) {
    const auto found = subjects.find(reference.subject);
    const bool exists =
        found != subjects.end()
        && (reference.version < 0
            || std::any_of(found->second.begin(), found->second.end(), [&](const auto& version) {
                 return version.version == reference.version;
               }));
    if (!exists) {
      // As the real adapter words it.
      return fail(ErrorCode::not_found,
                  fmt::format("subject '{}': referenced schema '{}' not found (subject '{}', "
                              "version {})",
                              subject,
                              reference.name,
                              reference.subject,
                              reference.version < 0 ? std::string("latest")
                                                    : std::to_string(reference.version)));
    }
    if (reference.version < 0) {
      reference.version = found->second.back().version;
    }
  }
  return resolved;
}

const ports::RegisteredSchema*
FakeSchemaRegistry::find(const std::string& subject,
                         const plan::Subject& schema,
                         const std::vector<plan::SchemaReference>& resolved) const {
  const auto found = subjects.find(subject);
  if (found == subjects.end()) {
    return nullptr;
  }
  const auto version =
      std::find_if(found->second.begin(), found->second.end(), [&](const auto& held) {
        return same_schema(held, schema) && same_references(held.references, resolved);
      });
  return version == found->second.end() ? nullptr : &*version;
}

Result<std::vector<std::string>> FakeSchemaRegistry::list_subjects(std::string_view prefix) {
  const std::lock_guard lock(m_mutex);
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
  const std::lock_guard lock(m_mutex);
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
  const std::lock_guard lock(m_mutex);
  calls.push_back("lookup " + subject);
  // A dangling reference stays as asked: then no held version matches it.
  const auto resolved = resolve(subject, schema.references);
  const ports::RegisteredSchema* found =
      find(subject, schema, resolved ? *resolved : schema.references);
  return found == nullptr ? std::nullopt : std::optional(*found);
}

Result<ports::Compatibility> FakeSchemaRegistry::check_compatibility(const std::string& subject,
                                                                     const plan::Subject& schema) {
  const std::lock_guard lock(m_mutex);
  calls.push_back("check_compatibility " + subject);
  if (auto resolved = resolve(subject, schema.references); !resolved) {
    return tl::unexpected(resolved.error());
  }
  const auto found = incompatible.find(subject);
  if (found == incompatible.end() || !subjects.contains(subject)) {
    return ports::Compatibility{}; // nothing to be incompatible with
  }
  return ports::Compatibility{false, found->second};
}

Result<int> FakeSchemaRegistry::register_schema(const std::string& subject,
                                                const plan::Subject& schema) {
  const std::lock_guard lock(m_mutex);
  calls.push_back("register " + subject);
  auto resolved = resolve(subject, schema.references);
  if (!resolved) {
    return tl::unexpected(resolved.error());
  }
  if (const ports::RegisteredSchema* held = find(subject, schema, *resolved)) {
    return held->id;
  }
  if (is_json_type(schema.type)
      && nlohmann::json::parse(schema.schema, nullptr, false).is_discarded()) {
    return fail(ErrorCode::invalid_input,
                fmt::format("subject '{}': the schema is not valid JSON", subject));
  }
  if (incompatible.contains(subject) && subjects.contains(subject)) {
    return fail(ErrorCode::conflict, fmt::format("subject '{}': incompatible schema", subject));
  }
  plan::Subject registered = schema;
  registered.references = std::move(*resolved);
  m_soft_deleted.erase(subject);
  add_locked(subject, registered);
  return subjects[subject].back().id;
}

Result<std::optional<std::string>>
FakeSchemaRegistry::compatibility_level(const std::string& subject) {
  const std::lock_guard lock(m_mutex);
  calls.push_back("compatibility_level " + subject);
  const auto found = levels.find(subject);
  return found == levels.end() ? std::nullopt : std::optional(found->second);
}

Result<void> FakeSchemaRegistry::set_compatibility_level(const std::string& subject,
                                                         const std::string& level) {
  const std::lock_guard lock(m_mutex);
  calls.push_back(fmt::format("set_compatibility_level {} {}", subject, level));
  if (std::find(k_levels.begin(), k_levels.end(), level) == k_levels.end()) {
    return fail(ErrorCode::invalid_input,
                fmt::format("subject '{}': invalid compatibility level '{}'", subject, level));
  }
  levels[subject] = level;
  return {};
}

Result<std::vector<int>> FakeSchemaRegistry::delete_subject(const std::string& subject,
                                                            bool permanent) {
  const std::lock_guard lock(m_mutex);
  calls.push_back(fmt::format("delete_subject {}{}", subject, permanent ? " permanent" : ""));
  if (const auto soft = m_soft_deleted.find(subject); soft != m_soft_deleted.end() && permanent) {
    std::vector<int> versions = std::move(soft->second);
    m_soft_deleted.erase(soft);
    return versions;
  }
  const auto found = subjects.find(subject);
  if (found == subjects.end()) {
    return fail(ErrorCode::not_found, fmt::format("subject '{}': not found", subject));
  }
  for (const auto& [user, versions] : subjects) {
    for (const ports::RegisteredSchema& version : versions) {
      if (std::any_of(version.references.begin(), version.references.end(), [&](const auto& r) {
            return r.subject == subject;
          })) {
        return fail(
            ErrorCode::invalid_input,
            fmt::format(
                "subject '{}': referenced by '{}' version {}", subject, user, version.version));
      }
    }
  }
  std::vector<int> versions;
  for (const ports::RegisteredSchema& version : found->second) {
    versions.push_back(version.version);
  }
  subjects.erase(found);
  if (!permanent) {
    m_soft_deleted[subject] = versions;
  }
  return versions;
}

} // namespace specmesh::testing
