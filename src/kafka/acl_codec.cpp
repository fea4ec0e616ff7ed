#include "acl_codec.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace specmesh::kafka {
namespace {

rd_kafka_ResourceType_t to_rd(plan::ResourceType value) {
  switch (value) {
  case plan::ResourceType::topic:
    return RD_KAFKA_RESOURCE_TOPIC;
  case plan::ResourceType::group:
    return RD_KAFKA_RESOURCE_GROUP;
  case plan::ResourceType::cluster:
    return RD_KAFKA_RESOURCE_BROKER; // librdkafka's name for Kafka's CLUSTER (code 4)
  case plan::ResourceType::transactional_id:
    // Kafka's code 5; 2.0.2's enum stops at BROKER but the wire value is the same.
    return static_cast<rd_kafka_ResourceType_t>(5);
  }
  return RD_KAFKA_RESOURCE_UNKNOWN;
}

std::optional<plan::ResourceType> from_rd(rd_kafka_ResourceType_t value) {
  switch (static_cast<int>(value)) {
  case RD_KAFKA_RESOURCE_TOPIC:
    return plan::ResourceType::topic;
  case RD_KAFKA_RESOURCE_GROUP:
    return plan::ResourceType::group;
  case RD_KAFKA_RESOURCE_BROKER:
    return plan::ResourceType::cluster;
  case 5: // only from librdkafka >= 2.6; 2.0.2 reports these bindings as UNKNOWN
    return plan::ResourceType::transactional_id;
  default:
    return std::nullopt;
  }
}

constexpr auto k_operations =
    std::to_array<std::pair<plan::AclOperation, rd_kafka_AclOperation_t>>({
        {plan::AclOperation::all, RD_KAFKA_ACL_OPERATION_ALL},
        {plan::AclOperation::read, RD_KAFKA_ACL_OPERATION_READ},
        {plan::AclOperation::write, RD_KAFKA_ACL_OPERATION_WRITE},
        {plan::AclOperation::create, RD_KAFKA_ACL_OPERATION_CREATE},
        {plan::AclOperation::remove, RD_KAFKA_ACL_OPERATION_DELETE},
        {plan::AclOperation::alter, RD_KAFKA_ACL_OPERATION_ALTER},
        {plan::AclOperation::describe, RD_KAFKA_ACL_OPERATION_DESCRIBE},
        {plan::AclOperation::cluster_action, RD_KAFKA_ACL_OPERATION_CLUSTER_ACTION},
        {plan::AclOperation::describe_configs, RD_KAFKA_ACL_OPERATION_DESCRIBE_CONFIGS},
        {plan::AclOperation::alter_configs, RD_KAFKA_ACL_OPERATION_ALTER_CONFIGS},
        {plan::AclOperation::idempotent_write, RD_KAFKA_ACL_OPERATION_IDEMPOTENT_WRITE},
    });

rd_kafka_AclOperation_t to_rd(plan::AclOperation value) {
  for (const auto& [ours, theirs] : k_operations) {
    if (ours == value) {
      return theirs;
    }
  }
  return RD_KAFKA_ACL_OPERATION_UNKNOWN;
}

std::optional<plan::AclOperation> from_rd(rd_kafka_AclOperation_t value) {
  for (const auto& [ours, theirs] : k_operations) {
    if (theirs == value) {
      return ours;
    }
  }
  return std::nullopt;
}

rd_kafka_ResourcePatternType_t to_rd(plan::PatternType value) {
  return value == plan::PatternType::literal ? RD_KAFKA_RESOURCE_PATTERN_LITERAL
                                             : RD_KAFKA_RESOURCE_PATTERN_PREFIXED;
}

rd_kafka_AclPermissionType_t to_rd(plan::AclPermission value) {
  return value == plan::AclPermission::allow ? RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW
                                             : RD_KAFKA_ACL_PERMISSION_TYPE_DENY;
}

/// Why librdkafka refused to build a binding, as an item error.
Error acl_build_error(const plan::AclBinding& acl, const char* errstr) {
  if (acl.resource_type == plan::ResourceType::transactional_id) {
    // Added in librdkafka 2.6 (confluentinc/librdkafka#4856); older ones reject the type.
    return Error{ErrorCode::invalid_input,
                 fmt::format("acl '{}': librdkafka {} cannot manage TRANSACTIONAL_ID acls",
                             acl.name(),
                             rd_kafka_version_str()),
                 {}};
  }
  return Error{ErrorCode::invalid_input, fmt::format("acl '{}': {}", acl.name(), errstr), {}};
}

} // namespace

Result<AclBindingHandle> to_rd_acl(const plan::AclBinding& acl, AclForm form) {
  auto* make =
      form == AclForm::exact_filter ? rd_kafka_AclBindingFilter_new : rd_kafka_AclBinding_new;
  std::array<char, 512> errstr{};
  AclBindingHandle binding(make(to_rd(acl.resource_type),
                                acl.resource_name.c_str(),
                                to_rd(acl.pattern_type),
                                acl.principal.c_str(),
                                acl.host.c_str(),
                                to_rd(acl.operation),
                                to_rd(acl.permission),
                                errstr.data(),
                                errstr.size()));
  if (!binding) {
    return tl::unexpected(acl_build_error(acl, errstr.data()));
  }
  return binding;
}

std::optional<plan::AclBinding> from_rd_acl(const rd_kafka_AclBinding_t* acl) {
  const auto type = from_rd(rd_kafka_AclBinding_restype(acl));
  const auto operation = from_rd(rd_kafka_AclBinding_operation(acl));
  const auto pattern = rd_kafka_AclBinding_resource_pattern_type(acl);
  const auto permission = rd_kafka_AclBinding_permission_type(acl);
  if (!type || !operation
      || (pattern != RD_KAFKA_RESOURCE_PATTERN_LITERAL
          && pattern != RD_KAFKA_RESOURCE_PATTERN_PREFIXED)
      || (permission != RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW
          && permission != RD_KAFKA_ACL_PERMISSION_TYPE_DENY)) {
    return std::nullopt;
  }
  plan::AclBinding binding;
  binding.resource_type = *type;
  binding.resource_name = rd_kafka_AclBinding_name(acl);
  binding.pattern_type = pattern == RD_KAFKA_RESOURCE_PATTERN_LITERAL ? plan::PatternType::literal
                                                                      : plan::PatternType::prefixed;
  binding.principal = rd_kafka_AclBinding_principal(acl);
  binding.host = rd_kafka_AclBinding_host(acl);
  binding.operation = *operation;
  binding.permission = permission == RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW ? plan::AclPermission::allow
                                                                        : plan::AclPermission::deny;
  return binding;
}

} // namespace specmesh::kafka
