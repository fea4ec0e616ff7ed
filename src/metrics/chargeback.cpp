#include <specmesh/metrics/chargeback.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <tuple>

namespace specmesh::metrics {

namespace {

using Json = nlohmann::ordered_json;

bool by_topic_partition(const ports::CommittedOffset& a, const ports::CommittedOffset& b) {
  return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
}

bool assigned(const ports::ConsumerGroup& group, const std::string& topic) {
  return std::any_of(group.members.begin(), group.members.end(), [&](const auto& member) {
    return std::any_of(member.assignment.begin(),
                       member.assignment.end(),
                       [&](const ports::TopicPartition& tp) { return tp.topic == topic; });
  });
}

GroupConsumption consumption_of(const ports::ConsumerGroup& group,
                                const std::set<std::string>& topics) {
  GroupConsumption consumption{group.id, group.members, {}, 0};
  for (const ports::CommittedOffset& offset : group.offsets) {
    if (topics.contains(offset.topic)) {
      consumption.partitions.push_back(offset);
      consumption.offset_total += offset.offset;
    }
  }
  std::sort(consumption.partitions.begin(), consumption.partitions.end(), by_topic_partition);
  return consumption;
}

Json group_json(const GroupConsumption& group) {
  Json members = Json::array();
  for (const ports::GroupMember& member : group.members) {
    members.push_back({{"id", member.id}, {"clientId", member.client_id}, {"host", member.host}});
  }
  Json partitions = Json::array();
  for (const ports::CommittedOffset& offset : group.partitions) {
    partitions.push_back(
        {{"id", offset.partition}, {"topic", offset.topic}, {"offset", offset.offset}});
  }
  return {{"id", group.id},
          {"members", std::move(members)},
          {"partitions", std::move(partitions)},
          {"offsetTotal", group.offset_total}};
}

/// Left-aligned columns as wide as their widest cell, two spaces apart.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t column = 0; column < row.size(); ++column) {
      widths[column] = std::max(widths[column], row[column].size());
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t column = 0; column < row.size(); ++column) {
      line += column + 1 == row.size() ? row[column]
                                       : fmt::format("{:<{}}  ", row[column], widths[column]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + '\n';
  }
  return out;
}

} // namespace

StorageReport storage_report(const std::vector<std::string>& topics,
                             const std::map<std::string, std::int64_t>& bytes,
                             const std::vector<ports::PartitionOffsets>& offsets) {
  std::map<std::string, TopicStorage> by_name;
  for (const std::string& topic : topics) {
    const auto found = bytes.find(topic);
    by_name[topic] = {topic, found == bytes.end() ? 0 : found->second, 0};
  }
  for (const ports::PartitionOffsets& partition : offsets) {
    if (const auto found = by_name.find(partition.topic); found != by_name.end()) {
      found->second.offset_total +=
          std::max<std::int64_t>(0, partition.latest - partition.earliest);
    }
  }
  StorageReport report;
  for (auto& [name, storage] : by_name) {
    report.topics.push_back(std::move(storage));
  }
  return report;
}

bool may_consume(const ports::ConsumerGroupListing& group) {
  return !group.simple && group.state == "Stable";
}

ConsumptionReport consumption_report(const std::vector<std::string>& topics,
                                     const std::vector<ports::ConsumerGroup>& groups) {
  const std::set<std::string> sorted_topics(topics.begin(), topics.end());
  std::vector<const ports::ConsumerGroup*> candidates;
  for (const ports::ConsumerGroup& group : groups) {
    if (may_consume({group.id, group.state, group.simple})) {
      candidates.push_back(&group);
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto* a, const auto* b) {
    return a->id < b->id;
  });

  ConsumptionReport report;
  std::map<std::string, std::set<std::string>> topics_of_group;
  for (const std::string& topic : sorted_topics) {
    TopicConsumption consumption{topic, {}};
    for (const ports::ConsumerGroup* group : candidates) {
      if (assigned(*group, topic)) {
        consumption.groups.push_back(consumption_of(*group, {topic}));
        topics_of_group[group->id].insert(topic);
      }
    }
    if (!consumption.groups.empty()) {
      report.topics.push_back(std::move(consumption));
    }
  }
  for (const ports::ConsumerGroup* group : candidates) {
    if (const auto found = topics_of_group.find(group->id); found != topics_of_group.end()) {
      report.groups.push_back(consumption_of(*group, found->second));
    }
  }
  return report;
}

Result<StorageReport> measure_storage(ports::ClusterMetrics& admin,
                                      const std::vector<std::string>& topics) {
  auto bytes = admin.describe_log_dirs(topics);
  if (!bytes) {
    return tl::unexpected(bytes.error());
  }
  auto offsets = admin.topic_offsets(topics);
  if (!offsets) {
    return tl::unexpected(offsets.error());
  }
  return storage_report(topics, *bytes, *offsets);
}

Result<ConsumptionReport> measure_consumption(ports::ClusterMetrics& admin,
                                              const std::vector<std::string>& topics) {
  auto listings = admin.list_consumer_groups();
  if (!listings) {
    return tl::unexpected(listings.error());
  }
  std::vector<std::string> ids;
  for (const ports::ConsumerGroupListing& listing : *listings) {
    if (may_consume(listing)) {
      ids.push_back(listing.id);
    }
  }
  if (ids.empty() || topics.empty()) {
    return ConsumptionReport{};
  }
  auto groups = admin.describe_consumer_groups(ids);
  if (!groups) {
    return tl::unexpected(groups.error());
  }
  // The state is re-checked on the description: a group may have started rebalancing since.
  return consumption_report(topics, *groups);
}

std::string render_storage_json(const StorageReport& report) {
  Json document = Json::object();
  for (const TopicStorage& topic : report.topics) {
    document[topic.topic] = {{"storage-bytes", topic.storage_bytes},
                             {"offset-total", topic.offset_total}};
  }
  return document.dump() + '\n';
}

std::string render_storage_text(const StorageReport& report) {
  std::vector<std::vector<std::string>> rows{{"TOPIC", "STORAGE-BYTES", "OFFSET-TOTAL"}};
  std::int64_t total_bytes = 0;
  std::int64_t total_offsets = 0;
  for (const TopicStorage& topic : report.topics) {
    rows.push_back(
        {topic.topic, std::to_string(topic.storage_bytes), std::to_string(topic.offset_total)});
    total_bytes += topic.storage_bytes;
    total_offsets += topic.offset_total;
  }
  rows.push_back({fmt::format("total ({} topics)", report.topics.size()),
                  std::to_string(total_bytes),
                  std::to_string(total_offsets)});
  return table(rows);
}

std::string render_consumption_json(const ConsumptionReport& report) {
  Json document = Json::object();
  for (const TopicConsumption& topic : report.topics) {
    // The original's single object (its first group here) keeps existing readers working.
    Json entry = group_json(topic.groups.front());
    Json groups = Json::array();
    for (const GroupConsumption& group : topic.groups) {
      groups.push_back(group_json(group));
    }
    entry["groups"] = std::move(groups);
    document[topic.topic] = std::move(entry);
  }
  Json groups = Json::array();
  for (const GroupConsumption& group : report.groups) {
    groups.push_back(group_json(group));
  }
  // A topic name always has the domain and a delimiter before it, so "groups" never is one.
  document["groups"] = std::move(groups);
  return document.dump() + '\n';
}

std::string render_consumption_text(const ConsumptionReport& report) {
  if (report.topics.empty()) {
    return "no consumer group consumes these topics\n";
  }
  std::vector<std::vector<std::string>> rows{
      {"TOPIC", "GROUP", "MEMBERS", "PARTITIONS", "OFFSET-TOTAL"}};
  for (const TopicConsumption& topic : report.topics) {
    for (const GroupConsumption& group : topic.groups) {
      rows.push_back({topic.topic,
                      group.id,
                      std::to_string(group.members.size()),
                      std::to_string(group.partitions.size()),
                      std::to_string(group.offset_total)});
    }
  }
  std::vector<std::vector<std::string>> members{{"GROUP", "MEMBER", "CLIENT-ID", "HOST"}};
  for (const GroupConsumption& group : report.groups) {
    for (const ports::GroupMember& member : group.members) {
      members.push_back({group.id, member.id, member.client_id, member.host});
    }
  }
  return table(rows) + '\n' + table(members);
}

} // namespace specmesh::metrics
