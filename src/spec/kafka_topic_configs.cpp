#include "kafka_topic_configs.hpp"

#include <specmesh/did_you_mean.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <vector>

namespace specmesh::spec {

namespace {

using Type = TopicConfig::Type;

constexpr std::array<std::string_view, 6> k_compression_types{
    "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"};
constexpr std::array<std::string_view, 2> k_timestamp_types{"CreateTime", "LogAppendTime"};
constexpr std::array<std::string_view, 2> k_cleanup_policies{"delete", "compact"};

// Kafka 4.x's topic-level configs: LogConfig.configNames() of Kafka 4.3 with their ConfigDef
// types, as documented under "Topic-Level Configs" (kafka.apache.org/documentation/#topicconfigs)
// and named in org.apache.kafka.common.config.TopicConfig. Internal configs are left out.
constexpr std::array<TopicConfig, 33> k_configs{{
    {"cleanup.policy", Type::cleanup_policy},
    {"compression.gzip.level", Type::int32},
    {"compression.lz4.level", Type::int32},
    {"compression.type", Type::choice, k_compression_types},
    {"compression.zstd.level", Type::int32},
    {"delete.retention.ms", Type::int64},
    {"file.delete.delay.ms", Type::int64},
    {"flush.messages", Type::int64},
    {"flush.ms", Type::int64},
    {"follower.replication.throttled.replicas", Type::text},
    {"index.interval.bytes", Type::int32},
    {"leader.replication.throttled.replicas", Type::text},
    {"local.retention.bytes", Type::int64},
    {"local.retention.ms", Type::int64},
    {"max.compaction.lag.ms", Type::int64},
    {"max.message.bytes", Type::int32},
    {"message.timestamp.after.max.ms", Type::int64},
    {"message.timestamp.before.max.ms", Type::int64},
    {"message.timestamp.type", Type::choice, k_timestamp_types},
    {"min.cleanable.dirty.ratio", Type::decimal},
    {"min.compaction.lag.ms", Type::int64},
    {"min.insync.replicas", Type::int32},
    {"preallocate", Type::boolean},
    {"remote.log.copy.disable", Type::boolean},
    {"remote.log.delete.on.disable", Type::boolean},
    {"remote.storage.enable", Type::boolean},
    {"retention.bytes", Type::int64},
    {"retention.ms", Type::int64},
    {"segment.bytes", Type::int32},
    {"segment.index.bytes", Type::int32},
    {"segment.jitter.ms", Type::int64},
    {"segment.ms", Type::int64},
    {"unclean.leader.election.enable", Type::boolean},
}};

/// Topic configs Kafka 4.0 removed (KIP-724, KIP-937); 3.x brokers still take them.
constexpr std::array<std::string_view, 3> k_removed_in_4_0{"message.format.version",
                                                           "message.downconversion.enable",
                                                           "message.timestamp.difference.max.ms"};

constexpr std::array<std::string_view, 2> k_vendor_prefixes{"confluent.", "redpanda."};

template <typename Integer> bool parses_as(std::string_view text) {
  if (text.starts_with('+')) {
    text.remove_prefix(1); // Java's parseInt and parseLong take a plus sign
  }
  Integer value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool parses_as_decimal(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x))
                  == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string found(std::string_view value) {
  return fmt::format("found '{}'", value);
}

std::string choice_problem(std::span<const std::string_view> choices, std::string_view value) {
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) {
    return {};
  }
  return fmt::format("must be one of {}, {}{}",
                     fmt::join(choices, ", "),
                     found(value),
                     did_you_mean(value, choices));
}

/// Kafka reads cleanup.policy as a comma-separated list, each item trimmed.
std::string cleanup_policy_problem(std::string_view value) {
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = std::min(value.find(',', start), value.size());
    const std::string item = trim(value.substr(start, comma - start));
    if (std::find(k_cleanup_policies.begin(), k_cleanup_policies.end(), item)
        == k_cleanup_policies.end()) {
      return fmt::format("must be delete, compact or both (compact,delete), {}{}",
                         found(value),
                         item.empty() ? "" : did_you_mean(item, k_cleanup_policies));
    }
    start = comma + 1;
  }
  return {};
}

} // namespace

std::span<const TopicConfig> kafka_topic_configs() {
  return k_configs;
}

const TopicConfig* find_topic_config(std::string_view name) {
  const auto config = std::find_if(
      k_configs.begin(), k_configs.end(), [&](const TopicConfig& c) { return c.name == name; });
  return config == k_configs.end() ? nullptr : &*config;
}

bool is_vendor_topic_config(std::string_view name) {
  return std::any_of(k_vendor_prefixes.begin(),
                     k_vendor_prefixes.end(),
                     [&](std::string_view prefix) { return name.starts_with(prefix); });
}

std::optional<std::string_view> removed_in(std::string_view name) {
  if (std::find(k_removed_in_4_0.begin(), k_removed_in_4_0.end(), name) != k_removed_in_4_0.end()) {
    return "4.0";
  }
  return std::nullopt;
}

std::string value_problem(const TopicConfig& config, std::string_view value) {
  const std::string text = trim(value); // the broker trims every value
  switch (config.type) {
  case Type::int32:
    return parses_as<std::int32_t>(text) ? "" : "must be an integer (32 bits), " + found(value);
  case Type::int64:
    return parses_as<std::int64_t>(text) ? "" : "must be an integer, " + found(value);
  case Type::decimal:
    return parses_as_decimal(text) ? "" : "must be a number, " + found(value);
  case Type::boolean:
    return equals_ignoring_case(text, "true") || equals_ignoring_case(text, "false")
               ? ""
               : "must be true or false, " + found(value);
  case Type::choice:
    return choice_problem(config.choices, text);
  case Type::cleanup_policy:
    return cleanup_policy_problem(text);
  case Type::text:
    break;
  }
  return {};
}

} // namespace specmesh::spec
