#include "yaml_document.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <new>
#include <unordered_map>
#include <vector>

namespace specmesh::spec::yaml {

Node Node::operator[](std::string_view key) const {
  for (const Entry& entry : entries()) {
    if (entry.key.is_scalar() && entry.key.scalar() == key) {
      return entry.value;
    }
  }
  return {};
}

namespace {

/// libyaml's parser state, released when it goes out of scope.
class Parser {
public:
  explicit Parser(std::string_view text) {
    m_ready = yaml_parser_initialize(&m_parser) != 0;
    if (m_ready) {
      yaml_parser_set_input_string(
          &m_parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    }
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  ~Parser() { yaml_parser_delete(&m_parser); }

  bool ready() const { return m_ready; }
  yaml_parser_t* get() { return &m_parser; }

private:
  yaml_parser_t m_parser{};
  bool m_ready = false;
};

/// The next event of a parser, released when it goes out of scope; `parsed` is false when the
/// parser stopped at an error.
class Event {
public:
  explicit Event(Parser& parser) : m_parsed(yaml_parser_parse(parser.get(), &m_event) != 0) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { yaml_event_delete(&m_event); }

  bool parsed() const { return m_parsed; }
  const yaml_event_t& get() const { return m_event; }

private:
  yaml_event_t m_event{};
  bool m_parsed;
};

std::string_view text_of(const yaml_char_t* text) {
  return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text))
                         : std::string_view();
}

Mark to_mark(const yaml_mark_t& mark) {
  return {static_cast<int>(mark.line + 1), static_cast<int>(mark.column + 1)};
}

/// The position of `offset` in UTF-8 `text`, counted as libyaml does: CR, LF and CRLF end a
/// line, a column is a character.
Mark mark_at(std::string_view text, std::size_t offset) {
  Mark mark{1, 1};
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    const char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++mark.line;
      mark.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++mark.column; // a character's first byte
    }
  }
  return mark;
}

/// libyaml's error as one message where it found it.
ParseError error_of(const yaml_parser_t& parser, std::string_view text) {
  const std::string problem = parser.problem != nullptr ? parser.problem : "cannot be parsed";
  if (parser.error == YAML_READER_ERROR) {
    // The reader (encoding, control characters) only knows the byte offset.
    return {mark_at(text, parser.problem_offset),
            parser.problem_value < 0 ? problem
                                     : fmt::format("{} (0x{:02x})", problem, parser.problem_value)};
  }
  if (parser.context == nullptr) {
    return {to_mark(parser.problem_mark), problem};
  }
  const Mark context = to_mark(parser.context_mark);
  return {to_mark(parser.problem_mark),
          fmt::format(
              "{} {} (started at {}:{})", problem, parser.context, context.line, context.column)};
}

bool is_null_text(std::string_view text) {
  constexpr std::array<std::string_view, 5> k_nulls{"", "~", "null", "Null", "NULL"};
  return std::find(k_nulls.begin(), k_nulls.end(), text) != k_nulls.end();
}

} // namespace

/// Turns the parser's events into a Document's nodes.
class Builder {
public:
  explicit Builder(Document& document) : m_document(document) {}

  enum class Progress { reading, complete };

  /// Adds what an event stands for; `complete` at the end of the first document.
  tl::expected<Progress, ParseError> add(const yaml_event_t& event) {
    switch (event.type) {
    case YAML_SCALAR_EVENT:
      append(scalar(event));
      break;
    case YAML_ALIAS_EVENT: {
      const std::string name(text_of(event.data.alias.anchor));
      const auto anchor = m_anchors.find(name);
      if (anchor == m_anchors.end()) {
        return tl::unexpected(
            ParseError{to_mark(event.start_mark),
                       fmt::format("alias '*{}' has no anchor '&{}' before it", name, name)});
      }
      append(Node(anchor->second));
      break;
    }
    case YAML_MAPPING_START_EVENT:
      open(Node::Kind::mapping, event, event.data.mapping_start.anchor);
      break;
    case YAML_SEQUENCE_START_EVENT:
      open(Node::Kind::sequence, event, event.data.sequence_start.anchor);
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      close();
      break;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
      return Progress::complete;
    default:
      break;
    }
    return Progress::reading;
  }

private:
  Document& m_document;
  std::unordered_map<std::string, const Node::Data*> m_anchors;
  /// Children of the collections still open, innermost last; each open collection owns the
  /// tail from its `first_child` on.
  std::vector<Node> m_pending;
  struct Open {
    Node::Data* data;
    std::size_t first_child;
  };
  std::vector<Open> m_open;

  std::pmr::monotonic_buffer_resource& arena() { return *m_document.m_arena; }

  template <typename T> T* allocate(std::size_t count) {
    return static_cast<T*>(arena().allocate(count * sizeof(T), alignof(T)));
  }

  Node::Data* create(Node::Kind kind, const yaml_event_t& event, const yaml_char_t* anchor) {
    auto* data = new (allocate<Node::Data>(1)) Node::Data{kind, to_mark(event.start_mark)};
    if (anchor != nullptr) {
      m_anchors.insert_or_assign(std::string(text_of(anchor)), data);
    }
    return data;
  }

  Node scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    const std::string_view text(reinterpret_cast<const char*>(scalar.value), scalar.length);
    // As in YAML 1.2's core schema: only a plain, untagged scalar can mean null.
    const bool null =
        scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nullptr && is_null_text(text);
    Node::Data* data = create(null ? Node::Kind::null : Node::Kind::scalar, event, scalar.anchor);
    data->plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nullptr;
    if (!null && !text.empty()) {
      // libyaml's text belongs to its event: copy it.
      char* copy = allocate<char>(text.size());
      std::memcpy(copy, text.data(), text.size());
      data->text = copy;
      data->size = text.size();
    }
    return Node(data);
  }

  void open(Node::Kind kind, const yaml_event_t& event, const yaml_char_t* anchor) {
    m_open.push_back({create(kind, event, anchor), m_pending.size()});
  }

  void close() {
    const Open current = m_open.back();
    m_open.pop_back();
    const std::span<const Node> children(
        m_pending.begin() + static_cast<std::ptrdiff_t>(current.first_child), m_pending.end());
    if (current.data->kind == Node::Kind::mapping) {
      auto* entries = allocate<Entry>(children.size() / 2);
      for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
        new (&entries[i / 2]) Entry{children[i], children[i + 1]};
      }
      current.data->entries = entries;
      current.data->size = children.size() / 2;
    } else {
      auto* items = allocate<Node>(children.size());
      std::uninitialized_copy(children.begin(), children.end(), items);
      current.data->items = items;
      current.data->size = children.size();
    }
    m_pending.resize(current.first_child);
    append(Node(current.data));
  }

  void append(Node node) {
    if (m_open.empty()) {
      m_document.m_root = node;
    } else {
      m_pending.push_back(node);
    }
  }
};

tl::expected<Document, ParseError> parse(std::string_view text) {
  Parser parser(text);
  if (!parser.ready()) {
    return tl::unexpected(ParseError{{}, "the YAML parser could not be set up"});
  }
  Document document;
  Builder builder(document);
  while (true) {
    const Event event(parser);
    if (!event.parsed()) {
      return tl::unexpected(error_of(*parser.get(), text));
    }
    const auto progress = builder.add(event.get());
    if (!progress) {
      return tl::unexpected(progress.error());
    }
    if (*progress == Builder::Progress::complete) {
      return document;
    }
  }
}

} // namespace specmesh::spec::yaml
