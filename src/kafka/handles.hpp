// RAII owners for every librdkafka C object the adapter creates, so no path leaks one.
// Private to src/kafka: nothing outside the adapter sees librdkafka types.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace specmesh::kafka {

namespace detail {

struct KafkaDeleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
};
struct ConfDeleter {
  void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
};
struct ErrorDeleter {
  void operator()(rd_kafka_error_t* p) const { rd_kafka_error_destroy(p); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
};
struct AdminOptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
};
struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
};
struct NewTopicDeleter {
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
};
struct DeleteTopicDeleter {
  void operator()(rd_kafka_DeleteTopic_t* p) const { rd_kafka_DeleteTopic_destroy(p); }
};
struct NewPartitionsDeleter {
  void operator()(rd_kafka_NewPartitions_t* p) const { rd_kafka_NewPartitions_destroy(p); }
};
struct ConfigResourceDeleter {
  void operator()(rd_kafka_ConfigResource_t* p) const { rd_kafka_ConfigResource_destroy(p); }
};
// AclBindingFilter is a typedef of AclBinding, so this one deleter serves both.
struct AclBindingDeleter {
  void operator()(rd_kafka_AclBinding_t* p) const { rd_kafka_AclBinding_destroy(p); }
};

struct TopicPartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* p) const {
    rd_kafka_topic_partition_list_destroy(p);
  }
};
struct ListConsumerGroupOffsetsDeleter {
  void operator()(rd_kafka_ListConsumerGroupOffsets_t* p) const {
    rd_kafka_ListConsumerGroupOffsets_destroy(p);
  }
};

} // namespace detail

using KafkaHandle = std::unique_ptr<rd_kafka_t, detail::KafkaDeleter>;
using ConfHandle = std::unique_ptr<rd_kafka_conf_t, detail::ConfDeleter>;
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, detail::QueueDeleter>;
using ErrorHandle = std::unique_ptr<rd_kafka_error_t, detail::ErrorDeleter>;
using EventHandle = std::unique_ptr<rd_kafka_event_t, detail::EventDeleter>;
using AdminOptionsHandle = std::unique_ptr<rd_kafka_AdminOptions_t, detail::AdminOptionsDeleter>;
using MetadataHandle = std::unique_ptr<const rd_kafka_metadata_t, detail::MetadataDeleter>;
using NewTopicHandle = std::unique_ptr<rd_kafka_NewTopic_t, detail::NewTopicDeleter>;
using DeleteTopicHandle = std::unique_ptr<rd_kafka_DeleteTopic_t, detail::DeleteTopicDeleter>;
using NewPartitionsHandle = std::unique_ptr<rd_kafka_NewPartitions_t, detail::NewPartitionsDeleter>;
using ConfigResourceHandle =
    std::unique_ptr<rd_kafka_ConfigResource_t, detail::ConfigResourceDeleter>;
using AclBindingHandle = std::unique_ptr<rd_kafka_AclBinding_t, detail::AclBindingDeleter>;
using TopicPartitionListHandle =
    std::unique_ptr<rd_kafka_topic_partition_list_t, detail::TopicPartitionListDeleter>;
using ListConsumerGroupOffsetsHandle =
    std::unique_ptr<rd_kafka_ListConsumerGroupOffsets_t, detail::ListConsumerGroupOffsetsDeleter>;

/// An owned array of librdkafka objects plus the raw pointer array the batched C calls take
/// (`rd_kafka_CreateTopics(rk, T** items, n, ...)`). The C calls copy what they need, so the
/// owners may be destroyed as soon as the call returns.
template <typename T, typename Deleter> class HandleArray {
public:
  void push_back(std::unique_ptr<T, Deleter> item) {
    m_raw.push_back(item.get());
    m_owned.push_back(std::move(item));
  }
  T** data() { return m_raw.data(); }
  std::size_t size() const { return m_raw.size(); }
  bool empty() const { return m_raw.empty(); }

private:
  std::vector<std::unique_ptr<T, Deleter>> m_owned;
  std::vector<T*> m_raw;
};

using NewTopicArray = HandleArray<rd_kafka_NewTopic_t, detail::NewTopicDeleter>;
using DeleteTopicArray = HandleArray<rd_kafka_DeleteTopic_t, detail::DeleteTopicDeleter>;
using NewPartitionsArray = HandleArray<rd_kafka_NewPartitions_t, detail::NewPartitionsDeleter>;
using ConfigResourceArray = HandleArray<rd_kafka_ConfigResource_t, detail::ConfigResourceDeleter>;
using AclBindingArray = HandleArray<rd_kafka_AclBinding_t, detail::AclBindingDeleter>;

} // namespace specmesh::kafka
