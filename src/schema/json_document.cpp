#include "json_document.hpp"

#include "spec/yaml_document.hpp"
#include "spec/yaml_json.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <iterator>
#include <set>
#include <vector>

namespace specmesh::schema {

SourceLocation JsonDocument::where(const Json& node) const {
  const auto found = m_marks.find(&node);
  return found != m_marks.end() ? found->second : SourceLocation{m_file, 1, 1};
}

Error located_error(SourceLocation where, std::string message, ErrorCode code) {
  std::string summary = Diagnostic{where, message}.to_string();
  return Error{code, std::move(summary), {{std::move(where), std::move(message)}}};
}

/// Fills a JsonDocument's marks: the locations, listed in document order (each value before
/// its members), are given to the values of the finished tree in the same order.
class JsonDocumentBuilder {
public:
  explicit JsonDocumentBuilder(const std::string& file) { m_document.m_file = file; }

  Json& root() { return *m_document.m_root; }

  void mark(int line, int column) { m_locations.push_back({m_document.m_file, line, column}); }

  JsonDocument finish() {
    std::size_t next = 0;
    assign(root(), next);
    return std::move(m_document);
  }

  /// Marks a YAML document's nodes onto the tree converted from them.
  void mark_yaml(spec::yaml::Node node, const Json& value) {
    const spec::yaml::Mark mark = node.mark();
    m_document.m_marks.emplace(&value, SourceLocation{m_document.m_file, mark.line, mark.column});
    if (value.is_array()) {
      const auto items = node.items();
      for (std::size_t i = 0; i < value.size(); ++i) {
        mark_yaml(items[i], value[i]);
      }
    } else if (value.is_object()) {
      auto member = value.begin();
      for (const spec::yaml::Entry& entry : node.entries()) {
        mark_yaml(entry.value, member.value());
        ++member;
      }
    }
  }

private:
  void assign(const Json& value, std::size_t& next) {
    if (next < m_locations.size()) {
      m_document.m_marks.emplace(&value, m_locations[next]);
    }
    ++next;
    if (value.is_structured()) {
      for (const Json& member : value) {
        assign(member, next);
      }
    }
  }

  JsonDocument m_document;
  std::vector<SourceLocation> m_locations;
};

namespace {

/// Byte offsets to 1-based line and column (in characters); offsets asked for mostly grow, so
/// it walks forward from the last one.
class LineCounter {
public:
  explicit LineCounter(std::string_view text) : m_text(text) {}

  std::pair<int, int> at(std::size_t offset) {
    if (offset < m_offset) {
      m_offset = 0;
      m_line = 1;
      m_column = 1;
    }
    for (; m_offset < offset && m_offset < m_text.size(); ++m_offset) {
      const auto byte = static_cast<unsigned char>(m_text[m_offset]);
      if (byte == '\n') {
        ++m_line;
        m_column = 1;
      } else if ((byte & 0xC0U) != 0x80U) { // not a UTF-8 continuation byte
        ++m_column;
      }
    }
    return {m_line, m_column};
  }

private:
  std::string_view m_text;
  std::size_t m_offset = 0;
  int m_line = 1;
  int m_column = 1;
};

/// A char iterator that counts what the parser consumed: nlohmann reads no further than the
/// end of a token (one character past a number), so the count locates each SAX event.
class CountingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* consumed) : m_at(at), m_consumed(consumed) {}
  reference operator*() const { return *m_at; }
  CountingIterator& operator++() {
    ++m_at;
    ++*m_consumed;
    return *this;
  }
  bool operator==(const CountingIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const CountingIterator& other) const { return m_at != other.m_at; }

private:
  const char* m_at;
  std::size_t* m_consumed;
};

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/// nlohmann SAX handler that records where each value starts and refuses duplicate keys and
/// nesting deeper than k_max_nesting (the first error stops the parse).
class PositionScanner {
public:
  PositionScanner(std::string_view text, JsonDocumentBuilder& builder, const std::string& file)
      : m_text(text), m_lines(text), m_builder(builder), m_file(file) {}

  std::size_t* consumed() { return &m_consumed; }
  std::optional<Error>& error() { return m_error; }

  bool null() { return value_at(m_consumed - 4); }
  bool boolean(bool value) { return value_at(m_consumed - (value ? 4 : 5)); }
  bool number_integer(std::int64_t /*value*/) { return value_at(number_start()); }
  bool number_unsigned(std::uint64_t /*value*/) { return value_at(number_start()); }
  bool number_float(double /*value*/, const std::string& /*text*/) {
    return value_at(number_start());
  }
  bool string(std::string& /*value*/) { return value_at(string_start()); }
  bool binary(Json::binary_t& /*value*/) { return true; } // not produced by JSON text
  bool start_object(std::size_t /*size*/) {
    m_keys.emplace_back();
    return open(m_consumed - 1);
  }
  bool key(std::string& key) {
    if (!m_keys.back().insert(key).second) {
      return fail(string_start(), fmt::format("duplicate key '{}'", key));
    }
    return true;
  }
  bool end_object() {
    m_keys.pop_back();
    --m_depth;
    return true;
  }
  bool start_array(std::size_t /*size*/) { return open(m_consumed - 1); }
  bool end_array() {
    --m_depth;
    return true;
  }
  bool parse_error(std::size_t position,
                   const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    // what(): "[json.exception.parse_error.101] parse error at line 1, column 2: why".
    const std::string what = error.what();
    const std::size_t colon = what.find(": ", what.find("column "));
    const std::string why = colon == std::string::npos ? what : what.substr(colon + 2);
    return fail(position > 0 ? position - 1 : 0, "invalid JSON: " + why);
  }

private:
  bool value_at(std::size_t offset) {
    const auto [line, column] = m_lines.at(offset);
    m_builder.mark(line, column);
    return true;
  }

  bool open(std::size_t offset) {
    value_at(offset);
    if (++m_depth > k_max_nesting) {
      return fail(offset, fmt::format("nesting deeper than {} levels", k_max_nesting));
    }
    return true;
  }

  bool fail(std::size_t offset, std::string message) {
    const auto [line, column] = m_lines.at(offset);
    m_error = located_error({m_file, line, column}, std::move(message));
    return false;
  }

  std::size_t number_start() const {
    std::size_t end = m_consumed;
    if (end > 0 && end <= m_text.size() && !is_number_char(m_text[end - 1])) {
      --end; // the character that ended the number
    }
    std::size_t start = end;
    while (start > 0 && is_number_char(m_text[start - 1])) {
      --start;
    }
    return start;
  }

  /// The opening quote of the string that ends just before m_consumed: the nearest quote
  /// before the closing one that is not escaped (preceded by an even number of backslashes).
  std::size_t string_start() const {
    for (std::size_t at = m_consumed >= 2 ? m_consumed - 2 : 0; at > 0; --at) {
      if (m_text[at] != '"') {
        continue;
      }
      std::size_t backslashes = 0;
      while (backslashes < at && m_text[at - 1 - backslashes] == '\\') {
        ++backslashes;
      }
      if (backslashes % 2 == 0) {
        return at;
      }
    }
    return 0;
  }

  std::string_view m_text;
  LineCounter m_lines;
  JsonDocumentBuilder& m_builder;
  const std::string& m_file;
  std::size_t m_consumed = 0;
  int m_depth = 0;
  std::vector<std::set<std::string>> m_keys;
  std::optional<Error> m_error;
};

/// A YAML document's tree as JSON values; every problem is a located Error.
class YamlConverter {
public:
  explicit YamlConverter(const std::string& file) : m_file(file) {}

  Result<Json> convert(spec::yaml::Node node, int depth) {
    if (++m_values > k_max_values) {
      return tl::unexpected(problem(
          node, fmt::format("more than {} values (after expanding aliases)", k_max_values)));
    }
    if (depth > k_max_nesting) {
      return tl::unexpected(
          problem(node, fmt::format("nesting deeper than {} levels", k_max_nesting)));
    }
    if (node.is_scalar()) {
      return node.is_plain() ? Json(spec::yaml::plain_value(node.scalar()))
                             : Json(std::string(node.scalar()));
    }
    if (node.is_sequence()) {
      return convert_sequence(node, depth);
    }
    if (node.is_mapping()) {
      return convert_mapping(node, depth);
    }
    return Json(nullptr);
  }

private:
  static constexpr std::size_t k_max_values = 1'000'000;

  Error problem(spec::yaml::Node node, std::string message) const {
    const spec::yaml::Mark mark = node.mark();
    return located_error({m_file, mark.line, mark.column}, std::move(message));
  }

  Result<Json> convert_sequence(spec::yaml::Node node, int depth) {
    Json array = Json::array();
    for (const spec::yaml::Node item : node.items()) {
      auto value = convert(item, depth + 1);
      if (!value) {
        return value;
      }
      array.push_back(std::move(*value));
    }
    return array;
  }

  Result<Json> convert_mapping(spec::yaml::Node node, int depth) {
    Json object = Json::object();
    for (const spec::yaml::Entry& entry : node.entries()) {
      if (!entry.key.is_scalar()) {
        return tl::unexpected(problem(entry.key, "a key must be a string"));
      }
      auto value = convert(entry.value, depth + 1);
      if (!value) {
        return value;
      }
      // The parser refused duplicate keys, so append without ordered_map's linear search.
      object.get_ref<Json::object_t&>().emplace_back(std::string(entry.key.scalar()),
                                                     std::move(*value));
    }
    return object;
  }

  const std::string& m_file;
  std::size_t m_values = 0;
};

} // namespace

Result<JsonDocument> parse_json_document(std::string_view text, const std::string& file) {
  JsonDocumentBuilder builder(file);
  PositionScanner scanner(text, builder, file);
  const CountingIterator first(text.data(), scanner.consumed());
  const CountingIterator last(text.data() + text.size(), scanner.consumed());
  if (!Json::sax_parse(first, last, &scanner, nlohmann::detail::input_format_t::json, true, true)) {
    return tl::unexpected(scanner.error().value_or(located_error({file, 1, 1}, "invalid JSON")));
  }
  builder.root() = Json::parse(text, nullptr, true, /*ignore_comments=*/true);
  return builder.finish();
}

Result<JsonDocument> parse_yaml_document(std::string_view text, const std::string& file) {
  auto document = spec::yaml::parse(text);
  if (!document) {
    const spec::yaml::ParseError& error = document.error();
    return tl::unexpected(located_error({file, error.mark.line, error.mark.column},
                                        "invalid YAML: " + error.message));
  }
  if (!document->problems().empty()) {
    std::vector<Diagnostic> diagnostics;
    for (const spec::yaml::ParseError& problem : document->problems()) {
      diagnostics.push_back({{file, problem.mark.line, problem.mark.column}, problem.message});
    }
    std::string summary = diagnostics.front().to_string();
    return tl::unexpected(
        Error{ErrorCode::invalid_input, std::move(summary), std::move(diagnostics)});
  }
  YamlConverter converter(file);
  auto value = converter.convert(document->root(), 0);
  if (!value) {
    return tl::unexpected(std::move(value.error()));
  }
  JsonDocumentBuilder builder(file);
  builder.root() = std::move(*value);
  builder.mark_yaml(document->root(), builder.root());
  return builder.finish();
}

} // namespace specmesh::schema
