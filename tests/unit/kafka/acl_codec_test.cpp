#include "kafka/acl_codec.hpp"

#include <gtest/gtest.h>

#include <array>
#include <tuple>

namespace specmesh::kafka {
namespace {

plan::AclBinding binding(plan::ResourceType type,
                         plan::PatternType pattern,
                         plan::AclOperation operation,
                         plan::AclPermission permission) {
  plan::AclBinding acl;
  acl.resource_type = type;
  acl.resource_name = "acme.shop.";
  acl.pattern_type = pattern;
  acl.principal = "User:acme.shop";
  acl.host = "*";
  acl.operation = operation;
  acl.permission = permission;
  return acl;
}

constexpr auto k_types = std::to_array({plan::ResourceType::topic,
                                        plan::ResourceType::group,
                                        plan::ResourceType::transactional_id,
                                        plan::ResourceType::cluster});
constexpr auto k_operations = std::to_array({plan::AclOperation::all,
                                             plan::AclOperation::read,
                                             plan::AclOperation::write,
                                             plan::AclOperation::create,
                                             plan::AclOperation::remove,
                                             plan::AclOperation::alter,
                                             plan::AclOperation::describe,
                                             plan::AclOperation::cluster_action,
                                             plan::AclOperation::describe_configs,
                                             plan::AclOperation::alter_configs,
                                             plan::AclOperation::idempotent_write});

TEST(AclCodecTest, EveryBindingSpecmeshManagesComesBackAsItWent) {
  for (const auto type : k_types) {
    for (const auto operation : k_operations) {
      for (const auto pattern : {plan::PatternType::literal, plan::PatternType::prefixed}) {
        for (const auto permission : {plan::AclPermission::allow, plan::AclPermission::deny}) {
          const auto acl = binding(type, pattern, operation, permission);
          for (const auto form : {AclForm::binding, AclForm::exact_filter}) {
            const auto rd = to_rd_acl(acl, form);
            ASSERT_TRUE(rd) << rd.error().message;
            EXPECT_EQ(from_rd_acl(rd->get()), acl) << acl.name();
          }
        }
      }
    }
  }
}

TEST(AclCodecTest, UsesKafkasCodesWhereTheNamesDiffer) {
  const auto cluster = to_rd_acl(binding(plan::ResourceType::cluster,
                                         plan::PatternType::literal,
                                         plan::AclOperation::remove,
                                         plan::AclPermission::allow),
                                 AclForm::binding);
  ASSERT_TRUE(cluster);
  EXPECT_EQ(rd_kafka_AclBinding_restype(cluster->get()), RD_KAFKA_RESOURCE_BROKER);
  EXPECT_EQ(rd_kafka_AclBinding_operation(cluster->get()), RD_KAFKA_ACL_OPERATION_DELETE);

  const auto transactional_id = to_rd_acl(binding(plan::ResourceType::transactional_id,
                                                  plan::PatternType::prefixed,
                                                  plan::AclOperation::write,
                                                  plan::AclPermission::deny),
                                          AclForm::binding);
  ASSERT_TRUE(transactional_id);
  EXPECT_EQ(static_cast<int>(rd_kafka_AclBinding_restype(transactional_id->get())), 5);
  EXPECT_EQ(rd_kafka_AclBinding_resource_pattern_type(transactional_id->get()),
            RD_KAFKA_RESOURCE_PATTERN_PREFIXED);
  EXPECT_EQ(rd_kafka_AclBinding_permission_type(transactional_id->get()),
            RD_KAFKA_ACL_PERMISSION_TYPE_DENY);
}

TEST(AclCodecTest, KindsSpecmeshDoesNotManageAreLeftOut) {
  using Kinds = std::tuple<rd_kafka_ResourceType_t,
                           rd_kafka_ResourcePatternType_t,
                           rd_kafka_AclOperation_t,
                           rd_kafka_AclPermissionType_t>;
  const auto unmanaged = std::to_array<Kinds>({
      {RD_KAFKA_RESOURCE_ANY,
       RD_KAFKA_RESOURCE_PATTERN_LITERAL,
       RD_KAFKA_ACL_OPERATION_READ,
       RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW},
      {RD_KAFKA_RESOURCE_TOPIC,
       RD_KAFKA_RESOURCE_PATTERN_MATCH,
       RD_KAFKA_ACL_OPERATION_READ,
       RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW},
      {RD_KAFKA_RESOURCE_TOPIC,
       RD_KAFKA_RESOURCE_PATTERN_LITERAL,
       RD_KAFKA_ACL_OPERATION_ANY,
       RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW},
      {RD_KAFKA_RESOURCE_TOPIC,
       RD_KAFKA_RESOURCE_PATTERN_LITERAL,
       RD_KAFKA_ACL_OPERATION_READ,
       RD_KAFKA_ACL_PERMISSION_TYPE_ANY},
  });
  std::array<char, 512> errstr{};
  for (const auto& [type, pattern, operation, permission] : unmanaged) {
    // A filter can carry the wildcard kinds a broker's binding never has.
    const AclBindingHandle filter(rd_kafka_AclBindingFilter_new(type,
                                                                "acme.shop.x",
                                                                pattern,
                                                                "User:x",
                                                                "*",
                                                                operation,
                                                                permission,
                                                                errstr.data(),
                                                                errstr.size()));
    ASSERT_TRUE(filter) << errstr.data();
    EXPECT_EQ(from_rd_acl(filter.get()), std::nullopt);
  }
}

TEST(AclCodecTest, ABindingLibrdkafkaRefusesIsAnInvalidInputNamingTheAcl) {
  const auto acl = binding(plan::ResourceType::topic,
                           plan::PatternType::literal,
                           static_cast<plan::AclOperation>(99),
                           plan::AclPermission::allow);
  const auto rd = to_rd_acl(acl, AclForm::binding);
  ASSERT_FALSE(rd);
  EXPECT_EQ(rd.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(rd.error().message.rfind("acl '" + acl.name() + "': ", 0), 0U) << rd.error().message;
}

} // namespace
} // namespace specmesh::kafka
