#include "test_specs.hpp"

#include <specmesh/plan/desired.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

namespace specmesh::plan {
namespace {

using ::testing::Contains;
using testing::k_marker_spec;
using testing::k_tag_spec;
using testing::load;
using ::testing::Not;

constexpr const char* k_domain = "london.hammersmith.olympia.bigdatalondon";

std::vector<std::string> names(const std::vector<AclBinding>& acls) {
  std::vector<std::string> out;
  out.reserve(acls.size());
  for (const AclBinding& acl : acls) {
    out.push_back(acl.name());
  }
  return out;
}

std::string acl_name(const char* type,
                     const std::string& resource,
                     const char* pattern,
                     const std::string& principal,
                     const char* operation) {
  return "(pattern=ResourcePattern(resourceType=" + std::string(type) + ", name=" + resource
         + ", patternType=" + pattern + "), entry=(principal=" + principal
         + ", host=*, operation=" + operation + ", permissionType=ALLOW))";
}

TEST(RequiredAcls, StringFormIsKafkasAclBinding) {
  const AclBinding acl{ResourceType::topic,
                       "acme.shop._public",
                       PatternType::prefixed,
                       "User:*",
                       "*",
                       AclOperation::read,
                       AclPermission::allow};
  EXPECT_EQ(acl.name(),
            "(pattern=ResourcePattern(resourceType=TOPIC, name=acme.shop._public, "
            "patternType=PREFIXED), entry=(principal=User:*, host=*, operation=READ, "
            "permissionType=ALLOW))");
}

/// The fourteen ACLs of the marker spec, the owner's rows A, C, D prefixed by `owner_prefix`.
std::vector<std::string> marker_spec_acls(const std::string& owner_prefix) {
  const std::string owner = std::string("User:") + k_domain;
  const std::string protected_topic =
      std::string(k_domain) + "._protected.retail.subway.food.purchase";
  std::vector<std::string> expected{
      acl_name("TOPIC", owner_prefix, "PREFIXED", owner, "DESCRIBE"),
      acl_name("TOPIC", owner_prefix, "PREFIXED", owner, "READ"),
      acl_name("TOPIC", owner_prefix, "PREFIXED", owner, "WRITE"),
      acl_name("TOPIC", owner_prefix, "PREFIXED", owner, "DELETE"),
      acl_name("TOPIC", std::string(k_domain) + "._private", "PREFIXED", owner, "CREATE"),
      acl_name("TRANSACTIONAL_ID", owner_prefix, "PREFIXED", owner, "DESCRIBE"),
      acl_name("TRANSACTIONAL_ID", owner_prefix, "PREFIXED", owner, "WRITE"),
      acl_name("GROUP", owner_prefix, "PREFIXED", owner, "READ"),
      acl_name("GROUP", owner_prefix, "PREFIXED", owner, "DELETE"),
      acl_name("CLUSTER", "kafka-cluster", "PREFIXED", owner, "IDEMPOTENT_WRITE"),
      acl_name("TOPIC", std::string(k_domain) + "._public", "PREFIXED", "User:*", "DESCRIBE"),
      acl_name("TOPIC", std::string(k_domain) + "._public", "PREFIXED", "User:*", "READ"),
      acl_name("TOPIC", protected_topic, "LITERAL", "User:some.other.domain.root", "DESCRIBE"),
      acl_name("TOPIC", protected_topic, "LITERAL", "User:some.other.domain.root", "READ"),
  };
  std::sort(expected.begin(), expected.end());
  return expected;
}

TEST(RequiredAcls, OwnerAclsArePrefixedByTheDomainAndItsDelimiter) {
  // `D.`, not `D`: the bare prefix would also match another domain's `Dx.*` names (Part A.1).
  EXPECT_EQ(names(required_acls(load(k_marker_spec), {})),
            marker_spec_acls(std::string(k_domain) + "."));
}

TEST(RequiredAcls, OriginalAclsAreExactlyTheFourteenOfTheOriginal) {
  EXPECT_EQ(names(required_acls(load(k_marker_spec), DesiredOptions{.original_acls = true})),
            marker_spec_acls(k_domain));
}

TEST(RequiredAcls, TheOtherFormOfTheOwnersEightAclsIsSuperseded) {
  const spec::ApiSpec spec = load(k_marker_spec);
  const std::vector<AclBinding> exact = required_acls(spec, {});
  const std::vector<AclBinding> original = required_acls(spec, {.original_acls = true});
  const auto only_in = [](const std::vector<AclBinding>& a, const std::vector<AclBinding>& b) {
    std::vector<AclBinding> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  };
  const auto sorted = [](std::vector<AclBinding> acls) {
    std::sort(acls.begin(), acls.end());
    return acls;
  };
  const std::vector<AclBinding> superseded = sorted(superseded_owner_acls(spec, {}));
  EXPECT_EQ(superseded.size(), 8u);
  EXPECT_EQ(superseded, only_in(sorted(original), sorted(exact)));
  EXPECT_EQ(sorted(superseded_owner_acls(spec, {.original_acls = true})),
            only_in(sorted(exact), sorted(original)));
}

TEST(RequiredAcls, DomainUserReplacesOnlyTheOwnerPrincipal) {
  const spec::ApiSpec spec = load(k_marker_spec);
  const std::vector<AclBinding> plain = required_acls(spec, {});
  const std::vector<AclBinding> aliased = required_acls(spec, DesiredOptions{.domain_user = "bob"});
  ASSERT_EQ(plain.size(), aliased.size());
  std::size_t replaced = 0;
  for (AclBinding acl : plain) {
    if (acl.principal == std::string("User:") + k_domain) {
      acl.principal = "User:bob";
      ++replaced;
    }
    EXPECT_THAT(aliased, Contains(acl));
  }
  EXPECT_EQ(replaced, 10u);
}

TEST(RequiredAcls, TagOnlySpecGrantsLiteralAclsOnUnmarkedChannels) {
  const std::vector<std::string> acls = names(required_acls(load(k_tag_spec), {}));
  EXPECT_EQ(acls.size(), 16u);
  EXPECT_THAT(acls,
              Contains(acl_name(
                  "TOPIC", std::string(k_domain) + ".attendee", "LITERAL", "User:*", "READ")));
  EXPECT_THAT(acls,
              Contains(acl_name("TOPIC",
                                std::string(k_domain) + ".retail.subway.food.purchase",
                                "LITERAL",
                                "User:some.other.domain.root",
                                "DESCRIBE")));
  EXPECT_THAT(acls,
              Contains(acl_name(
                  "TOPIC", std::string(k_domain) + "._public", "PREFIXED", "User:*", "READ")));
  for (const std::string& acl : acls) {
    EXPECT_THAT(acl, Not(::testing::HasSubstr("retail.subway.customers")));
  }
}

TEST(RequiredAcls, CustomMarkersChangeResourceNames) {
  const spec::NamingOptions naming{.delimiter = '.',
                                   .public_marker = "zzpublic",
                                   .protected_marker = "zzprotected",
                                   .private_marker = "zzprivate"};
  const spec::ApiSpec spec = load(R"(
id: urn:d
channels:
  zzpublic.a: {bindings: {kafka: {}}, publish: {}}
  zzprotected.retail.b:
    bindings: {kafka: {}}
    publish: {tags: [{name: "grant-access:other"}]}
  zzprivate.c: {bindings: {kafka: {}}, publish: {}}
)",
                                  naming);
  const std::vector<std::string> acls =
      names(required_acls(spec, DesiredOptions{.naming = naming}));
  EXPECT_EQ(acls.size(), 14u);
  EXPECT_THAT(acls, Contains(acl_name("TOPIC", "d.zzpublic", "PREFIXED", "User:*", "READ")));
  EXPECT_THAT(
      acls, Contains(acl_name("TOPIC", "d.zzprotected.retail.b", "LITERAL", "User:other", "READ")));
  EXPECT_THAT(acls, Contains(acl_name("TOPIC", "d.zzprivate", "PREFIXED", "User:d", "CREATE")));
}

TEST(RequiredAcls, GrantTagsOnPublicAndPrivateChannelsAreIgnored) {
  const spec::ApiSpec spec = load(R"(
id: urn:d
channels:
  _public.a: {bindings: {kafka: {}}, publish: {tags: [{name: "grant-access:x"}]}}
  _private.b: {bindings: {kafka: {}}, publish: {tags: [{name: "grant-access:x"}]}}
)");
  EXPECT_EQ(required_acls(spec, {}).size(), 12u);
}

TEST(RequiredAcls, GrantsOutsideTheScopeAreNeverEmitted) {
  // The original emits literal ACLs for an absolute channel of another domain (Part B §3.1 H).
  const spec::ApiSpec spec = load(R"(
id: urn:acme.shop
channels:
  /acme.shopping.x: {bindings: {kafka: {}}, publish: {tags: [{name: "grant-access:x"}]}}
)");
  for (const AclBinding& acl : required_acls(spec, {})) {
    EXPECT_NE(acl.resource_name, "acme.shopping.x");
  }
}

TEST(RequiredAcls, EnvFilterDropsTheGrantsOfChannelsNotProvisioned) {
  const spec::ApiSpec spec = load(R"(
id: urn:d
channels:
  _protected.a:
    bindings: {kafka: {envs: [prod]}}
    publish: {tags: [{name: "grant-access:x"}]}
)");
  EXPECT_EQ(required_acls(spec, DesiredOptions{.env = "prod"}).size(), 14u);
  EXPECT_EQ(required_acls(spec, DesiredOptions{.env = "dev"}).size(), 12u);
}

} // namespace
} // namespace specmesh::plan
