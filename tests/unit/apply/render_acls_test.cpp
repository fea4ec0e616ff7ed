#include "apply/kind_rendering.hpp"
#include "json_keys.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::Action;
using ::testing::ElementsAre;

const plan::AclBinding k_prefixed_write{plan::ResourceType::topic,
                                        "acme.shop.",
                                        plan::PatternType::prefixed,
                                        "User:acme.shop",
                                        "*",
                                        plan::AclOperation::idempotent_write,
                                        plan::AclPermission::allow};

TEST(RenderAcls, SectionIsTitledAclsWithItsColumns) {
  const TextSection section = text_section(plan::Changes<plan::AclBinding>{});
  EXPECT_STREQ(section.title, "ACLs");
  EXPECT_THAT(section.columns,
              ElementsAre("RESOURCE", "NAME", "PATTERN", "PRINCIPAL", "OPERATION"));
  EXPECT_STREQ(json_key(plan::Changes<plan::AclBinding>{}), "acls");
}

TEST(RenderAcls, RowUsesKafkasUpperCaseNames) {
  const plan::AclChange change{.action = Action::create, .resource = k_prefixed_write};
  EXPECT_THAT(text_row(change),
              ElementsAre("TOPIC", "acme.shop.", "PREFIXED", "User:acme.shop", "IDEMPOTENT_WRITE"));
}

TEST(RenderAcls, JsonHasTheOriginalsFieldsInOrder) {
  plan::AclChange change{.action = Action::remove, .resource = k_prefixed_write};
  change.resource.resource_type = plan::ResourceType::group;
  change.resource.operation = plan::AclOperation::read;
  change.resource.permission = plan::AclPermission::deny;
  change.resource.host = "10.0.0.1";

  const nlohmann::ordered_json json = to_json(change);
  EXPECT_THAT(json_keys(json),
              ElementsAre("name",
                          "state",
                          "resourceType",
                          "resourceName",
                          "patternType",
                          "principal",
                          "host",
                          "operation",
                          "permissionType",
                          "exception"));
  EXPECT_EQ(json["name"], change.resource.name());
  EXPECT_EQ(json["state"], "DELETE");
  EXPECT_EQ(json["resourceType"], "GROUP");
  EXPECT_EQ(json["resourceName"], "acme.shop.");
  EXPECT_EQ(json["patternType"], "PREFIXED");
  EXPECT_EQ(json["principal"], "User:acme.shop");
  EXPECT_EQ(json["host"], "10.0.0.1");
  EXPECT_EQ(json["operation"], "READ");
  EXPECT_EQ(json["permissionType"], "DENY");
  EXPECT_TRUE(json["exception"].is_null());
}

TEST(RenderAcls, JsonOfADoneRemovalIsDeletedAndOfAFailureCarriesItsErrors) {
  plan::AclChange removed{.action = Action::remove, .resource = k_prefixed_write};
  removed.outcome.succeed();
  EXPECT_EQ(to_json(removed)["state"], "DELETED");

  plan::AclChange failed{.action = Action::create, .resource = k_prefixed_write};
  failed.outcome.fail({ErrorCode::unauthorized, "not authorized", {}});
  failed.outcome.fail({ErrorCode::timeout, "timed out", {}});
  EXPECT_EQ(to_json(failed)["state"], "FAILED");
  EXPECT_EQ(to_json(failed)["exception"], "not authorized; timed out");
}

} // namespace
} // namespace specmesh::apply
