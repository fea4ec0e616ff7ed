// A parsed YAML document as a small read-only tree for the spec loader: each node's kind,
// scalar text and 1-based position, mapping entries and sequence items in document order.
// libyaml does the parsing (its event API); the tree lives in one arena, so building it is a
// bump allocation per node and freeing it is one release.
//
// It keeps what the loader relied on with yaml-cpp: an alias is the anchored node itself (no
// copy), `<<` is an ordinary key (no merge), tags are ignored, only the first document of a
// stream is read, and a node's position is where it starts, properties (anchor, tag), opening
// quote and block scalar indicator included.
#pragma once

#include <tl/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>

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
    Mark mark;
    bool plain = false; ///< a plain (unquoted, untagged, not block) scalar: YAML may type it
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
  /// A scalar written without quotes, tag or block indicator, whose text YAML readers may take
  /// for a number or a boolean (`3`, `true`), unlike `'3'`.
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

/// Owns the nodes of one parsed document.
class Document {
public:
  /// Absent when the text holds no document, null for an empty one.
  Node root() const { return m_root; }

private:
  friend class Builder;
  std::unique_ptr<std::pmr::monotonic_buffer_resource> m_arena =
      std::make_unique<std::pmr::monotonic_buffer_resource>();
  Node m_root;
};

/// Why a text is not YAML: libyaml's message and where it stopped.
struct ParseError {
  Mark mark;
  std::string message;
};

/// Parses the first document of `text`.
tl::expected<Document, ParseError> parse(std::string_view text);

} // namespace specmesh::spec::yaml
