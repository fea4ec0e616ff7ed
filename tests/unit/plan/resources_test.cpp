#include <specmesh/plan/resources.hpp>

#include <gtest/gtest.h>

#include <set>

namespace specmesh::plan {
namespace {

TEST(ResourcesToString, UsesKafkasResourceTypeNames) {
  EXPECT_STREQ(to_string(ResourceType::topic), "TOPIC");
  EXPECT_STREQ(to_string(ResourceType::group), "GROUP");
  EXPECT_STREQ(to_string(ResourceType::transactional_id), "TRANSACTIONAL_ID");
  EXPECT_STREQ(to_string(ResourceType::cluster), "CLUSTER");
}

TEST(ResourcesToString, UsesKafkasPatternTypeNames) {
  EXPECT_STREQ(to_string(PatternType::literal), "LITERAL");
  EXPECT_STREQ(to_string(PatternType::prefixed), "PREFIXED");
}

TEST(ResourcesToString, UsesKafkasOperationNames) {
  EXPECT_STREQ(to_string(AclOperation::all), "ALL");
  EXPECT_STREQ(to_string(AclOperation::read), "READ");
  EXPECT_STREQ(to_string(AclOperation::write), "WRITE");
  EXPECT_STREQ(to_string(AclOperation::create), "CREATE");
  EXPECT_STREQ(to_string(AclOperation::remove), "DELETE");
  EXPECT_STREQ(to_string(AclOperation::alter), "ALTER");
  EXPECT_STREQ(to_string(AclOperation::describe), "DESCRIBE");
  EXPECT_STREQ(to_string(AclOperation::cluster_action), "CLUSTER_ACTION");
  EXPECT_STREQ(to_string(AclOperation::describe_configs), "DESCRIBE_CONFIGS");
  EXPECT_STREQ(to_string(AclOperation::alter_configs), "ALTER_CONFIGS");
  EXPECT_STREQ(to_string(AclOperation::idempotent_write), "IDEMPOTENT_WRITE");
}

TEST(ResourcesToString, UsesKafkasPermissionNames) {
  EXPECT_STREQ(to_string(AclPermission::allow), "ALLOW");
  EXPECT_STREQ(to_string(AclPermission::deny), "DENY");
}

TEST(AclBindingName, IsKafkasAclBindingString) {
  const AclBinding acl{.resource_type = ResourceType::topic,
                       .resource_name = "acme.shop._public.orders",
                       .pattern_type = PatternType::literal,
                       .principal = "User:acme.finance",
                       .host = "*",
                       .operation = AclOperation::read,
                       .permission = AclPermission::allow};
  EXPECT_EQ(acl.name(),
            "(pattern=ResourcePattern(resourceType=TOPIC, name=acme.shop._public.orders, "
            "patternType=LITERAL), entry=(principal=User:acme.finance, host=*, operation=READ, "
            "permissionType=ALLOW))");
}

TEST(AclBindingName, ShowsEveryField) {
  const AclBinding acl{.resource_type = ResourceType::transactional_id,
                       .resource_name = "acme.shop.",
                       .pattern_type = PatternType::prefixed,
                       .principal = "User:acme.shop",
                       .host = "10.0.0.1",
                       .operation = AclOperation::idempotent_write,
                       .permission = AclPermission::deny};
  EXPECT_EQ(acl.name(),
            "(pattern=ResourcePattern(resourceType=TRANSACTIONAL_ID, name=acme.shop., "
            "patternType=PREFIXED), entry=(principal=User:acme.shop, host=10.0.0.1, "
            "operation=IDEMPOTENT_WRITE, permissionType=DENY))");
}

TEST(AclBinding, DefaultsToAnAllowedLiteralTopicReadFromAnyHost) {
  const AclBinding acl;
  EXPECT_EQ(acl.resource_type, ResourceType::topic);
  EXPECT_EQ(acl.pattern_type, PatternType::literal);
  EXPECT_EQ(acl.host, "*");
  EXPECT_EQ(acl.operation, AclOperation::read);
  EXPECT_EQ(acl.permission, AclPermission::allow);
}

TEST(AclBinding, BindingsDifferingInAnyFieldAreDistinct) {
  const AclBinding base{.resource_name = "acme.shop.a", .principal = "User:x"};
  AclBinding other_host = base;
  other_host.host = "10.0.0.1";
  AclBinding other_operation = base;
  other_operation.operation = AclOperation::write;
  AclBinding other_permission = base;
  other_permission.permission = AclPermission::deny;
  const std::set<AclBinding> bindings{base, other_host, other_operation, other_permission, base};
  EXPECT_EQ(bindings.size(), 4u);
}

} // namespace
} // namespace specmesh::plan
