#include "kafka_binding_check.hpp"

#include "kafka_topic_configs.hpp"

#include <specmesh/did_you_mean.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace specmesh::spec {

namespace {

enum class Level { channel, operation, message };

/// A key of bindings.kafka and the one level where it takes effect (nullopt: parsed only, so
/// no level is wrong); `ignored` says why specmesh does not read an AsyncAPI binding key.
struct BindingKey {
  std::string_view name;
  std::optional<Level> effective_at;
  std::string_view ignored = {};
};

constexpr std::array<BindingKey, 13> k_binding_keys{{
    {"partitions", Level::channel},
    {"replicas", Level::channel},
    {"configs", Level::channel},
    {"envs", Level::channel},
    {"key", Level::message},
    {"schemaLookupStrategy", Level::message},
    {"schemaIdLocation", std::nullopt},
    {"schemaIdPayloadEncoding", std::nullopt},
    {"groupId", std::nullopt},
    {"clientId", std::nullopt},
    {"bindingVersion", std::nullopt},
    {"topic", Level::channel, "specmesh names the topic after the channel"},
    {"topicConfiguration", Level::channel, "specmesh reads topic configs from 'configs'"},
}};

std::string_view level_name(Level level) {
  switch (level) {
  case Level::channel:
    return "the channel's bindings.kafka";
  case Level::operation:
    return "the bindings.kafka of 'publish' or 'subscribe'";
  case Level::message:
    return "the bindings.kafka of the message";
  }
  return {};
}

/// The `name` of each item: the candidates for did-you-mean.
template <typename Items> std::vector<std::string_view> names_of(const Items& items) {
  std::vector<std::string_view> names;
  names.reserve(items.size());
  for (const auto& item : items) {
    names.push_back(item.name);
  }
  return names;
}

class Checker {
public:
  explicit Checker(yaml::Node root) : m_root(root) {}

  std::vector<Finding> run() {
    for (const yaml::Entry& channel : m_root["channels"].entries()) {
      if (!channel.value.is_mapping()) {
        continue;
      }
      const std::string name(channel.key.scalar());
      check_binding(
          kafka_of(channel.value), {"channels", name, "bindings", "kafka"}, Level::channel);
      for (const char* operation : {"publish", "subscribe"}) {
        const yaml::Node body = channel.value[operation];
        if (!body.is_mapping()) {
          continue;
        }
        check_binding(
            kafka_of(body), {"channels", name, operation, "bindings", "kafka"}, Level::operation);
        if (const yaml::Node message = body["message"];
            message.is_mapping() && !message["$ref"] && !message["oneOf"]) {
          check_binding(kafka_of(message),
                        {"channels", name, operation, "message", "bindings", "kafka"},
                        Level::message);
        }
      }
    }
    return std::move(m_findings);
  }

private:
  yaml::Node m_root;
  std::vector<Finding> m_findings;

  void report(yaml::Node at, std::string message) {
    m_findings.push_back({at, std::move(message), {}, true});
  }

  static yaml::Node kafka_of(yaml::Node owner) {
    const yaml::Node bindings = owner["bindings"];
    return bindings.is_mapping() ? bindings["kafka"] : yaml::Node();
  }

  /// `binding` is the node at `path`, which names it in messages.
  void check_binding(yaml::Node binding, std::vector<std::string> path, Level level) {
    if (!binding.is_mapping()) {
      return;
    }
    for (const auto& [key, value] : binding.entries()) {
      const std::string_view name = key.scalar();
      if (name.starts_with("x-")) {
        continue;
      }
      const auto known = std::find_if(k_binding_keys.begin(),
                                      k_binding_keys.end(),
                                      [&](const BindingKey& k) { return k.name == name; });
      path.emplace_back(name);
      if (known == k_binding_keys.end()) {
        static const std::vector<std::string_view> names = names_of(k_binding_keys);
        path.pop_back();
        report(key,
               fmt::format(
                   "unknown key '{}' {}{}", name, where(m_root, path), did_you_mean(name, names)));
        continue;
      }
      if (!known->ignored.empty()) {
        report(key, fmt::format("{} has no effect: {}", subject(m_root, path), known->ignored));
      } else if (known->effective_at && *known->effective_at != level) {
        report(key,
               fmt::format("{} has no effect: specmesh reads it from {}",
                           subject(m_root, path),
                           level_name(*known->effective_at)));
      } else if (name == "configs" && level == Level::channel) {
        check_configs(value, path);
      }
      path.pop_back();
    }
  }

  void check_configs(yaml::Node configs, const std::vector<std::string>& path) {
    static const std::vector<std::string_view> names = names_of(kafka_topic_configs());
    const std::string& channel = path[1];
    for (const auto& [key, value] : configs.entries()) {
      const std::string_view name = key.scalar();
      if (const TopicConfig* config = find_topic_config(name)) {
        if (!value.is_scalar()) {
          continue; // the loader reports it
        }
        if (const std::string problem = value_problem(*config, value.scalar()); !problem.empty()) {
          report(value, fmt::format("config '{}' of channel '{}' {}", name, channel, problem));
        }
      } else if (const auto release = removed_in(name)) {
        report(key,
               fmt::format("Kafka topic config '{}' of channel '{}' was removed in Kafka {}",
                           name,
                           channel,
                           *release));
      } else if (!is_vendor_topic_config(name)) {
        report(key,
               fmt::format("unknown Kafka topic config '{}' in channel '{}'{}",
                           name,
                           channel,
                           did_you_mean(name, names)));
      }
    }
  }
};

} // namespace

std::vector<Finding> check_kafka_bindings(yaml::Node root) {
  return Checker(root).run();
}

} // namespace specmesh::spec
