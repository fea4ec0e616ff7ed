#include <specmesh/spec/naming.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <tuple>

namespace specmesh::testing {

namespace {

template <typename Item, typename Name>
std::string call_line(const char* operation, const std::vector<Item>& items, Name name) {
  std::string line = operation;
  for (const Item& item : items) {
    line += ' ';
    line += name(item);
  }
  return line;
}

std::string acl_label(const plan::AclBinding& acl) {
  return fmt::format(
      "{}:{}:{}", to_string(acl.resource_type), acl.resource_name, to_string(acl.operation));
}

ports::Outcome error(ErrorCode code, std::string message) {
  return tl::unexpected(Error{code, std::move(message), {}});
}

/// The effective config of a new topic: what it sets, and a broker's defaults for the rest
/// (a few of them: describe_topics reports every key).
plan::ConfigMap with_broker_defaults(plan::ConfigMap config) {
  config.emplace("cleanup.policy", "delete");
  config.emplace("retention.ms", "604800000");
  config.emplace("segment.bytes", "1073741824");
  return config;
}

/// Why a broker refuses to create `topic` (in its words), or "" if it would not.
std::string creation_problem(const plan::Topic& topic) {
  if (const std::string problem = spec::topic_name_problem(topic.name); !problem.empty()) {
    return fmt::format("Topic name is invalid: '{}' {}", topic.name, problem);
  }
  if (const auto policy = topic.config.find("cleanup.policy"); policy != topic.config.end()) {
    // A list, its items trimmed as the broker's config parser does. (No std::views::split:
    // clang-tidy 14 cannot parse libstdc++ 12's ranges.)
    const std::string_view list = policy->second;
    for (std::size_t start = 0; start <= list.size();) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      const std::string value = trim(list.substr(start, comma - start));
      start = comma + 1;
      if (value != "delete" && value != "compact") {
        return fmt::format("Invalid value {} for configuration cleanup.policy: String must be "
                           "one of: compact, delete",
                           policy->second);
      }
    }
  }
  return {};
}

} // namespace

void FakeKafkaAdmin::add_topic(const plan::Topic& topic) {
  topics[topic.name] = {topic, topic.config};
}

void FakeKafkaAdmin::freeze_reads(int reads) {
  m_frozen = {reads, topics, acls};
}

const FakeKafkaAdmin::FrozenReads* FakeKafkaAdmin::frozen_read() {
  if (m_frozen.remaining <= 0) {
    return nullptr;
  }
  --m_frozen.remaining;
  return &m_frozen;
}

std::optional<Error> FakeKafkaAdmin::take_failure(const std::string& item) {
  const auto found = failures.find(item);
  if (found == failures.end()) {
    return std::nullopt;
  }
  Error failure = found->second;
  failures.erase(found);
  return failure;
}

Result<std::vector<ports::TopicDescription>>
FakeKafkaAdmin::describe_topics(std::string_view prefix) {
  calls.push_back(fmt::format("describe_topics {}", prefix));
  const FrozenReads* frozen = frozen_read();
  std::vector<ports::TopicDescription> out;
  for (const auto& [name, description] : frozen != nullptr ? frozen->topics : topics) {
    if (name.starts_with(prefix) && !spec::is_internal_topic(name)) {
      out.push_back(description);
    }
  }
  return out;
}

Result<std::vector<plan::AclBinding>> FakeKafkaAdmin::describe_acls() {
  calls.emplace_back("describe_acls");
  if (!authorizer) {
    return fail(ErrorCode::unavailable, "kafka 'fake': the cluster has no authorizer");
  }
  const std::set<plan::AclBinding>& seen = frozen_read() != nullptr ? m_frozen.acls : acls;
  return std::vector<plan::AclBinding>(seen.begin(), seen.end());
}

std::vector<ports::Outcome> FakeKafkaAdmin::create_topics(const std::vector<plan::Topic>& wanted,
                                                          bool validate_only) {
  calls.push_back(call_line(validate_only ? "validate_topics" : "create_topics",
                            wanted,
                            [](const plan::Topic& topic) { return topic.name; }));
  std::vector<ports::Outcome> outcomes;
  for (const plan::Topic& topic : wanted) {
    if (auto failure = take_failure(topic.name)) {
      outcomes.emplace_back(tl::unexpected(*failure));
    } else if (const std::string problem = creation_problem(topic); !problem.empty()) {
      outcomes.push_back(
          error(ErrorCode::invalid_input, fmt::format("topic '{}': {}", topic.name, problem)));
    } else if (topics.contains(topic.name)) {
      outcomes.push_back(
          error(ErrorCode::conflict, fmt::format("topic '{}': Topic already exists", topic.name)));
    } else {
      if (!validate_only) {
        plan::Topic created = topic;
        created.replication = topic.replication < 0 ? 1 : topic.replication;
        created.config = with_broker_defaults(topic.config);
        topics[topic.name] = {created, topic.config};
      }
      outcomes.emplace_back();
    }
  }
  return outcomes;
}

std::vector<ports::Outcome>
FakeKafkaAdmin::create_partitions(const std::vector<std::pair<std::string, int>>& totals) {
  calls.push_back(
      call_line("create_partitions", totals, [](const auto& total) { return total.first; }));
  std::vector<ports::Outcome> outcomes;
  for (const auto& [name, count] : totals) {
    const auto found = topics.find(name);
    if (auto failure = take_failure(name)) {
      outcomes.emplace_back(tl::unexpected(*failure));
    } else if (found == topics.end()) {
      outcomes.push_back(error(ErrorCode::not_found, fmt::format("topic '{}': unknown", name)));
    } else if (count <= found->second.topic.partitions) {
      outcomes.push_back(error(ErrorCode::invalid_input,
                               fmt::format("topic '{}': partitions can only grow", name)));
    } else {
      found->second.topic.partitions = count;
      outcomes.emplace_back();
    }
  }
  return outcomes;
}

std::vector<ports::Outcome> FakeKafkaAdmin::set_topic_configs(
    const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) {
  calls.push_back(
      call_line("set_topic_configs", changes, [](const auto& change) { return change.first; }));
  std::vector<ports::Outcome> outcomes;
  for (const auto& [name, config] : changes) {
    const auto found = topics.find(name);
    if (auto failure = take_failure(name)) {
      outcomes.emplace_back(tl::unexpected(*failure));
    } else if (found == topics.end()) {
      outcomes.push_back(error(ErrorCode::not_found, fmt::format("topic '{}': unknown", name)));
    } else {
      for (const auto& [key, value] : config) {
        found->second.topic.config[key] = value;
        found->second.overrides[key] = value;
      }
      outcomes.emplace_back();
    }
  }
  return outcomes;
}

std::vector<ports::Outcome> FakeKafkaAdmin::delete_topics(const std::vector<std::string>& names) {
  calls.push_back(call_line("delete_topics", names, [](const std::string& name) { return name; }));
  std::vector<ports::Outcome> outcomes;
  for (const std::string& name : names) {
    if (auto failure = take_failure(name)) {
      outcomes.emplace_back(tl::unexpected(*failure));
    } else if (topics.erase(name) == 0) {
      outcomes.push_back(error(ErrorCode::not_found, fmt::format("topic '{}': unknown", name)));
    } else {
      outcomes.emplace_back();
    }
  }
  return outcomes;
}

std::vector<ports::Outcome>
FakeKafkaAdmin::create_acls(const std::vector<plan::AclBinding>& wanted) {
  calls.push_back(call_line("create_acls", wanted, acl_label));
  std::vector<ports::Outcome> outcomes;
  for (const plan::AclBinding& acl : wanted) {
    if (auto failure = take_failure(acl.name())) {
      outcomes.emplace_back(tl::unexpected(*failure));
    } else {
      acls.insert(acl);
      outcomes.emplace_back();
    }
  }
  return outcomes;
}

std::vector<ports::Outcome>
FakeKafkaAdmin::delete_acls(const std::vector<plan::AclBinding>& unwanted) {
  calls.push_back(call_line("delete_acls", unwanted, acl_label));
  std::vector<ports::Outcome> outcomes;
  for (const plan::AclBinding& acl : unwanted) {
    if (auto failure = take_failure(acl.name())) {
      outcomes.emplace_back(tl::unexpected(*failure));
    } else if (acls.erase(acl) == 0) {
      // As the real adapter: DeleteAcls matched no binding.
      outcomes.push_back(
          error(ErrorCode::not_found, fmt::format("acl '{}': no such acl", acl.name())));
    } else {
      outcomes.emplace_back();
    }
  }
  return outcomes;
}

Result<std::map<std::string, std::int64_t>>
FakeKafkaAdmin::describe_log_dirs(const std::vector<std::string>& wanted) {
  calls.push_back(
      call_line("describe_log_dirs", wanted, [](const std::string& name) { return name; }));
  if (auto failure = take_failure("describe_log_dirs")) {
    return tl::unexpected(*failure);
  }
  std::map<std::string, std::int64_t> bytes;
  for (const std::string& topic : wanted) {
    const auto found = storage_bytes.find(topic);
    bytes[topic] = found == storage_bytes.end() ? 0 : found->second;
  }
  return bytes;
}

Result<std::vector<ports::PartitionOffsets>>
FakeKafkaAdmin::topic_offsets(const std::vector<std::string>& wanted) {
  calls.push_back(call_line("topic_offsets", wanted, [](const std::string& name) { return name; }));
  if (auto failure = take_failure("topic_offsets")) {
    return tl::unexpected(*failure);
  }
  // Every partition of every existing topic asked for; those `offsets` does not name are empty.
  std::map<ports::TopicPartition, ports::PartitionOffsets> out;
  for (const std::string& name : wanted) {
    if (const auto found = topics.find(name); found != topics.end()) {
      for (int partition = 0; partition < found->second.topic.partitions; ++partition) {
        out[{name, partition}] = {name, partition, 0, 0};
      }
    }
  }
  for (const ports::PartitionOffsets& partition : offsets) {
    if (const auto found = out.find({partition.topic, partition.partition}); found != out.end()) {
      found->second = partition;
    }
  }
  std::vector<ports::PartitionOffsets> sorted;
  sorted.reserve(out.size());
  for (const auto& [key, partition] : out) {
    sorted.push_back(partition);
  }
  return sorted;
}

Result<std::vector<ports::ConsumerGroupListing>> FakeKafkaAdmin::list_consumer_groups() {
  calls.emplace_back("list_consumer_groups");
  if (auto failure = take_failure("list_consumer_groups")) {
    return tl::unexpected(*failure);
  }
  std::vector<ports::ConsumerGroupListing> listings;
  for (const auto& [id, group] : groups) {
    listings.push_back({id, group.state, group.simple});
  }
  return listings;
}

Result<std::vector<ports::ConsumerGroup>>
FakeKafkaAdmin::describe_consumer_groups(const std::vector<std::string>& group_ids) {
  calls.push_back(
      call_line("describe_consumer_groups", group_ids, [](const std::string& id) { return id; }));
  if (auto failure = take_failure("describe_consumer_groups")) {
    return tl::unexpected(*failure);
  }
  std::vector<ports::ConsumerGroup> described;
  for (const std::string& id : group_ids) {
    const auto found = groups.find(id);
    if (found == groups.end()) {
      // What a broker answers for a group it does not know (no protocol type: "simple").
      described.push_back({id, "Dead", true, {}, {}});
      continue;
    }
    ports::ConsumerGroup group = found->second;
    group.id = id;
    std::sort(group.offsets.begin(), group.offsets.end(), [](const auto& a, const auto& b) {
      return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
    });
    described.push_back(std::move(group));
  }
  return described;
}

} // namespace specmesh::testing
