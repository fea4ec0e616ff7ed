// YAML out: the counterpart of load.cpp. libyaml's emitter writes `export`'s spec: it is the C
// twin of PyYAML's emitter and escapes whatever a YAML reader would refuse or fold (DEL, U+2028,
// U+FEFF, …). It only knows the syntax, though: which strings would read back as numbers,
// booleans or null is decided here (plain_scalar_is_string), so every reader sees strings.
// Everything written here loads again with load_string into the same model.
#include <specmesh/spec/load.hpp>
#include <specmesh/spec/write.hpp>

#include <yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace specmesh::spec {

namespace {

constexpr std::array<std::pair<KafkaType, const char*>, 10> k_kafka_type_names{{
    {KafkaType::uuid, "uuid"},
    {KafkaType::boolean, "boolean"},
    {KafkaType::long_, "long"},
    {KafkaType::int_, "int"},
    {KafkaType::short_, "short"},
    {KafkaType::float_, "float"},
    {KafkaType::double_, "double"},
    {KafkaType::string, "string"},
    {KafkaType::bytes, "bytes"},
    {KafkaType::void_, "void"},
}};

const char* kafka_type_name(KafkaType type) {
  for (const auto& [value, name] : k_kafka_type_names) {
    if (value == type) {
      return name;
    }
  }
  return "string";
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

/// Null, booleans, infinity and NaN, YAML 1.1's `=` and `<<`, in any case: YAML 1.1 (PyYAML)
/// resolves y/n/yes/no/on/off, YAML 1.2's core schema (yaml-cpp) null/true/false in three
/// spellings.
bool is_reserved_word(std::string_view text) {
  constexpr std::array<std::string_view, 14> k_words{
      "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<", ".inf", ".nan"};
  const std::string word = lower(text);
  return std::find(k_words.begin(), k_words.end(), word) != k_words.end();
}

/// Every number and timestamp of YAML 1.1 and 1.2 (ints in any base and with `_`, floats with
/// exponents, sexagesimal `1:20`, `2001-12-14`, `.5`, `+.inf`) starts with an optional sign and
/// then a digit or a dot: a string that starts so is quoted, whatever follows.
bool looks_numeric(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    text.remove_prefix(1);
    if (is_reserved_word(text)) { // -.inf, +.nan
      return true;
    }
  }
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
  }
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0;
}

/// Characters a plain scalar cannot hold as they are: controls, DEL, and the UTF-8 of the C1
/// controls (NEL included), U+2028/U+2029 (YAML 1.1 line breaks), U+FEFF, U+FFFE and U+FFFF.
bool has_unprintable(std::string_view text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    const std::string_view rest = text.substr(at);
    if (byte < 0x20 || byte == 0x7f
        || (byte == 0xc2 && rest.size() > 1 && static_cast<unsigned char>(rest[1]) < 0xa0)
        || rest.starts_with("\u2028") || rest.starts_with("\u2029") || rest.starts_with("\uFEFF")
        || rest.starts_with("\xEF\xBF\xBE") || rest.starts_with("\xEF\xBF\xBF")) {
      return true;
    }
  }
  return false;
}

/// What a plain scalar cannot be in block or flow context: empty, spaced at either end, opened
/// by an indicator or a document marker, holding a flow indicator, `: `, ` #`, or ending in `:`.
bool breaks_plain_syntax(std::string_view text) {
  constexpr std::string_view k_leading_indicators = "-?:,[]{}#&*!|>'\"%@`";
  constexpr std::string_view k_flow_indicators = ",[]{}";
  return text.empty() || text.front() == ' ' || text.back() == ' ' || text.back() == ':'
         || k_leading_indicators.find(text.front()) != std::string_view::npos
         || text.find_first_of(k_flow_indicators) != std::string_view::npos
         || text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos
         || text.starts_with("...") || has_unprintable(text);
}

/// libyaml's emitter writing into a string, UTF-8 kept as it is, lines never folded.
class YamlWriter {
public:
  YamlWriter() {
    yaml_emitter_initialize(&m_emitter);
    yaml_emitter_set_output(&m_emitter, append, &m_text);
    yaml_emitter_set_unicode(&m_emitter, 1);
    yaml_emitter_set_width(&m_emitter, -1);
    yaml_emitter_set_indent(&m_emitter, 2);
    yaml_event_t event;
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    emit(event);
    yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr, 1);
    emit(event);
  }
  YamlWriter(const YamlWriter&) = delete;
  YamlWriter& operator=(const YamlWriter&) = delete;
  YamlWriter(YamlWriter&&) = delete;
  YamlWriter& operator=(YamlWriter&&) = delete;
  ~YamlWriter() { yaml_emitter_delete(&m_emitter); }

  enum class Style : std::uint8_t { block, flow };

  void begin_map(Style style = Style::block) {
    yaml_event_t event;
    yaml_mapping_start_event_initialize(&event,
                                        nullptr,
                                        nullptr,
                                        1,
                                        style == Style::flow ? YAML_FLOW_MAPPING_STYLE
                                                             : YAML_BLOCK_MAPPING_STYLE);
    emit(event);
  }
  void end_map() {
    yaml_event_t event;
    yaml_mapping_end_event_initialize(&event);
    emit(event);
  }
  void begin_seq(Style style = Style::block) {
    yaml_event_t event;
    yaml_sequence_start_event_initialize(&event,
                                         nullptr,
                                         nullptr,
                                         1,
                                         style == Style::flow ? YAML_FLOW_SEQUENCE_STYLE
                                                              : YAML_BLOCK_SEQUENCE_STYLE);
    emit(event);
  }
  void end_seq() {
    yaml_event_t event;
    yaml_sequence_end_event_initialize(&event);
    emit(event);
  }
  /// A string: plain when every reader reads it back as this string, else double-quoted.
  void string(std::string_view text) {
    scalar(text,
           plain_scalar_is_string(text) ? YAML_PLAIN_SCALAR_STYLE
                                        : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
  }
  void number(int value) { scalar(std::to_string(value), YAML_PLAIN_SCALAR_STYLE); }
  void field(std::string_view key, std::string_view value) {
    string(key);
    string(value);
  }

  std::string finish() && {
    yaml_event_t event;
    yaml_document_end_event_initialize(&event, 1);
    emit(event);
    yaml_stream_end_event_initialize(&event);
    emit(event);
    return std::move(m_text);
  }

private:
  static int append(void* data, unsigned char* buffer, std::size_t size) {
    static_cast<std::string*>(data)->append(reinterpret_cast<const char*>(buffer), size);
    return 1;
  }

  void scalar(std::string_view text, yaml_scalar_style_t style) {
    yaml_event_t event;
    // libyaml copies the value; it refuses only text that is not UTF-8, which no loaded spec
    // or Kafka string holds: such a string is written as U+FFFD so the document stays whole.
    // libyaml takes the value as non-const but only reads it.
    auto* value = reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data()));
    if (yaml_scalar_event_initialize(
            &event, nullptr, nullptr, value, static_cast<int>(text.size()), 1, 1, style)
        == 0) {
      std::string replacement = "\uFFFD";
      yaml_scalar_event_initialize(&event,
                                   nullptr,
                                   nullptr,
                                   reinterpret_cast<yaml_char_t*>(replacement.data()),
                                   static_cast<int>(replacement.size()),
                                   1,
                                   1,
                                   YAML_PLAIN_SCALAR_STYLE);
    }
    emit(event);
  }

  /// The events are well nested by construction, so libyaml has no reason to refuse one.
  void emit(yaml_event_t& event) { yaml_emitter_emit(&m_emitter, &event); }

  yaml_emitter_t m_emitter{};
  std::string m_text;
};

/// `key: value`, left out when the value is empty (the loader's default).
void optional_field(YamlWriter& out, std::string_view key, const std::string& value) {
  if (!value.empty()) {
    out.field(key, value);
  }
}

/// `key: value`, left out when the value is the loader's default for the key.
void non_default_field(YamlWriter& out,
                       std::string_view key,
                       const std::string& value,
                       std::string_view default_value) {
  if (value != default_value) {
    out.field(key, value);
  }
}

void write_record_part(YamlWriter& out, const RecordPart& part) {
  out.begin_map();
  switch (part.kind) {
  case RecordPart::Kind::schema_ref:
    out.field("$ref", part.schema_ref);
    break;
  case RecordPart::Kind::kafka_type:
    out.field("type", kafka_type_name(part.kafka_type));
    break;
  case RecordPart::Kind::inline_object:
    out.field("type", "object");
    out.string("properties");
    out.begin_map(YamlWriter::Style::flow);
    out.end_map();
    break;
  }
  out.end_map();
}

void write_kafka_binding(YamlWriter& out, const KafkaBinding& binding) {
  out.string("bindings");
  out.begin_map();
  out.string("kafka");
  out.begin_map();
  if (binding.partitions) {
    out.string("partitions");
    out.number(*binding.partitions);
  }
  if (binding.replicas) {
    out.string("replicas");
    out.number(*binding.replicas);
  }
  if (!binding.configs.empty()) {
    out.string("configs");
    out.begin_map();
    for (const auto& [key, value] : binding.configs) {
      out.field(key, value);
    }
    out.end_map();
  }
  if (!binding.envs.empty()) {
    out.string("envs");
    out.begin_seq(YamlWriter::Style::flow);
    for (const std::string& env : binding.envs) {
      out.string(env);
    }
    out.end_seq();
  }
  optional_field(out, "groupId", binding.group_id);
  non_default_field(out, "schemaIdLocation", binding.schema_id_location, "payload");
  non_default_field(
      out, "schemaLookupStrategy", binding.schema_lookup_strategy, "TopicNameStrategy");
  non_default_field(out, "bindingVersion", binding.binding_version, "latest");
  if (binding.key) {
    out.string("key");
    write_record_part(out, *binding.key);
  }
  out.end_map();
  out.end_map();
}

void write_message(YamlWriter& out, const Message& message) {
  out.string("message");
  out.begin_map();
  optional_field(out, "name", message.name);
  optional_field(out, "messageId", message.message_id);
  optional_field(out, "schemaFormat", message.schema_format);
  optional_field(out, "contentType", message.content_type);
  if (message.payload) {
    out.string("payload");
    write_record_part(out, *message.payload);
  }
  if (message.kafka) {
    write_kafka_binding(out, *message.kafka);
  }
  out.end_map();
}

void write_operation(YamlWriter& out, std::string_view what, const Operation& operation) {
  out.string(what);
  out.begin_map();
  optional_field(out, "operationId", operation.operation_id);
  optional_field(out, "summary", operation.summary);
  if (!operation.tags.empty()) {
    out.string("tags");
    out.begin_seq();
    for (const Tag& tag : operation.tags) {
      out.begin_map();
      out.field("name", tag.name);
      optional_field(out, "description", tag.description);
      out.end_map();
    }
    out.end_seq();
  }
  if (operation.message) {
    write_message(out, *operation.message);
  }
  out.end_map();
}

void write_channel(YamlWriter& out, const Channel& channel) {
  out.string(channel.key);
  out.begin_map();
  optional_field(out, "description", channel.description);
  if (channel.kafka) {
    write_kafka_binding(out, *channel.kafka);
  }
  if (channel.publish) {
    write_operation(out, "publish", *channel.publish);
  }
  if (channel.subscribe) {
    write_operation(out, "subscribe", *channel.subscribe);
  }
  out.end_map();
}

} // namespace

bool plain_scalar_is_string(std::string_view text) {
  return !breaks_plain_syntax(text) && !is_reserved_word(text) && !looks_numeric(text);
}

std::string to_yaml(const ApiSpec& spec) {
  YamlWriter out;
  out.begin_map();
  optional_field(out, "asyncapi", spec.asyncapi);
  out.field("id", spec.id);
  optional_field(out, "version", spec.version);
  out.string("channels");
  out.begin_map();
  for (const Channel& channel : spec.channels) {
    write_channel(out, channel);
  }
  out.end_map();
  if (!spec.shared_schemas.empty()) {
    out.string("x-specmesh-shared-schemas");
    out.begin_seq();
    for (const SharedSchema& shared : spec.shared_schemas) {
      out.begin_map();
      out.field("$ref", shared.schema_ref);
      out.end_map();
    }
    out.end_seq();
  }
  out.end_map();
  return std::move(out).finish();
}

} // namespace specmesh::spec
