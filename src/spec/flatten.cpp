// `flatten` edits the spec's text instead of writing a parsed tree out again: only the channel
// keys that change are replaced, so comments, quoting, scalar styles, anchors, key order,
// layout and JSON syntax stay byte for byte, and every reader reads every other value back as
// it read it from the input. libyaml's event parser (the one load_string uses, run once more)
// says where each key of the top-level `channels` mapping stands and how it is quoted.
#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace specmesh::spec {

namespace {

/// A key of the `channels` mapping as it stands in the text.
struct KeyInText {
  std::string value;     ///< the key as the loader read it
  std::size_t begin = 0; ///< byte range of the scalar in the text
  std::size_t end = 0;
  yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
  bool in_flow = false; ///< inside `{…}` (a JSON spec is all flow)
  /// Why the key cannot be rewritten, empty when it can: an alias, or a scalar with an anchor
  /// or tag, which other nodes may refer to.
  std::string_view fixed_because;
  int line = 0; ///< 1-based, for diagnostics
  int column = 0;
};

struct ChannelKeys {
  std::vector<KeyInText> keys;
  /// Set when `channels` is an alias: its keys stand under the anchor, maybe used elsewhere.
  std::optional<std::pair<int, int>> alias_at;
};

std::size_t utf8_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  return byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
}

/// libyaml's marks count characters (a leading BOM not at all); the text is edited in bytes.
/// Converts increasing character indexes in one pass over the text.
class ByteOffsets {
public:
  explicit ByteOffsets(std::string_view text) : m_text(text) {
    if (text.starts_with("\xEF\xBB\xBF")) {
      m_byte = 3;
    }
  }
  std::size_t at(std::size_t index) {
    while (m_index < index && m_byte < m_text.size()) {
      m_byte += utf8_length(m_text[m_byte]);
      ++m_index;
    }
    return std::min(m_byte, m_text.size());
  }

private:
  std::string_view m_text;
  std::size_t m_index = 0;
  std::size_t m_byte = 0;
};

class EventParser {
public:
  explicit EventParser(std::string_view text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(
        &m_parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;
  EventParser(EventParser&&) = delete;
  EventParser& operator=(EventParser&&) = delete;
  ~EventParser() {
    yaml_event_delete(&m_event);
    yaml_parser_delete(&m_parser);
  }
  /// The next event, or nullptr at the end of the first document (or on an error, which
  /// load_string has already reported for the same text).
  const yaml_event_t* next() {
    yaml_event_delete(&m_event);
    if (yaml_parser_parse(&m_parser, &m_event) == 0 || m_event.type == YAML_DOCUMENT_END_EVENT
        || m_event.type == YAML_STREAM_END_EVENT) {
      return nullptr;
    }
    return &m_event;
  }

private:
  yaml_parser_t m_parser{};
  yaml_event_t m_event{};
};

std::string_view scalar_text(const yaml_event_t& event) {
  return {reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length};
}

/// The keys of the first top-level `channels` mapping (the one load_string reads), in order.
ChannelKeys find_channel_keys(std::string_view text) {
  struct Frame {
    bool mapping = false;
    bool flow = false;
    bool at_key = true;
  };
  ChannelKeys found;
  std::vector<Frame> frames;
  std::map<std::string, std::string, std::less<>> anchored_scalars;
  ByteOffsets offsets(text);
  bool channels_next = false;
  bool channels_seen = false;
  std::size_t channels_depth = 0; // frames.size() inside the channels mapping
  EventParser parser(text);
  for (const yaml_event_t* event = parser.next(); event != nullptr; event = parser.next()) {
    if (event->type == YAML_MAPPING_END_EVENT || event->type == YAML_SEQUENCE_END_EVENT) {
      if (frames.size() == channels_depth) {
        break;
      }
      frames.pop_back();
      continue;
    }
    const bool is_node = event->type == YAML_SCALAR_EVENT || event->type == YAML_ALIAS_EVENT
                         || event->type == YAML_MAPPING_START_EVENT
                         || event->type == YAML_SEQUENCE_START_EVENT;
    if (!is_node) {
      continue;
    }
    const bool is_key = !frames.empty() && frames.back().mapping && frames.back().at_key;
    if (!frames.empty() && frames.back().mapping) {
      frames.back().at_key = !frames.back().at_key;
    }
    const int line = static_cast<int>(event->start_mark.line) + 1;
    const int column = static_cast<int>(event->start_mark.column) + 1;
    if (event->type == YAML_SCALAR_EVENT && event->data.scalar.anchor != nullptr) {
      anchored_scalars[reinterpret_cast<const char*>(event->data.scalar.anchor)] =
          scalar_text(*event);
    }
    if (frames.size() == 1 && is_key) {
      channels_next =
          !channels_seen && event->type == YAML_SCALAR_EVENT && scalar_text(*event) == "channels";
      channels_seen = channels_seen || channels_next;
    } else if (frames.size() == 1 && channels_next) {
      channels_next = false;
      if (event->type == YAML_ALIAS_EVENT) {
        found.alias_at = {line, column};
      }
      channels_depth = event->type == YAML_MAPPING_START_EVENT ? 2 : 0;
    } else if (is_key && channels_depth != 0 && frames.size() == channels_depth) {
      KeyInText key{.in_flow = frames.back().flow, .line = line, .column = column};
      if (event->type == YAML_ALIAS_EVENT) {
        const auto anchored =
            anchored_scalars.find(reinterpret_cast<const char*>(event->data.alias.anchor));
        key.value = anchored != anchored_scalars.end() ? anchored->second : "";
        key.fixed_because = "is an alias";
      } else if (event->type == YAML_SCALAR_EVENT) {
        key.value = scalar_text(*event);
        key.style = event->data.scalar.style;
        key.fixed_because = event->data.scalar.anchor != nullptr ? "has an anchor"
                            : event->data.scalar.tag != nullptr  ? "has a tag"
                                                                 : "";
        key.begin = offsets.at(event->start_mark.index);
        key.end = offsets.at(event->end_mark.index);
      }
      found.keys.push_back(std::move(key));
    }
    if (event->type == YAML_MAPPING_START_EVENT || event->type == YAML_SEQUENCE_START_EVENT) {
      const bool flow = event->type == YAML_MAPPING_START_EVENT
                            ? event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                            : event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
      frames.push_back({.mapping = event->type == YAML_MAPPING_START_EVENT,
                        .flow = flow || (!frames.empty() && frames.back().flow)});
    }
  }
  return found;
}

/// The code point of the UTF-8 sequence at the start of `text` (valid: libyaml read it).
char32_t code_point(std::string_view text) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]) & 0x3fU; };
  const auto lead = static_cast<unsigned char>(text[0]);
  switch (utf8_length(text[0])) {
  case 1:
    return lead;
  case 2:
    return ((lead & 0x1fU) << 6U) | byte(1);
  case 3:
    return ((lead & 0x0fU) << 12U) | (byte(1) << 6U) | byte(2);
  default:
    return ((lead & 0x07U) << 18U) | (byte(1) << 12U) | (byte(2) << 6U) | byte(3);
  }
}

/// A double-quoted scalar that is also a JSON string (so a JSON spec stays JSON): JSON's
/// escapes, plus \u escapes for what YAML readers refuse or read as a line break raw (DEL, C1
/// controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF).
std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t width = std::min(utf8_length(text[at]), text.size() - at);
    const char32_t point = code_point(text.substr(at, width));
    if (point == '"' || point == '\\') {
      out += '\\';
      out += static_cast<char>(point);
    } else if (point == '\n') {
      out += "\\n";
    } else if (point == '\t') {
      out += "\\t";
    } else if (point < 0x20 || (point >= 0x7f && point <= 0x9f) || point == 0x2028
               || point == 0x2029 || point == 0xfeff || point == 0xfffe || point == 0xffff) {
      out += fmt::format("\\u{:04X}", static_cast<std::uint32_t>(point));
    } else {
      out += text.substr(at, width);
    }
    at += width;
  }
  return out + '"';
}

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

/// The new key in the original key's style where the name allows it, double-quoted otherwise.
std::string written_key(std::string_view name, const KeyInText& original) {
  switch (original.style) {
  case YAML_PLAIN_SCALAR_STYLE:
    // Older readers (PyYAML before 5.1) end a plain key in a flow mapping at any ':'.
    if (plain_scalar_is_string(name)
        && !(original.in_flow && name.find(':') != std::string_view::npos)) {
      return std::string(name);
    }
    break;
  case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    if (is_printable_ascii(name)) {
      std::string out = "'";
      for (const char c : name) {
        out += c == '\'' ? "''" : std::string(1, c);
      }
      return out + "'";
    }
    break;
  default:
    break;
  }
  return double_quoted(name);
}

/// The bytes a key's scalar spans, without the line breaks and blanks that end a block
/// scalar (`? |` keys): the `:` line after it keeps its own line.
std::pair<std::size_t, std::size_t> replaced_range(std::string_view text, const KeyInText& key) {
  std::size_t end = key.end;
  if (key.style == YAML_LITERAL_SCALAR_STYLE || key.style == YAML_FOLDED_SCALAR_STYLE) {
    while (end > key.begin
           && std::string_view(" \t\r\n").find(text[end - 1]) != std::string::npos) {
      --end;
    }
  }
  return {key.begin, end};
}

} // namespace

std::string flattened_key(const Channel& channel, std::string_view domain, char delimiter) {
  if (!channel.publish) {
    return channel.key; // not prefixed on load, so the key already is the topic name
  }
  if (in_scope(channel.name, domain, delimiter)) {
    return channel.name;
  }
  // Only an absolute key makes a publish channel land outside the domain; keep it absolute.
  return "/" + channel.name;
}

Result<std::string>
flatten_yaml(std::string_view text, const std::string& file_name, const NamingOptions& naming) {
  Result<ApiSpec> spec = load_string(text, file_name, naming);
  if (!spec) {
    return tl::unexpected(std::move(spec.error()));
  }
  if (text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE")) {
    return tl::unexpected(
        Error{ErrorCode::invalid_spec,
              fmt::format("spec '{}' cannot be flattened", file_name),
              {{{file_name, 1, 1}, "flatten rewrites UTF-8 specs only; this one is UTF-16"}}});
  }
  std::map<std::string, std::string, std::less<>> renamed;
  for (const Channel& channel : spec->channels) {
    if (std::string key = flattened_key(channel, spec->domain, naming.delimiter);
        key != channel.key) {
      renamed.emplace(channel.key, std::move(key));
    }
  }
  const ChannelKeys found = find_channel_keys(text);
  std::vector<Diagnostic> problems;
  if (found.alias_at && !renamed.empty()) {
    problems.push_back({{file_name, found.alias_at->first, found.alias_at->second},
                        "'channels' is an alias; flatten renames keys in place, so write the "
                        "channels out here instead of referring to them"});
  }
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::size_t copied = 0;
  for (const KeyInText& key : found.keys) {
    const auto rename = renamed.find(key.value);
    if (rename == renamed.end()) {
      continue;
    }
    if (!key.fixed_because.empty()) {
      problems.push_back({{file_name, key.line, key.column},
                          fmt::format("channel key '{}' {}; flatten cannot rename it to '{}' "
                                      "without changing what refers to it",
                                      key.value,
                                      key.fixed_because,
                                      rename->second)});
      continue;
    }
    const auto [begin, end] = replaced_range(text, key);
    out.append(text.substr(copied, begin - copied));
    out += written_key(rename->second, key);
    copied = end;
  }
  if (!problems.empty()) {
    return tl::unexpected(Error{ErrorCode::invalid_spec,
                                fmt::format("spec '{}' cannot be flattened", file_name),
                                std::move(problems)});
  }
  out.append(text.substr(copied));
  return out;
}

} // namespace specmesh::spec
