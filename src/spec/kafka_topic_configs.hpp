// The topic-level configs a Kafka broker accepts under a channel's `bindings.kafka.configs`,
// with the value type each one parses, so a misspelt key or an unparsable value is found before
// the broker refuses the topic.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace specmesh::spec {

struct TopicConfig {
  /// How the broker parses the value (Kafka's ConfigDef types).
  enum class Type { int32, int64, decimal, boolean, text, choice, cleanup_policy };

  std::string_view name;
  Type type = Type::text;
  std::span<const std::string_view> choices = {}; ///< for choice
};

/// Every topic-level config of Kafka 4.x, by name.
std::span<const TopicConfig> kafka_topic_configs();

/// The config named `name`; nullptr for one Kafka does not know.
const TopicConfig* find_topic_config(std::string_view name);

/// Configs of a broker vendor's own (`confluent.*`, `redpanda.*`), which Kafka's list cannot judge.
bool is_vendor_topic_config(std::string_view name);

/// The Kafka release that removed topic config `name` ("4.0"), for one it no longer accepts.
std::optional<std::string_view> removed_in(std::string_view name);

/// What is wrong with `value` for `config` ("must be an integer, found 'x'"), or "" when the
/// broker would parse it.
std::string value_problem(const TopicConfig& config, std::string_view value);

} // namespace specmesh::spec
