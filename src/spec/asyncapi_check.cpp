#include "asyncapi_check.hpp"

#include "asyncapi_schemas.hpp"
#include "schema_findings.hpp"
#include "valijson_formats.hpp"
#include "yaml_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace specmesh::spec {

namespace {

constexpr std::array<std::string_view, 9> k_releases{
    "2.0.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0", "2.5.0", "2.6.0", "3.0.0", "3.1.0"};

/// What an `x-` extension key's value must be: anything.
constexpr std::string_view k_extension_ref = "#/definitions/specificationExtension";

/// An embedded schema as SpecMesh reads it, parsed once: as JSON (to explain findings), compiled
/// by valijson as it is (to list the errors of an invalid spec) and in a form that valijson checks
/// much faster (to tell whether a spec is valid).
struct OfficialSchema {
  nlohmann::json document;
  valijson::Schema schema;
  valijson::Schema fast_schema;
};

bool is_extension_rule(const nlohmann::json& rule) {
  return rule.is_object() && rule.size() == 1 && rule.value("$ref", "") == k_extension_ref;
}

/// valijson 1.0 builds a `propertyNames` subschema under its parent's cache key, so wherever
/// the parent was reached through a `$ref` the names are checked against the parent schema
/// itself (`channels` is reached so: every spec failed, without a word). Behind a `$ref` of its
/// own it is built where it belongs, so each one moves to `definitions`: the same rule.
void property_names_by_reference(nlohmann::json& schema) {
  nlohmann::json& definitions = schema["definitions"];
  std::vector<nlohmann::json*> pending{&schema};
  std::size_t moved = 0;
  while (!pending.empty()) {
    nlohmann::json& node = *pending.back();
    pending.pop_back();
    if (!node.is_structured()) {
      continue;
    }
    if (node.is_object() && node.contains("propertyNames")
        && !(node["propertyNames"].is_object() && node["propertyNames"].contains("$ref"))) {
      const std::string name = fmt::format("specmesh-property-names-{}", ++moved);
      nlohmann::json& moved_rule = definitions[name] = std::move(node["propertyNames"]);
      node["propertyNames"] = {{"$ref", "#/definitions/" + name}};
      pending.push_back(&moved_rule);
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      // Data, not schemas: their keys mean nothing to a validator.
      if (node.is_object()
          && (it.key() == "examples" || it.key() == "default" || it.key() == "enum"
              || it.key() == "const")) {
        continue;
      }
      pending.push_back(&*it);
    }
  }
}

/// Rewrites every "keys are the listed properties or `x-` extensions" rule of `schema`
/// (`additionalProperties: false` beside `patternProperties: {"^x-...": <anything>}`) as the
/// same rule in `propertyNames`. valijson 1.0 compiles a patternProperties regex each time it
/// checks an object, so every channel, operation and message cost a regex (seconds for 10,000
/// channels); a `pattern` it compiles once per validation. Same verdict, same keys allowed.
void extension_keys_as_property_names(nlohmann::json& schema) {
  std::vector<nlohmann::json*> pending{&schema};
  while (!pending.empty()) {
    nlohmann::json& node = *pending.back();
    pending.pop_back();
    if (node.is_object() && node.contains("patternProperties")
        && node["patternProperties"].is_object()) {
      nlohmann::json& patterns = node["patternProperties"];
      nlohmann::json names = nlohmann::json::array();
      for (auto it = patterns.begin(); it != patterns.end();) {
        if (is_extension_rule(it.value())) {
          names.push_back({{"pattern", it.key()}});
          it = patterns.erase(it);
        } else {
          ++it;
        }
      }
      if (!names.empty() && node.value("additionalProperties", nlohmann::json(true)) == false) {
        for (const auto& [pattern, rule] : patterns.items()) {
          names.push_back({{"pattern", pattern}});
        }
        if (node.contains("properties") && node["properties"].is_object()) {
          nlohmann::json listed = nlohmann::json::array();
          for (const auto& [name, rule] : node["properties"].items()) {
            listed.push_back(name);
          }
          names.push_back({{"enum", listed}});
        }
        nlohmann::json rule = {{"anyOf", names}};
        node["propertyNames"] = node.contains("propertyNames")
                                    ? nlohmann::json{{"allOf", {node["propertyNames"], rule}}}
                                    : rule;
        node.erase("additionalProperties");
      }
      if (patterns.empty()) {
        node.erase("patternProperties");
      }
    }
    if (node.is_structured()) {
      for (nlohmann::json& child : node) {
        pending.push_back(&child);
      }
    }
  }
}

/// The schema of `release` with SpecMesh's two differences from AsyncAPI at the top level.
nlohmann::json specmesh_dialect(std::string_view release) {
  nlohmann::json schema = nlohmann::json::parse(official_asyncapi_schema(release));
  nlohmann::json& required = schema["required"];
  required.erase(std::remove(required.begin(), required.end(), "info"), required.end());
  schema["properties"]["version"] = {{"type", "string"}};
  remove_format_keywords(schema);
  return schema;
}

/// Built once per process and release; valijson's Schema is read-only once built, so validating
/// against it from several threads is safe.
const OfficialSchema& official_schema(std::string_view release) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<OfficialSchema>, std::less<>> built;
  const std::lock_guard lock(mutex);
  auto found = built.find(release);
  if (found == built.end()) {
    auto schema = std::make_unique<OfficialSchema>();
    nlohmann::json dialect = specmesh_dialect(release);
    nlohmann::json fast = dialect;
    extension_keys_as_property_names(fast);
    property_names_by_reference(fast);
    schema->document = std::move(dialect);
    property_names_by_reference(schema->document);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema->document),
                          schema->schema);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(fast), schema->fast_schema);
    found = built.emplace(std::string(release), std::move(schema)).first;
  }
  return *found->second;
}

/// The longest key or scalar the schema check takes: valijson matches keys and some values
/// with std::regex, whose libstdc++ matcher recurses once per character and overflowed the
/// stack near 50,000 characters.
constexpr std::size_t k_max_checked_text = 10'000;

/// The first key or scalar of `root` longer than k_max_checked_text; absent when there is none.
/// Visits each node once, aliases included (to_json bounded their expansion already).
yaml::Node overlong_text(yaml::Node root) {
  std::vector<yaml::Node> pending{root};
  while (!pending.empty()) {
    const yaml::Node node = pending.back();
    pending.pop_back();
    if (node.scalar().size() > k_max_checked_text) {
      return node;
    }
    for (const yaml::Entry& entry : node.entries()) {
      pending.push_back(entry.key);
      pending.push_back(entry.value);
    }
    for (const yaml::Node item : node.items()) {
      pending.push_back(item);
    }
  }
  return {};
}

/// Payloads that are checked elsewhere are left out of the schema's view:
/// - Part A.4: a channel message's payload may be a Kafka type (`payload: {type: long}` or
///   `payload: long`) instead of a schema. The loader checks those; the schema would call every
///   one that is not also a JSON Schema type wrong.
/// - `payload: {$ref: Order.avsc}` names a schema file, which the schema loader reads with its
///   format's own parser. AsyncAPI's parser would inline the file before validating; without
///   that, the schema would judge the reference itself (as an Avro schema missing `type`).
void hide_payloads_checked_elsewhere(nlohmann::json& document) {
  constexpr std::array<std::string_view, 7> k_json_schema_types{
      "array", "boolean", "integer", "null", "number", "object", "string"};
  const auto channels = document.find("channels");
  if (channels == document.end() || !channels->is_object()) {
    return;
  }
  for (auto& [name, channel] : channels->items()) {
    for (const char* operation : {"publish", "subscribe"}) {
      nlohmann::json* message = nullptr;
      if (channel.is_object() && channel.contains(operation) && channel[operation].is_object()
          && channel[operation].contains("message") && channel[operation]["message"].is_object()) {
        message = &channel[operation]["message"];
      }
      if (message == nullptr || !message->contains("payload")) {
        continue;
      }
      nlohmann::json& payload = (*message)["payload"];
      const bool kafka_type =
          payload.is_string()
          || (payload.is_object() && payload.contains("type") && payload["type"].is_string()
              && std::find(k_json_schema_types.begin(),
                           k_json_schema_types.end(),
                           payload["type"].get_ref<const std::string&>())
                     == k_json_schema_types.end());
      if (kafka_type || (payload.is_object() && payload.contains("$ref"))) {
        message->erase("payload");
      }
    }
  }
}

/// The leading number of `text` and what follows it; nothing without digits.
std::optional<std::pair<int, std::string_view>> leading_number(std::string_view text) {
  int number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc()) {
    return std::nullopt;
  }
  return std::pair(number, text.substr(static_cast<std::size_t>(end - text.data())));
}

} // namespace

std::optional<std::string_view> asyncapi_schema_version(std::string_view version) {
  const auto major = leading_number(version);
  if (!major) {
    return std::nullopt;
  }
  const std::string prefix = fmt::format("{}.", major->first);
  std::optional<std::string_view> newest;
  for (const std::string_view release : k_releases) {
    if (release.starts_with(prefix)) {
      newest = release;
    }
  }
  const auto minor =
      major->second.starts_with('.') ? leading_number(major->second.substr(1)) : std::nullopt;
  if (minor) {
    const std::string same_minor = fmt::format("{}{}.0", prefix, minor->first);
    for (const std::string_view release : k_releases) {
      if (release == same_minor) {
        return release;
      }
    }
  }
  return newest;
}

std::vector<Finding> check_asyncapi_schema(yaml::Node root, std::size_t max_values) {
  const yaml::Node asyncapi = root["asyncapi"];
  if (!root.is_mapping() || (asyncapi && !asyncapi.is_scalar())) {
    return {}; // the loader reports it
  }
  std::vector<Finding> findings;
  const std::optional<std::string_view> release =
      asyncapi ? asyncapi_schema_version(asyncapi.scalar()) : std::string_view("2.6.0");
  if (!release || !release->starts_with("2.")) {
    return {}; // the loader reads 2.x only and reports any other version
  }
  if (!asyncapi) {
    findings.push_back({root,
                        "missing required key 'asyncapi' at the top level (checked as AsyncAPI "
                        "2.6.0)",
                        "asyncapi"});
  } else if (asyncapi.scalar() != *release) {
    // "2.4" and "2.4.1" mean 2.4.0; "2.9.0" may be a release newer than specmesh.
    const std::string_view major_minor = release->substr(0, release->rfind('.'));
    const std::string_view text = asyncapi.scalar();
    const bool same_minor =
        text.starts_with(major_minor)
        && (text.size() == major_minor.size() || text[major_minor.size()] == '.');
    findings.push_back(
        {asyncapi,
         fmt::format("asyncapi version '{}' is not an AsyncAPI release specmesh knows; checked "
                     "against {}{}",
                     text,
                     *release,
                     same_minor ? fmt::format(" (did you mean '{}'?)", *release) : "")});
  }
  std::optional<nlohmann::json> document = yaml::to_json(root, max_values);
  if (!document) {
    findings.push_back({root,
                        fmt::format("the spec's aliases expand it to more than {} values; it is "
                                    "not checked against the AsyncAPI schema",
                                    max_values)});
    return findings;
  }
  if (const yaml::Node overlong = overlong_text(root)) {
    findings.push_back({overlong,
                        fmt::format("a key or value longer than {} characters; the spec is not "
                                    "checked against the AsyncAPI schema",
                                    k_max_checked_text)});
    return findings;
  }
  (*document)["asyncapi"] = *release; // its own finding above; no enum error from the schema
  hide_payloads_checked_elsewhere(*document);
  const OfficialSchema& official = official_schema(*release);
  const valijson::adapters::NlohmannJsonAdapter target(*document);
  valijson::Validator validator;
  // Most specs are valid: the first pass stops at the first error and collects no texts.
  if (validator.validate(official.fast_schema, target, nullptr)) {
    return findings;
  }
  valijson::ValidationResults results;
  validator.validate(official.schema, target, &results);
  std::vector<Finding> found = schema_findings(results, official.document, *document, root);
  findings.insert(
      findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return findings;
}

} // namespace specmesh::spec
