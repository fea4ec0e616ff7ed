#include "fake_services.hpp"

#include <specmesh/testing/forwarding_ports.hpp>

#include <array>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace specmesh::cli_tests {

namespace {

using nlohmann::json;

using testing::ForwardingKafkaAdmin;
using testing::ForwardingSchemaRegistry;

/// The enum value whose to_string() is `text`.
template <typename Enum, std::size_t N>
Enum parse_name(const std::string& text, const std::array<Enum, N>& values, const char* what) {
  for (const Enum value : values) {
    if (text == to_string(value)) {
      return value;
    }
  }
  throw std::invalid_argument("cluster.json: unknown " + std::string(what) + " '" + text + "'");
}

ErrorCode parse_error_code(const std::string& text) {
  static const std::array<std::pair<const char*, ErrorCode>, 8> k_codes{{
      {"invalid_spec", ErrorCode::invalid_spec},
      {"invalid_input", ErrorCode::invalid_input},
      {"not_found", ErrorCode::not_found},
      {"conflict", ErrorCode::conflict},
      {"unauthorized", ErrorCode::unauthorized},
      {"unavailable", ErrorCode::unavailable},
      {"timeout", ErrorCode::timeout},
      {"internal", ErrorCode::internal},
  }};
  for (const auto& [name, code] : k_codes) {
    if (text == name) {
      return code;
    }
  }
  throw std::invalid_argument("cluster.json: unknown error code '" + text + "'");
}

plan::Topic parse_topic(const json& item) {
  return {.name = item.at("name"),
          .partitions = item.value("partitions", 1),
          .replication = item.value("replication", 1),
          .config = item.value("config", plan::ConfigMap{})};
}

plan::AclBinding parse_acl(const json& item) {
  using plan::AclOperation;
  constexpr std::array k_resources{plan::ResourceType::topic,
                                   plan::ResourceType::group,
                                   plan::ResourceType::transactional_id,
                                   plan::ResourceType::cluster};
  constexpr std::array k_patterns{plan::PatternType::literal, plan::PatternType::prefixed};
  constexpr std::array k_operations{AclOperation::all,
                                    AclOperation::read,
                                    AclOperation::write,
                                    AclOperation::create,
                                    AclOperation::remove,
                                    AclOperation::alter,
                                    AclOperation::describe,
                                    AclOperation::cluster_action,
                                    AclOperation::describe_configs,
                                    AclOperation::alter_configs,
                                    AclOperation::idempotent_write};
  constexpr std::array k_permissions{plan::AclPermission::allow, plan::AclPermission::deny};
  return {.resource_type = parse_name(item.at("resource"), k_resources, "resource type"),
          .resource_name = item.at("name"),
          .pattern_type = parse_name(item.at("pattern"), k_patterns, "pattern type"),
          .principal = item.at("principal"),
          .host = item.value("host", "*"),
          .operation = parse_name(item.at("operation"), k_operations, "operation"),
          .permission = parse_name(item.value("permission", "ALLOW"), k_permissions, "permission")};
}

std::string read_schema_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::invalid_argument("cluster.json: cannot read schema file '" + path + "'");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

plan::Subject parse_subject(const json& item) {
  constexpr std::array k_types{
      schema::SchemaType::avro, schema::SchemaType::json, schema::SchemaType::protobuf};
  return {.subject = item.at("subject"),
          .type = parse_name(item.value("type", "AVRO"), k_types, "schema type"),
          .schema = item.contains("file") ? read_schema_file(item.at("file"))
                                          : item.at("schema").get<std::string>()};
}

ports::ConsumerGroup parse_group(const json& item) {
  ports::ConsumerGroup group{.id = item.at("id"),
                             .state = item.value("state", "Stable"),
                             .simple = item.value("simple", false)};
  for (const json& member : item.value("members", json::array())) {
    ports::GroupMember& added = group.members.emplace_back(ports::GroupMember{
        .id = member.at("id"), .client_id = member.at("client_id"), .host = member.at("host")});
    for (const json& partition : member.value("assignment", json::array())) {
      added.assignment.push_back({partition.at("topic"), partition.at("partition")});
    }
  }
  for (const json& offset : item.value("offsets", json::array())) {
    group.offsets.push_back({offset.at("topic"), offset.at("partition"), offset.at("offset")});
  }
  return group;
}

/// The fake's key for a failure: the topic name, the ACL's name, or the call's name.
std::string failure_key(const json& failure) {
  if (failure.contains("topic")) {
    return failure.at("topic");
  }
  if (failure.contains("acl")) {
    return parse_acl(failure.at("acl")).name();
  }
  return failure.at("call");
}

Error connect_error(const std::string& message) {
  return Error{ErrorCode::unavailable, message, {}};
}

} // namespace

cli::Environment FakeServices::environment(std::ostream& out, std::ostream& err) {
  cli::ConnectKafka connect_kafka =
      [this](const kafka::Connection&) -> Result<std::unique_ptr<ports::KafkaAdmin>> {
    if (kafka_connect_error) {
      return tl::unexpected(*kafka_connect_error);
    }
    return std::make_unique<ForwardingKafkaAdmin>(kafka);
  };
  cli::ConnectRegistry connect_registry =
      [this](const registry::Connection&) -> Result<std::unique_ptr<ports::SchemaRegistry>> {
    if (registry_connect_error) {
      return tl::unexpected(*registry_connect_error);
    }
    return std::make_unique<ForwardingSchemaRegistry>(registry);
  };
  return {out, err, std::move(connect_kafka), std::move(connect_registry)};
}

void seed_state(const json& cluster, FakeServices& services) {
  for (const json& topic : cluster.value("topics", json::array())) {
    services.kafka.add_topic(parse_topic(topic));
  }
  for (const json& acl : cluster.value("acls", json::array())) {
    services.kafka.acls.insert(parse_acl(acl));
  }
  for (const json& subject : cluster.value("subjects", json::array())) {
    const plan::Subject parsed = parse_subject(subject);
    services.registry.add(parsed.subject, parsed);
  }
  const json storage_bytes = cluster.value("storage_bytes", json::object());
  for (const auto& [topic, bytes] : storage_bytes.items()) {
    services.kafka.storage_bytes[topic] = bytes.get<std::int64_t>();
  }
  for (const json& offsets : cluster.value("offsets", json::array())) {
    services.kafka.offsets.push_back({offsets.at("topic"),
                                      offsets.at("partition"),
                                      offsets.at("earliest"),
                                      offsets.at("latest")});
  }
  for (const json& group : cluster.value("groups", json::array())) {
    ports::ConsumerGroup parsed = parse_group(group);
    const std::string id = parsed.id;
    services.kafka.groups[id] = std::move(parsed);
  }
}

void inject_faults(const json& cluster, FakeServices& services) {
  const json faults = cluster.value("faults", json::object());
  for (const json& failure : faults.value("failures", json::array())) {
    services.kafka.failures[failure_key(failure)] =
        Error{parse_error_code(failure.value("code", "unavailable")), failure.at("message"), {}};
  }
  const json incompatible = faults.value("incompatible", json::object());
  for (const auto& [subject, reasons] : incompatible.items()) {
    services.registry.incompatible[subject] = reasons.get<std::vector<std::string>>();
  }
  services.kafka.authorizer = !faults.value("no_authorizer", false);
  if (faults.contains("connect_kafka")) {
    services.kafka_connect_error = connect_error(faults.at("connect_kafka"));
  }
  if (faults.contains("connect_registry")) {
    services.registry_connect_error = connect_error(faults.at("connect_registry"));
  }
}

std::string recorded_calls(const FakeServices& services) {
  std::string text;
  for (const std::string& call : services.kafka.calls) {
    text += "kafka: " + call + '\n';
  }
  for (const std::string& call : services.registry.calls) {
    text += "registry: " + call + '\n';
  }
  return text;
}

} // namespace specmesh::cli_tests
