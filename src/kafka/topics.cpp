// The topic calls of RdKafkaAdmin: metadata plus DescribeConfigs to read, CreateTopics,
// CreatePartitions, IncrementalAlterConfigs and DeleteTopics to change, each sent in batches
// the controller accepts.
#include "rdkafka_admin.hpp"

#include <specmesh/spec/naming.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace specmesh::kafka {
namespace {

using ports::Outcome;

constexpr std::size_t k_describe_configs_chunk = 1000;

constexpr AnswerFields<rd_kafka_topic_result_t> k_topic_answer{
    rd_kafka_topic_result_name, rd_kafka_topic_result_error, rd_kafka_topic_result_error_string};
constexpr AnswerFields<rd_kafka_ConfigResource_t> k_config_answer{
    rd_kafka_ConfigResource_name,
    rd_kafka_ConfigResource_error,
    rd_kafka_ConfigResource_error_string};

/// The values a described resource shows (sensitive or unset ones have none to compare).
ResourceConfigs read_configs(const rd_kafka_ConfigResource_t* resource) {
  ResourceConfigs configs;
  std::size_t entry_count = 0;
  const auto** entries = rd_kafka_ConfigResource_configs(resource, &entry_count);
  for (std::size_t e = 0; e < entry_count; ++e) {
    const char* value = rd_kafka_ConfigEntry_value(entries[e]);
    if (value == nullptr) {
      continue;
    }
    const std::string key = rd_kafka_ConfigEntry_name(entries[e]);
    configs.effective[key] = value;
    if (rd_kafka_ConfigEntry_source(entries[e]) == RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG) {
      configs.overrides[key] = value;
    }
  }
  return configs;
}

/// Sets `topic`'s configs on its CreateTopics item, or says which one librdkafka refused.
Result<void> set_configs(rd_kafka_NewTopic_t* new_topic, const plan::Topic& topic) {
  for (const auto& [key, value] : topic.config) {
    if (const auto err = rd_kafka_NewTopic_set_config(new_topic, key.c_str(), value.c_str());
        err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return tl::unexpected(
          make_error("topic",
                     topic.name,
                     err,
                     fmt::format("config '{}': {}", key, rd_kafka_err2str(err)).c_str()));
    }
  }
  return {};
}

/// Adds `change` to a topic's IncrementalAlterConfigs item, or says what librdkafka refused.
Result<void> add_configs(rd_kafka_ConfigResource_t* resource,
                         const std::string& name,
                         const plan::ConfigMap& change) {
  for (const auto& [key, value] : change) {
    const ErrorHandle error(rd_kafka_ConfigResource_add_incremental_config(
        resource, key.c_str(), RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, value.c_str()));
    if (error) {
      return tl::unexpected(make_error("topic", name, error.get()));
    }
  }
  return {};
}

} // namespace

RequestResult<ConfigsByName>
RdKafkaAdmin::describe_configs(rd_kafka_ResourceType_t type,
                               const std::vector<std::string>& names) const {
  ConfigsByName out;
  for (std::size_t start = 0; start < names.size(); start += k_describe_configs_chunk) {
    const std::size_t end = std::min(names.size(), start + k_describe_configs_chunk);
    ConfigResourceArray resources;
    for (std::size_t i = start; i < end; ++i) {
      resources.push_back(
          ConfigResourceHandle(rd_kafka_ConfigResource_new(type, names[i].c_str())));
    }
    auto event = m_client.request(
        RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, [&](auto* rk, auto* options, auto* queue) {
          rd_kafka_DescribeConfigs(rk, resources.data(), resources.size(), options, queue);
        });
    if (!event) {
      return tl::unexpected(event.error());
    }
    std::size_t count = 0;
    const auto** results = rd_kafka_DescribeConfigs_result_resources(
        rd_kafka_event_DescribeConfigs_result(event->get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string name = rd_kafka_ConfigResource_name(results[i]);
      if (const auto err = rd_kafka_ConfigResource_error(results[i]);
          err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        out[name] = tl::unexpected(RequestFailure{
            err, reason_text(err, rd_kafka_ConfigResource_error_string(results[i]))});
        continue;
      }
      out[name] = read_configs(results[i]);
    }
  }
  return out;
}

Result<std::vector<ports::TopicDescription>>
RdKafkaAdmin::describe_topics(std::string_view prefix) {
  const auto metadata = m_client.metadata(true);
  if (!metadata) {
    return tl::unexpected(m_client.cluster_error("cannot list topics", metadata.error()));
  }

  std::vector<ports::TopicDescription> topics;
  std::vector<std::string> names;
  for (int i = 0; i < (*metadata)->topic_cnt; ++i) {
    const auto& t = (*metadata)->topics[i];
    const std::string_view name = t.topic;
    if (!name.starts_with(prefix) || spec::is_internal_topic(name)
        || t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
      continue;
    }
    ports::TopicDescription description;
    description.topic.name = std::string(name);
    description.topic.partitions = t.partition_cnt;
    // Partitions are not necessarily in id order in the response.
    for (int p = 0; p < t.partition_cnt; ++p) {
      if (t.partitions[p].id == 0) {
        description.topic.replication = t.partitions[p].replica_cnt;
      }
    }
    names.push_back(description.topic.name);
    topics.push_back(std::move(description));
  }
  if (topics.empty()) {
    return topics;
  }

  auto configs = describe_configs(RD_KAFKA_RESOURCE_TOPIC, names);
  if (!configs) {
    return tl::unexpected(m_client.cluster_error("cannot describe topic configs", configs.error()));
  }
  std::vector<ports::TopicDescription> described;
  described.reserve(topics.size());
  for (auto& description : topics) {
    const auto it = configs->find(description.topic.name);
    if (it == configs->end()) {
      return fail(
          ErrorCode::internal,
          fmt::format("topic '{}': the broker returned no configs", description.topic.name));
    }
    if (!it->second) {
      const auto& failure = it->second.error();
      if (to_error_code(failure.err) == ErrorCode::not_found) {
        continue; // deleted between the two requests
      }
      return tl::unexpected(
          make_error("topic", description.topic.name, failure.err, failure.reason.c_str()));
    }
    description.topic.config = std::move(it->second->effective);
    description.overrides = std::move(it->second->overrides);
    described.push_back(std::move(description));
  }
  std::sort(described.begin(), described.end(), [](const auto& a, const auto& b) {
    return a.topic.name < b.topic.name;
  });
  return described;
}

std::vector<Outcome> RdKafkaAdmin::create_topics(const std::vector<plan::Topic>& topics,
                                                 bool validate_only) {
  TopicBatch<rd_kafka_NewTopic_t, detail::NewTopicDeleter> batch;
  std::array<char, 512> errstr{};
  for (const auto& topic : topics) {
    NewTopicHandle new_topic(rd_kafka_NewTopic_new(
        topic.name.c_str(), topic.partitions, topic.replication, errstr.data(), errstr.size()));
    if (!new_topic) {
      batch.refuse(topic.name,
                   Error{ErrorCode::invalid_input,
                         fmt::format("topic '{}': {}", topic.name, errstr.data()),
                         {}});
    } else if (auto configured = set_configs(new_topic.get(), topic); !configured) {
      batch.refuse(topic.name, std::move(configured.error()));
    } else {
      batch.add(
          topic.name, std::move(new_topic), topic_records(topic.partitions, topic.config.size()));
    }
  }
  return m_client.send_in_batches(batch,
                                  m_client.options(RD_KAFKA_ADMIN_OP_CREATETOPICS, validate_only),
                                  rd_kafka_CreateTopics,
                                  rd_kafka_event_CreateTopics_result,
                                  rd_kafka_CreateTopics_result_topics,
                                  k_topic_answer);
}

std::vector<Outcome>
RdKafkaAdmin::create_partitions(const std::vector<std::pair<std::string, int>>& totals) {
  TopicBatch<rd_kafka_NewPartitions_t, detail::NewPartitionsDeleter> batch;
  std::array<char, 512> errstr{};
  for (const auto& [name, total] : totals) {
    NewPartitionsHandle request(
        total > 0 ? rd_kafka_NewPartitions_new(
            name.c_str(), static_cast<std::size_t>(total), errstr.data(), errstr.size())
                  : nullptr);
    if (!request) {
      batch.refuse(name,
                   Error{ErrorCode::invalid_input,
                         fmt::format("topic '{}': invalid partition count {}", name, total),
                         {}});
      continue;
    }
    // At most this many new partitions, one record each.
    batch.add(name, std::move(request), static_cast<std::size_t>(total));
  }
  return m_client.send_in_batches(batch,
                                  m_client.options(RD_KAFKA_ADMIN_OP_CREATEPARTITIONS),
                                  rd_kafka_CreatePartitions,
                                  rd_kafka_event_CreatePartitions_result,
                                  rd_kafka_CreatePartitions_result_topics,
                                  k_topic_answer);
}

std::vector<Outcome> RdKafkaAdmin::set_topic_configs(
    const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) {
  TopicBatch<rd_kafka_ConfigResource_t, detail::ConfigResourceDeleter> batch;
  for (const auto& [name, change] : changes) {
    ConfigResourceHandle resource(
        rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.c_str()));
    if (auto added = add_configs(resource.get(), name, change); !added) {
      batch.refuse(name, std::move(added.error()));
      continue;
    }
    batch.add(name, std::move(resource), change.size()); // one config record per key
  }
  return m_client.send_in_batches(batch,
                                  m_client.options(RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS),
                                  rd_kafka_IncrementalAlterConfigs,
                                  rd_kafka_event_IncrementalAlterConfigs_result,
                                  rd_kafka_IncrementalAlterConfigs_result_resources,
                                  k_config_answer);
}

std::vector<Outcome> RdKafkaAdmin::delete_topics(const std::vector<std::string>& names) {
  if (names.empty()) {
    return {};
  }
  TopicBatch<rd_kafka_DeleteTopic_t, detail::DeleteTopicDeleter> batch;
  for (const auto& name : names) {
    // One RemoveTopicRecord each.
    batch.add(name, DeleteTopicHandle(rd_kafka_DeleteTopic_new(name.c_str())), 1);
  }
  return m_client.send_in_batches(batch,
                                  m_client.options(RD_KAFKA_ADMIN_OP_DELETETOPICS),
                                  rd_kafka_DeleteTopics,
                                  rd_kafka_event_DeleteTopics_result,
                                  rd_kafka_DeleteTopics_result_topics,
                                  k_topic_answer);
}

} // namespace specmesh::kafka
