// The reads behind `report` (chargeback metrics): sizes on disk (DescribeLogDirs, sent by
// log_dirs.cpp), partition offsets (ListOffsets), consumer groups and their committed offsets.
#include "rdkafka_admin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>
#include <tuple>

namespace specmesh::kafka {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t k_list_offsets_chunk = 1000;

/// The partition ids of each of `topics` the metadata knows, sorted, and why each topic that
/// exists is not ready to be measured yet (an error other than "unknown topic", or a partition
/// without a leader: its size and offsets cannot be read, and counting it as 0 would be wrong).
struct TopicPartitions {
  PartitionsByTopic partitions;
  std::map<std::string, std::string> not_ready;
};

TopicPartitions known_partitions(const rd_kafka_metadata_t& metadata,
                                 const std::vector<std::string>& topics) {
  // A set, not a scan of `topics` per metadata topic: 10k of 11k topics made that 1 s of CPU.
  const std::set<std::string_view> wanted(topics.begin(), topics.end());
  TopicPartitions found;
  for (int i = 0; i < metadata.topic_cnt; ++i) {
    const auto& t = metadata.topics[i];
    if (!wanted.contains(t.topic) || t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
      continue;
    }
    if (t.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      found.not_ready[t.topic] = rd_kafka_err2name(t.err);
      continue;
    }
    auto& ids = found.partitions[t.topic];
    for (int p = 0; p < t.partition_cnt; ++p) {
      if (t.partitions[p].leader < 0 || t.partitions[p].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        found.not_ready[t.topic] = fmt::format("partition {} has no leader", t.partitions[p].id);
      }
      ids.push_back(t.partitions[p].id);
    }
    std::sort(ids.begin(), ids.end());
  }
  for (const auto& [topic, reason] : found.not_ready) {
    found.partitions.erase(topic);
  }
  return found;
}

/// The replica brokers of each partition of the measured topics, and the listed brokers.
std::pair<std::set<int>, ReplicasByTopic> replica_placement(const rd_kafka_metadata_t& metadata,
                                                            const PartitionsByTopic& partitions) {
  std::set<int> brokers;
  for (int b = 0; b < metadata.broker_cnt; ++b) {
    brokers.insert(metadata.brokers[b].id);
  }
  ReplicasByTopic replicas;
  for (int i = 0; i < metadata.topic_cnt; ++i) {
    const auto& t = metadata.topics[i];
    if (!partitions.contains(t.topic)) {
      continue;
    }
    auto& of_topic = replicas[t.topic];
    for (int p = 0; p < t.partition_cnt; ++p) {
      const auto& partition = t.partitions[p];
      of_topic.emplace_back(partition.replicas, partition.replicas + partition.replica_cnt);
    }
  }
  return {std::move(brokers), std::move(replicas)};
}

std::vector<ports::TopicPartition> to_partitions(const rd_kafka_topic_partition_list_t* list) {
  std::vector<ports::TopicPartition> partitions;
  for (int i = 0; list != nullptr && i < list->cnt; ++i) {
    partitions.push_back({list->elems[i].topic, list->elems[i].partition});
  }
  std::sort(partitions.begin(), partitions.end());
  return partitions;
}

/// A described group in our vocabulary, its members sorted by id.
ports::ConsumerGroup to_group(const rd_kafka_ConsumerGroupDescription_t* description) {
  ports::ConsumerGroup group;
  group.id = rd_kafka_ConsumerGroupDescription_group_id(description);
  group.state =
      rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(description));
  group.simple = rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(description) != 0;
  const std::size_t members = rd_kafka_ConsumerGroupDescription_member_count(description);
  for (std::size_t m = 0; m < members; ++m) {
    const auto* member = rd_kafka_ConsumerGroupDescription_member(description, m);
    const auto* assignment = rd_kafka_MemberDescription_assignment(member);
    group.members.push_back(
        {rd_kafka_MemberDescription_consumer_id(member),
         rd_kafka_MemberDescription_client_id(member),
         rd_kafka_MemberDescription_host(member),
         to_partitions(assignment != nullptr ? rd_kafka_MemberAssignment_partitions(assignment)
                                             : nullptr)});
  }
  std::sort(group.members.begin(), group.members.end(), [](const auto& a, const auto& b) {
    return a.id < b.id;
  });
  return group;
}

/// Adds the offsets `group` has committed (an OffsetFetch answer), sorted by partition.
void add_committed(ports::ConsumerGroup& group, const rd_kafka_topic_partition_list_t* list) {
  for (int p = 0; list != nullptr && p < list->cnt; ++p) {
    const auto& tp = list->elems[p];
    if (tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0) {
      group.offsets.push_back({tp.topic, tp.partition, tp.offset});
    }
  }
  std::sort(group.offsets.begin(), group.offsets.end(), [](const auto& a, const auto& b) {
    return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
  });
}

} // namespace

/// Metadata in which every one of `topics` that exists has all its partitions led: read again
/// (a broker that has just created a topic may not know its leaders yet) until the timeout.
Result<std::pair<MetadataHandle, PartitionsByTopic>>
RdKafkaAdmin::ready_metadata(const std::vector<std::string>& topics, std::string_view doing) const {
  const auto deadline = std::chrono::steady_clock::now() + m_client.timeout();
  milliseconds pause{50};
  while (true) {
    auto metadata = m_client.metadata(true);
    if (!metadata) {
      return tl::unexpected(m_client.cluster_error(doing, metadata.error()));
    }
    TopicPartitions found = known_partitions(**metadata, topics);
    if (found.not_ready.empty()) {
      return std::pair(std::move(*metadata), std::move(found.partitions));
    }
    if (std::chrono::steady_clock::now() + pause > deadline) {
      const auto& [topic, reason] = *found.not_ready.begin();
      return fail(ErrorCode::unavailable,
                  fmt::format("topic '{}': not ready to be measured after {} ms: {}{}",
                              topic,
                              m_client.timeout().count(),
                              reason,
                              found.not_ready.size() > 1
                                  ? fmt::format(" (and {} more topics)", found.not_ready.size() - 1)
                                  : ""));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, milliseconds{500});
  }
}

Result<std::map<std::string, std::int64_t>>
RdKafkaAdmin::describe_log_dirs(const std::vector<std::string>& topics) {
  std::map<std::string, std::int64_t> bytes;
  for (const auto& topic : topics) {
    bytes[topic] = 0;
  }
  if (topics.empty()) {
    return bytes;
  }
  if (const std::string reason = unsupported_reason(m_log_dirs_access); !reason.empty()) {
    return fail(ErrorCode::invalid_input,
                fmt::format("kafka '{}': {}", m_client.bootstrap(), reason));
  }
  auto ready = ready_metadata(topics, "cannot list brokers");
  if (!ready) {
    return tl::unexpected(ready.error());
  }
  const auto& [metadata, partitions] = *ready;
  if (partitions.empty()) {
    return bytes;
  }
  const auto [brokers, replicas] = replica_placement(*metadata, partitions);
  if (const std::string missing = unlisted_replica_holder(brokers, replicas); !missing.empty()) {
    return fail(ErrorCode::unavailable, missing);
  }
  // One request per broker, for every topic at once: each broker reports its own replicas.
  for (int b = 0; b < metadata->broker_cnt; ++b) {
    const auto& broker = metadata->brokers[b];
    const BrokerAddress address{broker.id, broker.host, broker.port};
    if (m_client.state().echo_logs()) {
      std::fprintf(stderr,
                   "specmesh: DescribeLogDirs v1 -> broker %d (%s:%d), %zu topics\n",
                   broker.id,
                   broker.host,
                   broker.port,
                   partitions.size());
    }
    auto sizes = kafka::describe_log_dirs(address, m_log_dirs_access, partitions);
    if (!sizes) {
      return tl::unexpected(
          Error{sizes.error().code, m_client.state().mask(sizes.error().message), {}});
    }
    for (const auto& [topic, size] : *sizes) {
      if (const auto it = bytes.find(topic); it != bytes.end()) {
        it->second += size;
      }
    }
  }
  return bytes;
}

Result<std::vector<ports::PartitionOffsets>>
RdKafkaAdmin::topic_offsets(const std::vector<std::string>& topics) {
  std::vector<ports::PartitionOffsets> offsets;
  if (topics.empty()) {
    return offsets;
  }
  auto ready = ready_metadata(topics, "cannot list topics");
  if (!ready) {
    return tl::unexpected(ready.error());
  }
  const PartitionsByTopic& partitions = ready->second;
  std::map<std::pair<std::string, int>, ports::PartitionOffsets> by_partition;
  for (const auto& [topic, ids] : partitions) {
    for (const int id : ids) {
      by_partition[{topic, id}] = {topic, id, 0, 0};
    }
  }
  if (by_partition.empty()) {
    return offsets;
  }
  // Earliest and latest, each in requests of k_list_offsets_chunk partitions: librdkafka 2.8
  // checks a ListOffsets list for duplicates pairwise, and at 10k partitions in one list that
  // was 1.5 s of CPU (measured by bench/run.sh), against a few ms per chunk.
  std::vector<const std::pair<std::string, int>*> keys;
  keys.reserve(by_partition.size());
  for (const auto& entry : by_partition) {
    keys.push_back(&entry.first);
  }
  const auto chunks =
      request_batches(std::vector<std::size_t>(keys.size(), 1), k_list_offsets_chunk);
  for (const bool earliest : {true, false}) {
    for (const auto& [begin, end] : chunks) {
      TopicPartitionListHandle list(
          rd_kafka_topic_partition_list_new(static_cast<int>(end - begin)));
      for (std::size_t i = begin; i < end; ++i) {
        rd_kafka_topic_partition_list_add(list.get(), keys[i]->first.c_str(), keys[i]->second)
            ->offset = earliest ? RD_KAFKA_OFFSET_SPEC_EARLIEST : RD_KAFKA_OFFSET_SPEC_LATEST;
      }
      auto event = m_client.request(RD_KAFKA_ADMIN_OP_LISTOFFSETS,
                                    [&](auto* rk, auto* options, auto* queue) {
                                      rd_kafka_ListOffsets(rk, list.get(), options, queue);
                                    });
      if (!event) {
        return tl::unexpected(m_client.cluster_error("cannot list offsets", event.error()));
      }
      std::size_t count = 0;
      const auto** infos = rd_kafka_ListOffsets_result_infos(
          rd_kafka_event_ListOffsets_result(event->get()), &count);
      for (std::size_t i = 0; i < count; ++i) {
        const auto* tp = rd_kafka_ListOffsetsResultInfo_topic_partition(infos[i]);
        if (tp->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
          return tl::unexpected(make_error(
              "partition", fmt::format("{}-{}", tp->topic, tp->partition), tp->err, nullptr));
        }
        const auto it = by_partition.find({tp->topic, tp->partition});
        if (it != by_partition.end()) {
          (earliest ? it->second.earliest : it->second.latest) = tp->offset;
        }
      }
    }
  }
  for (auto& [key, partition] : by_partition) {
    offsets.push_back(std::move(partition));
  }
  return offsets;
}

Result<std::vector<ports::ConsumerGroupListing>> RdKafkaAdmin::list_consumer_groups() {
  auto event = m_client.request(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS,
                                [](auto* rk, auto* options, auto* queue) {
                                  rd_kafka_ListConsumerGroups(rk, options, queue);
                                });
  if (!event) {
    return tl::unexpected(m_client.cluster_error("cannot list consumer groups", event.error()));
  }
  const auto* result = rd_kafka_event_ListConsumerGroups_result(event->get());
  std::size_t error_count = 0;
  const auto** errors = rd_kafka_ListConsumerGroups_result_errors(result, &error_count);
  if (error_count > 0) {
    // A broker that did not answer would leave its groups out: no partial report.
    return tl::unexpected(make_error("kafka", m_client.bootstrap(), errors[0]));
  }
  std::size_t count = 0;
  const auto** listings = rd_kafka_ListConsumerGroups_result_valid(result, &count);
  std::vector<ports::ConsumerGroupListing> groups;
  groups.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    groups.push_back(
        {rd_kafka_ConsumerGroupListing_group_id(listings[i]),
         rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(listings[i])),
         rd_kafka_ConsumerGroupListing_is_simple_consumer_group(listings[i]) != 0});
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return groups;
}

Result<std::vector<ports::ConsumerGroup>>
RdKafkaAdmin::describe_consumer_groups(const std::vector<std::string>& group_ids) {
  std::vector<ports::ConsumerGroup> groups;
  if (group_ids.empty()) {
    return groups;
  }
  std::vector<const char*> ids;
  ids.reserve(group_ids.size());
  for (const auto& id : group_ids) {
    ids.push_back(id.c_str());
  }
  std::map<std::string, ports::ConsumerGroup, std::less<>> described;
  {
    auto event = m_client.request(
        RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, [&](auto* rk, auto* options, auto* queue) {
          rd_kafka_DescribeConsumerGroups(rk, ids.data(), ids.size(), options, queue);
        });
    if (!event) {
      return tl::unexpected(
          m_client.cluster_error("cannot describe consumer groups", event.error()));
    }
    std::size_t count = 0;
    const auto** descriptions = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(event->get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto* description = descriptions[i];
      const std::string id = rd_kafka_ConsumerGroupDescription_group_id(description);
      if (const auto* error = rd_kafka_ConsumerGroupDescription_error(description)) {
        return tl::unexpected(make_error("consumer group", id, error));
      }
      described[id] = to_group(description);
    }
  }

  // librdkafka takes one group per ListConsumerGroupOffsets call, so all calls go out at once
  // on one queue and their results are collected as they come (one OffsetFetch per group).
  const QueueHandle queue(rd_kafka_queue_new(m_client.rk()));
  const auto opts = m_client.options(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS);
  for (const auto& id : group_ids) {
    ListConsumerGroupOffsetsHandle request(
        rd_kafka_ListConsumerGroupOffsets_new(id.c_str(), nullptr));
    std::array<rd_kafka_ListConsumerGroupOffsets_t*, 1> requests{request.get()};
    rd_kafka_ListConsumerGroupOffsets(
        m_client.rk(), requests.data(), requests.size(), opts.get(), queue.get());
  }
  for (std::size_t answered = 0; answered < group_ids.size(); ++answered) {
    auto event = m_client.wait(queue.get());
    if (!event) {
      return tl::unexpected(
          m_client.cluster_error("cannot list consumer group offsets", event.error()));
    }
    std::size_t count = 0;
    const auto** results = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(event->get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string id = rd_kafka_group_result_name(results[i]);
      if (const auto* error = rd_kafka_group_result_error(results[i])) {
        return tl::unexpected(make_error("consumer group", id, error));
      }
      const auto it = described.find(id);
      if (it == described.end()) {
        continue;
      }
      add_committed(it->second, rd_kafka_group_result_partitions(results[i]));
    }
  }
  for (const auto& id : group_ids) {
    const auto it = described.find(id);
    if (it == described.end()) {
      return fail(ErrorCode::internal,
                  fmt::format("consumer group '{}': the broker returned no description", id));
    }
    groups.push_back(it->second);
  }
  return groups;
}

} // namespace specmesh::kafka
