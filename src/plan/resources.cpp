#include <specmesh/plan/resources.hpp>

#include <fmt/format.h>

namespace specmesh::plan {

const char* to_string(ResourceType value) {
  switch (value) {
  case ResourceType::topic:
    return "TOPIC";
  case ResourceType::group:
    return "GROUP";
  case ResourceType::transactional_id:
    return "TRANSACTIONAL_ID";
  case ResourceType::cluster:
    return "CLUSTER";
  }
  return "UNKNOWN";
}

const char* to_string(PatternType value) {
  return value == PatternType::literal ? "LITERAL" : "PREFIXED";
}

const char* to_string(AclOperation value) {
  switch (value) {
  case AclOperation::all:
    return "ALL";
  case AclOperation::read:
    return "READ";
  case AclOperation::write:
    return "WRITE";
  case AclOperation::create:
    return "CREATE";
  case AclOperation::remove:
    return "DELETE";
  case AclOperation::alter:
    return "ALTER";
  case AclOperation::describe:
    return "DESCRIBE";
  case AclOperation::cluster_action:
    return "CLUSTER_ACTION";
  case AclOperation::describe_configs:
    return "DESCRIBE_CONFIGS";
  case AclOperation::alter_configs:
    return "ALTER_CONFIGS";
  case AclOperation::idempotent_write:
    return "IDEMPOTENT_WRITE";
  }
  return "UNKNOWN";
}

const char* to_string(AclPermission value) {
  return value == AclPermission::allow ? "ALLOW" : "DENY";
}

std::string AclBinding::name() const {
  return fmt::format("(pattern=ResourcePattern(resourceType={}, name={}, patternType={}), "
                     "entry=(principal={}, host={}, operation={}, permissionType={}))",
                     to_string(resource_type),
                     resource_name,
                     to_string(pattern_type),
                     principal,
                     host,
                     to_string(operation),
                     to_string(permission));
}

} // namespace specmesh::plan
