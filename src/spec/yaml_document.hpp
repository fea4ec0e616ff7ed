// A parsed YAML document as a small read-only tree for the spec loader: each node's kind,
// scalar text and 1-based position, mapping entries and sequence items in document order.
// libyaml does the parsing (its event API); the tree lives in one arena, so building it is a
// bump allocation per node and freeing it is one release.
//
// It keeps what the loader relied on with yaml-cpp: an alias is the anchored node itself (no
// copy), `<<` is an ordinary key (no merge), tags are ignored, and a node's position is where it
// starts, properties (anchor, tag), opening quote and block scalar indicator included.
//
// It is stricter than libyaml: a key given twice in one mapping and a second document are
// problems of the document (the first document is still read, so the loader reports them with
// its own findings); nesting deeper than k_max_depth stops the parse (libyaml's scanner takes
// time quadratic in the depth of flow collections), an alias inside the collection it names
// stops it too (the tree would be a cycle), and a tab where libyaml expects indentation is named
// as such.
#pragma once

#include <tl/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace specmesh::spec::yaml {

/// 1-based, columns in characters; 0 when unknown.
struct Mark {
  int line = 0;
  int column = 0;
};

struct Entry;

/// A node of a Document, or an absent one (what looking up a missing key gives). A handle: cheap
/// to copy, valid as long as its Document.
class Node {
public:
  enum class Kind : std::uint8_t { null, scalar, mapping, sequence };

  /// Its parts; only the parser creates them. Kept small (a spec of 10,000 channels has a
  /// quarter of a million nodes): `kind` says which member of the union `size` counts.
  struct Data {
    Kind kind = Kind::null;
    bool plain = false; ///< a scalar without quotes or tag (YAML may read it as a number)
    Mark mark;
    std::size_t size = 0;
    union {
      const char* text = nullptr;
      const Entry* entries;
      const Node* items;
    };
  };

  Node() = default;
  explicit Node(const Data* data) : m_data(data) {}

  explicit operator bool() const { return m_data != nullptr; }
  bool is_null() const { return m_data != nullptr && m_data->kind == Kind::null; }
  bool is_scalar() const { return m_data != nullptr && m_data->kind == Kind::scalar; }
  bool is_mapping() const { return m_data != nullptr && m_data->kind == Kind::mapping; }
  bool is_sequence() const { return m_data != nullptr && m_data->kind == Kind::sequence; }

  /// The text of a scalar; empty for any other node.
  std::string_view scalar() const {
    return is_scalar() ? std::string_view(m_data->text, m_data->size) : std::string_view();
  }
  /// A scalar written without quotes, block indicator or tag: the one kind YAML's core schema
  /// reads as a boolean or number.
  bool is_plain() const { return is_scalar() && m_data->plain; }
  /// Where the node starts; unknown for an absent node.
  Mark mark() const { return m_data != nullptr ? m_data->mark : Mark{}; }
  /// Entries of a mapping in document order (duplicate keys included); empty otherwise.
  std::span<const Entry> entries() const;
  /// Items of a sequence; empty otherwise.
  std::span<const Node> items() const {
    return is_sequence() ? std::span<const Node>(m_data->items, m_data->size)
                         : std::span<const Node>();
  }
  /// The value of the first entry whose key is the scalar `key`; absent when there is none or
  /// this is not a mapping.
  Node operator[](std::string_view key) const;

private:
  const Data* m_data = nullptr;
};

struct Entry {
  Node key;
  Node value;
};

inline std::span<const Entry> Node::entries() const {
  return is_mapping() ? std::span<const Entry>(m_data->entries, m_data->size)
                      : std::span<const Entry>();
}

/// What is wrong with a text, and where.
struct ParseError {
  Mark mark;
  std::string message;
};

/// The most collections (mappings and lists) nested in one another that parse accepts.
inline constexpr std::size_t k_max_depth = 1000;

/// Owns the nodes of one parsed document.
class Document {
public:
  /// Absent when the text holds no document, null for an empty one.
  Node root() const { return m_root; }
  /// What is wrong although the text parsed, in the order found: each key given more than once
  /// in a mapping (one problem at every place it is given), a second document.
  std::span<const ParseError> problems() const { return m_problems; }

private:
  friend class Builder;
  std::unique_ptr<std::pmr::monotonic_buffer_resource> m_arena =
      std::make_unique<std::pmr::monotonic_buffer_resource>();
  Node m_root;
  std::vector<ParseError> m_problems;
};

/// Parses the first document of `text`; fails where the text stops being YAML or nests deeper
/// than k_max_depth.
tl::expected<Document, ParseError> parse(std::string_view text);

} // namespace specmesh::spec::yaml
