#include "schema_findings.hpp"

#include "yaml_json.hpp"

#include <specmesh/did_you_mean.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace specmesh::spec {

namespace {

using nlohmann::json;
using Path = std::vector<std::string>;
using Schemas = std::vector<const json*>;

// valijson 1.0's words for the problems it finds.
constexpr std::string_view k_unknown_key =
    "Object contains a property that could not be validated using 'properties' or "
    "'additionalProperties' constraints: '";
constexpr std::string_view k_missing_key = "Missing required property '";
constexpr std::string_view k_wrong_type = "Value type not permitted by 'type' constraint.";
constexpr std::string_view k_not_in_enum = "Failed to match against any enum values.";
constexpr std::string_view k_not_const =
    "Failed to match expected value set by 'const' constraint.";
/// The summaries around the errors of a branch, a property or an item; they add nothing.
constexpr std::string_view k_summary = "Failed to validate against";
constexpr std::string_view k_ambiguous = "Failed to validate against exactly one child schema.";

/// Paths in reverse order, so a path comes before the paths it is under.
using ErrorsByPath = std::map<Path, std::vector<std::string>, std::greater<>>;

/// valijson's errors by the path of the value each is about (its context "<root>", "[channels]",
/// "[x]" is the path {"channels", "x"}), each text once, summaries left out.
ErrorsByPath errors_by_path(const valijson::ValidationResults& results) {
  ErrorsByPath by_path;
  for (const valijson::ValidationResults::Error& error : results) {
    if (error.description.starts_with(k_summary) && error.description != k_ambiguous) {
      continue;
    }
    Path path;
    for (std::size_t i = 1; i < error.context.size(); ++i) {
      const std::string& step = error.context[i];
      path.push_back(step.size() >= 2 ? step.substr(1, step.size() - 2) : step);
    }
    std::vector<std::string>& errors = by_path[path];
    if (std::find(errors.begin(), errors.end(), error.description) == errors.end()) {
      errors.push_back(error.description);
    }
  }
  return by_path;
}

const json* child_value(const json* value, const std::string& step) {
  if (value != nullptr && value->is_object()) {
    const auto found = value->find(step);
    return found == value->end() ? nullptr : &*found;
  }
  if (value != nullptr && value->is_array()) {
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
    if (ec == std::errc() && end == step.data() + step.size() && index < value->size()) {
      return &(*value)[index];
    }
  }
  return nullptr;
}

const json* member(const json* schema, const char* keyword) {
  const auto found = schema->find(keyword);
  return found == schema->end() ? nullptr : &*found;
}

bool type_allows(const json& type, const json& value) {
  const auto allows = [&](const json& name) {
    if (!name.is_string()) {
      return true;
    }
    const auto& text = name.get_ref<const std::string&>();
    return (text == "object" && value.is_object()) || (text == "array" && value.is_array())
           || (text == "string" && value.is_string()) || (text == "boolean" && value.is_boolean())
           || (text == "null" && value.is_null()) || (text == "number" && value.is_number())
           || (text == "integer" && value.is_number_integer());
  };
  return type.is_array() ? std::any_of(type.begin(), type.end(), allows) : allows(type);
}

/// Reads the schema along a document path the way a validator applies it.
class SchemaReader {
public:
  explicit SchemaReader(const json& root) : m_root(root) {}

  /// The schemas that apply to the value at `path` of `document`: `$ref`s followed, `allOf`
  /// members included, and of each `oneOf`/`anyOf` the alternatives the value fits best.
  Schemas at(const json& document, const Path& path) {
    const json* value = &document;
    Schemas schemas;
    expand(&m_root, value, schemas, 0);
    for (const std::string& step : path) {
      const json* next_value = child_value(value, step);
      Schemas next;
      for (const json* child : children(schemas, value, step)) {
        expand(child, next_value, next, 0);
      }
      schemas = std::move(next);
      value = next_value;
    }
    return schemas;
  }

  bool matches(const std::string& pattern, const std::string& key) {
    auto found = m_patterns.find(pattern);
    if (found == m_patterns.end()) {
      std::optional<std::regex> compiled;
      try {
        compiled.emplace(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        // A pattern std::regex cannot read matches nothing here, as in valijson.
      }
      found = m_patterns.emplace(pattern, std::move(compiled)).first;
    }
    return found->second && std::regex_search(key, *found->second);
  }

private:
  const json& m_root;
  std::map<std::string, std::optional<std::regex>> m_patterns;

  /// `schema` with its `$ref` chain followed (every `$ref` of the embedded schemas points into
  /// the same document); nullptr where it leads nowhere.
  const json* resolve(const json* schema) const {
    for (int hops = 0; hops < 16; ++hops) {
      const json* ref = schema->is_object() ? member(schema, "$ref") : nullptr;
      if (ref == nullptr || !ref->is_string()) {
        return schema;
      }
      const auto& target = ref->get_ref<const std::string&>();
      if (!target.starts_with('#')) {
        return nullptr;
      }
      try {
        schema = &m_root.at(json::json_pointer(target.substr(1)));
      } catch (const json::exception&) {
        return nullptr;
      }
    }
    return nullptr;
  }

  void expand(const json* schema, const json* value, Schemas& out, int depth) {
    const json* resolved = depth < 32 ? resolve(schema) : nullptr;
    if (resolved == nullptr || !resolved->is_object()
        || std::find(out.begin(), out.end(), resolved) != out.end()) {
      return;
    }
    out.push_back(resolved);
    for (const char* keyword : {"allOf", "then", "else"}) {
      if (const json* members = member(resolved, keyword); members != nullptr) {
        if (members->is_array()) {
          for (const json& part : *members) {
            expand(&part, value, out, depth + 1);
          }
        } else {
          expand(members, value, out, depth + 1);
        }
      }
    }
    for (const char* keyword : {"oneOf", "anyOf"}) {
      const json* alternatives = member(resolved, keyword);
      if (alternatives == nullptr || !alternatives->is_array()) {
        continue;
      }
      std::vector<Schemas> branches;
      std::vector<int> scores;
      for (const json& alternative : *alternatives) {
        Schemas branch;
        expand(&alternative, value, branch, depth + 1);
        scores.push_back(fit(branch, value));
        branches.push_back(std::move(branch));
      }
      const int best = scores.empty() ? 0 : *std::max_element(scores.begin(), scores.end());
      for (std::size_t i = 0; i < branches.size(); ++i) {
        if (scores[i] == best) {
          for (const json* part : branches[i]) {
            if (std::find(out.begin(), out.end(), part) == out.end()) {
              out.push_back(part);
            }
          }
        }
      }
    }
  }

  /// How well `value` fits an alternative: a type it refuses rules it out; each required key
  /// missing counts against it more than each key it names counts for it.
  static int fit(const Schemas& branch, const json* value) {
    int score = 0;
    for (const json* schema : branch) {
      if (const json* type = member(schema, "type"); type && value && !type_allows(*type, *value)) {
        return INT_MIN;
      }
      if (value == nullptr || !value->is_object()) {
        continue;
      }
      if (const json* required = member(schema, "required"); required && required->is_array()) {
        for (const json& key : *required) {
          score -= key.is_string() && !value->contains(key.get_ref<const std::string&>()) ? 10 : 0;
        }
      }
      if (const json* properties = member(schema, "properties");
          properties && properties->is_object()) {
        for (const auto& [key, unused] : value->items()) {
          score += properties->contains(key) ? 1 : 0;
        }
      }
    }
    return score;
  }

  Schemas children(const Schemas& schemas, const json* parent, const std::string& step) {
    Schemas next;
    for (const json* schema : schemas) {
      if (parent != nullptr && parent->is_array()) {
        const json* items = member(schema, "items");
        std::size_t index = 0;
        std::from_chars(step.data(), step.data() + step.size(), index);
        if (items != nullptr && items->is_object()) {
          next.push_back(items);
        } else if (items != nullptr && items->is_array() && index < items->size()) {
          next.push_back(&(*items)[index]);
        } else if (const json* more = member(schema, "additionalItems");
                   more && more->is_object()) {
          next.push_back(more);
        }
        continue;
      }
      bool matched = false;
      if (const json* properties = member(schema, "properties");
          properties && properties->is_object() && properties->contains(step)) {
        next.push_back(&(*properties)[step]);
        matched = true;
      }
      if (const json* patterns = member(schema, "patternProperties");
          patterns && patterns->is_object()) {
        for (const auto& [pattern, sub] : patterns->items()) {
          if (matches(pattern, step)) {
            next.push_back(&sub);
            matched = true;
          }
        }
      }
      if (const json* more = member(schema, "additionalProperties");
          !matched && more && more->is_object()) {
        next.push_back(more);
      }
    }
    return next;
  }
};

/// What a value is, for "found ...".
std::string found(yaml::Node node, const json* value) {
  if (node.is_mapping()) {
    return "a mapping";
  }
  if (node.is_sequence()) {
    return "a list";
  }
  if (!node.is_scalar()) {
    return "nothing";
  }
  if (value != nullptr && value->is_number()) {
    return fmt::format("the number {} (quote it for text: '{}')", node.scalar(), node.scalar());
  }
  if (value != nullptr && value->is_boolean()) {
    return fmt::format("the boolean {} (quote it for text: '{}')", node.scalar(), node.scalar());
  }
  return fmt::format("'{}'", node.scalar());
}

std::string type_phrase(const std::string& type) {
  static const std::map<std::string, std::string, std::less<>> k_phrases{
      {"object", "a mapping"},
      {"array", "a list"},
      {"string", "a string"},
      {"integer", "an integer"},
      {"number", "a number"},
      {"boolean", "true or false"},
      {"null", "empty"}};
  const auto phrase = k_phrases.find(type);
  return phrase == k_phrases.end() ? type : phrase->second;
}

/// The key of the entry that holds the value at `path`, or the value itself (a list item, the
/// document): where a problem of the whole value is reported.
yaml::Node holder(yaml::Node root, const Path& path) {
  if (path.empty()) {
    return root;
  }
  const yaml::Node parent = yaml::node_at(root, std::span(path).first(path.size() - 1));
  for (const yaml::Entry& entry : parent.entries()) {
    if (entry.key.scalar() == path.back()) {
      return entry.key;
    }
  }
  return yaml::node_at(root, path);
}

/// Turns the errors at one path into findings.
class PathExplainer {
public:
  PathExplainer(yaml::Node root, const json& document, SchemaReader& reader, const Path& path)
      : m_root(root), m_path(path), m_node(yaml::node_at(root, path)),
        m_value(value_at(document, path)), m_schemas(reader.at(document, path)), m_reader(reader) {}

  void unknown_keys(std::vector<Finding>& out) {
    std::vector<std::string_view> names;
    bool closed = false;
    for (const json* schema : m_schemas) {
      if (const json* properties = member(schema, "properties");
          properties && properties->is_object()) {
        for (const auto& [name, unused] : properties->items()) {
          names.push_back(name);
        }
      }
      const json* more = member(schema, "additionalProperties");
      closed = closed || (more != nullptr && more->is_boolean() && !more->get<bool>());
    }
    if (!closed) {
      return;
    }
    for (const yaml::Entry& entry : m_node.entries()) {
      const std::string key(entry.key.scalar());
      if (std::find(names.begin(), names.end(), key) != names.end() || allowed_by_pattern(key)) {
        continue;
      }
      if (const auto match = closest_match(key, names)) {
        m_suggested.emplace(*match);
      }
      out.push_back(
          {entry.key,
           fmt::format(
               "unknown key '{}' {}{}", key, where(m_root, m_path), did_you_mean(key, names)),
           {},
           true});
    }
  }

  void missing_key(const std::string& key, std::vector<Finding>& out) const {
    const bool required = std::any_of(m_schemas.begin(), m_schemas.end(), [&](const json* s) {
      const json* keys = member(s, "required");
      return keys != nullptr && keys->is_array()
             && std::find(keys->begin(), keys->end(), key) != keys->end();
    });
    if (required && !m_suggested.contains(key)) {
      out.push_back({holder(m_root, m_path),
                     fmt::format("missing required key '{}' {}", key, where(m_root, m_path)),
                     key});
    }
  }

  /// One finding for what is wrong with the value itself, the most telling of `errors`.
  std::optional<Finding> wrong_value(const std::vector<std::string>& errors) const {
    const auto has = [&](std::string_view error) {
      return std::find(errors.begin(), errors.end(), error) != errors.end();
    };
    const std::string what = subject(m_root, m_path);
    const yaml::Node at = m_node ? m_node : holder(m_root, m_path);
    if (const json* values = first_of("enum"); has(k_not_in_enum) && values) {
      std::vector<std::string> texts;
      for (const json& allowed : *values) {
        texts.push_back(allowed.is_string() ? allowed.get<std::string>() : allowed.dump());
      }
      const std::vector<std::string_view> choices(texts.begin(), texts.end());
      return Finding{at,
                     fmt::format("{} must be one of {}, found {}{}",
                                 what,
                                 fmt::join(texts, ", "),
                                 found(m_node, m_value),
                                 did_you_mean(m_node.scalar(), choices))};
    }
    if (const json* value = first_of("const"); has(k_not_const) && value) {
      return Finding{
          at, fmt::format("{} must be {}, found {}", what, value->dump(), found(m_node, m_value))};
    }
    if (has(k_wrong_type) && m_value != nullptr) {
      if (const std::string types = expected_types(); !types.empty()) {
        return Finding{at,
                       fmt::format("{} must be {}, found {}", what, types, found(m_node, m_value))};
      }
    }
    for (const std::string& error : errors) {
      if (error != k_wrong_type && error != k_not_in_enum && error != k_not_const
          && !error.starts_with(k_unknown_key) && !error.starts_with(k_missing_key)) {
        return Finding{
            at, fmt::format("{} does not match the AsyncAPI schema: {}", what, plain(error))};
      }
    }
    return std::nullopt;
  }

private:
  yaml::Node m_root;
  const Path& m_path;
  yaml::Node m_node;
  const json* m_value;
  Schemas m_schemas;
  SchemaReader& m_reader;
  std::set<std::string, std::less<>> m_suggested; ///< keys an unknown key's did-you-mean names

  static const json* value_at(const json& document, const Path& path) {
    const json* value = &document;
    for (const std::string& step : path) {
      value = child_value(value, step);
    }
    return value;
  }

  bool allowed_by_pattern(const std::string& key) const {
    return std::any_of(m_schemas.begin(), m_schemas.end(), [&](const json* schema) {
      const json* patterns = member(schema, "patternProperties");
      if (patterns == nullptr || !patterns->is_object()) {
        return false;
      }
      return std::any_of(patterns->items().begin(), patterns->items().end(), [&](const auto& p) {
        return m_reader.matches(p.key(), key);
      });
    });
  }

  const json* first_of(const char* keyword) const {
    for (const json* schema : m_schemas) {
      if (const json* found = member(schema, keyword)) {
        return found;
      }
    }
    return nullptr;
  }

  /// "a string or a list" from the `type`s that apply, when one of them refuses the value.
  std::string expected_types() const {
    std::vector<std::string> types;
    bool refused = false;
    for (const json* schema : m_schemas) {
      const json* type = member(schema, "type");
      if (type == nullptr) {
        continue;
      }
      refused = refused || !type_allows(*type, *m_value);
      for (const json& name : type->is_array() ? *type : json::array({*type})) {
        if (name.is_string()
            && std::find(types.begin(), types.end(), type_phrase(name.get<std::string>()))
                   == types.end()) {
          types.push_back(type_phrase(name.get<std::string>()));
        }
      }
    }
    return refused ? fmt::format("{}", fmt::join(types, " or ")) : "";
  }

  /// valijson's text as a clause: "String should be ... characters." → "string should be ...".
  static std::string plain(std::string text) {
    if (!text.empty() && text.back() == '.') {
      text.pop_back();
    }
    if (!text.empty()) {
      text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text;
  }
};

bool under(const Path& path, const Path& ancestor) {
  return path.size() > ancestor.size()
         && std::equal(ancestor.begin(), ancestor.end(), path.begin());
}

} // namespace

std::vector<Finding> schema_findings(const valijson::ValidationResults& results,
                                     const nlohmann::json& schema,
                                     const nlohmann::json& document,
                                     yaml::Node root) {
  SchemaReader reader(schema);
  const ErrorsByPath by_path = errors_by_path(results);
  std::vector<Finding> findings;
  std::vector<Path> reported; // paths with a finding, deepest first
  // Deepest paths first: a value's own problem is only reported when nothing under it explains
  // why it failed (a failed oneOf fails at every level above the real problem).
  for (const auto& [path, errors] : by_path) {
    PathExplainer explainer(root, document, reader, path);
    const std::size_t before = findings.size();
    if (std::any_of(errors.begin(), errors.end(), [](const std::string& e) {
          return e.starts_with(k_unknown_key);
        })) {
      explainer.unknown_keys(findings);
    }
    for (const std::string& error : errors) {
      if (error.starts_with(k_missing_key)) {
        const std::size_t end = error.find('\'', k_missing_key.size());
        explainer.missing_key(error.substr(k_missing_key.size(), end - k_missing_key.size()),
                              findings);
      }
    }
    // clang 14 cannot capture a structured binding.
    const bool explained_below = std::any_of(
        reported.begin(), reported.end(), [&here = path](const Path& p) { return under(p, here); });
    if (findings.size() == before && !explained_below) {
      if (std::optional<Finding> finding = explainer.wrong_value(errors)) {
        findings.push_back(std::move(*finding));
      }
    }
    if (findings.size() > before) {
      reported.push_back(path);
    }
  }
  if (findings.empty() && !by_path.empty()) {
    // Never silent: what the validator said, at the deepest place it said it.
    const auto& [path, errors] = *by_path.begin();
    findings.push_back({yaml::node_at(root, path) ? yaml::node_at(root, path) : holder(root, path),
                        fmt::format("{} does not match the AsyncAPI schema: {}",
                                    subject(root, path),
                                    errors.front())});
  }
  return findings;
}

} // namespace specmesh::spec
