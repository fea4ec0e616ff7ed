// A schema file's JSON value with the position of every value in it, so a problem found in the
// value is reported at `file:line:col`. JSON is parsed by nlohmann (its SAX events give the
// positions), YAML (a JSON Schema written in YAML) by the spec's libyaml reader and converted to
// the same JSON.
#pragma once

#include <specmesh/error.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace specmesh::schema {

/// Object keys keep the file's order, so a value can be found again by its place in the text.
using Json = nlohmann::ordered_json;

/// Deeper nesting is refused while parsing, so a hostile file costs linear time and bounded stack.
inline constexpr int k_max_nesting = 500;

class JsonDocument {
public:
  const Json& root() const { return *m_root; }
  const std::string& file() const { return m_file; }
  /// Where `node` (a value inside root()) starts; the file's first line when it is not known.
  SourceLocation where(const Json& node) const;

private:
  friend class JsonDocumentBuilder;
  std::string m_file;
  std::unique_ptr<Json> m_root = std::make_unique<Json>(); ///< stable: marks point into it
  std::unordered_map<const Json*, SourceLocation> m_marks;
};

/// An Error whose one diagnostic is `where: message` (its message says the same in one line).
Error located_error(SourceLocation where,
                    std::string message,
                    ErrorCode code = ErrorCode::invalid_input);

/// Parses JSON text (`//` and `/* */` comments allowed, as before; no duplicate keys; at most
/// k_max_nesting levels).
Result<JsonDocument> parse_json_document(std::string_view text, const std::string& file);

/// Parses the first YAML document of `text` into JSON values: plain scalars are null, booleans
/// and numbers by YAML 1.2's core schema, quoted ones strings.
Result<JsonDocument> parse_yaml_document(std::string_view text, const std::string& file);

} // namespace specmesh::schema
