#include <specmesh/spec/naming.hpp>

#include <gtest/gtest.h>

namespace specmesh::spec {
namespace {

TEST(DomainId, DropsUrnAndReplacesEveryColonWithTheDelimiter) {
  EXPECT_EQ(domain_id("urn:.simple.streetlights", {}), ".simple.streetlights");
  EXPECT_EQ(domain_id("urn:simple:schema_demo", {}), "simple.schema_demo");
  EXPECT_EQ(domain_id("urn:a:b", NamingOptions{.delimiter = '-'}), "a-b");
}

TEST(CanonicalChannelName, PrefixesPublishChannelsAndConvertsSlashes) {
  EXPECT_EQ(canonical_channel_name("_public/user_signed_up", "simple.spec_demo", true, {}),
            "simple.spec_demo._public.user_signed_up");
  EXPECT_EQ(canonical_channel_name("retail.subway.food.purchase", "d", true, {}),
            "d.retail.subway.food.purchase");
  EXPECT_EQ(canonical_channel_name("_public.light.measured", ".simple.streetlights", true, {}),
            ".simple.streetlights._public.light.measured");
}

TEST(CanonicalChannelName, AbsoluteNamesDropTheSlashAndAreNeverPrefixed) {
  EXPECT_EQ(canonical_channel_name("/london/hammersmith/transport/_public/tube", "d", true, {}),
            "london.hammersmith.transport._public.tube");
  EXPECT_EQ(canonical_channel_name("/acme.shopping.x", "acme.shop", false, {}), "acme.shopping.x");
}

TEST(CanonicalChannelName, KeepsSubscribeOnlyAndAlreadyQualifiedNames) {
  EXPECT_EQ(canonical_channel_name("london.hammersmith.transport._public.tube", "d", false, {}),
            "london.hammersmith.transport._public.tube");
  EXPECT_EQ(canonical_channel_name("a/b", "d", false, {}), "a/b");
  EXPECT_EQ(canonical_channel_name("acme.shop._public.x", "acme.shop", true, {}),
            "acme.shop._public.x");
}

TEST(CanonicalChannelName, AnotherDomainsNameIsPrefixedEvenWhenItSharesAStringPrefix) {
  // Part A.2: `acme.shopping.x` is not inside `acme.shop`, so it is not taken as already owned.
  EXPECT_EQ(canonical_channel_name("acme.shopping.x", "acme.shop", true, {}),
            "acme.shop.acme.shopping.x");
}

TEST(InScope, IsExactNeverAPlainStringPrefix) {
  EXPECT_TRUE(in_scope("acme.shop", "acme.shop", '.'));
  EXPECT_TRUE(in_scope("acme.shop._public.x", "acme.shop", '.'));
  EXPECT_FALSE(in_scope("acme.shopping.x", "acme.shop", '.'));
  EXPECT_FALSE(in_scope("acme.sho", "acme.shop", '.'));
  EXPECT_FALSE(in_scope("x.acme.shop.y", "acme.shop", '.'));
}

TEST(IsInternalTopic, CoversKafkaAndRegistryInternals) {
  EXPECT_TRUE(is_internal_topic("__consumer_offsets"));
  EXPECT_TRUE(is_internal_topic("__transaction_state"));
  EXPECT_TRUE(is_internal_topic("_schemas"));
  EXPECT_TRUE(is_internal_topic("_confluent-metrics"));
  EXPECT_FALSE(is_internal_topic("acme.shop._private.x"));
  EXPECT_FALSE(is_internal_topic("_public.x"));
}

TEST(StorageVisibility, IsTheFirstSegmentsMarker) {
  const NamingOptions naming;
  EXPECT_EQ(storage_visibility("_public/exports", naming), Visibility::public_);
  EXPECT_EQ(storage_visibility("_public", naming), Visibility::public_);
  EXPECT_EQ(storage_visibility("_protected/a/b", naming), Visibility::protected_);
  EXPECT_EQ(storage_visibility("_private/x", naming), Visibility::private_);
  EXPECT_EQ(storage_visibility("_publicity/x", naming), std::nullopt);
  EXPECT_EQ(storage_visibility("exports/_public", naming), std::nullopt);
}

TEST(BucketNameProblem, AcceptsDomainIdsS3Allows) {
  for (const char* name : {"acme.shop",
                           "acme.lifestyle.onboarding",
                           "abc",
                           "acme-prod-acme.shop",
                           "1.2.3",
                           "a1.b2.c3.d4e"}) {
    EXPECT_EQ(bucket_name_problem(name), "") << name;
  }
  EXPECT_EQ(bucket_name_problem(std::string(63, 'a')), "");
}

TEST(BucketNameProblem, NamesS3sRules) {
  EXPECT_EQ(bucket_name_problem("ab"), "is 2 characters long; S3 allows 3 to 63");
  EXPECT_EQ(bucket_name_problem(std::string(64, 'a')), "is 64 characters long; S3 allows 3 to 63");
  EXPECT_EQ(bucket_name_problem("acme_shop"),
            "has '_', which S3 does not allow in a bucket name (only lower-case ASCII letters, "
            "digits, '.' and '-')");
  EXPECT_EQ(bucket_name_problem("Acme.shop"),
            "has 'A', which S3 does not allow in a bucket name (only lower-case ASCII letters, "
            "digits, '.' and '-')");
  EXPECT_EQ(bucket_name_problem(".acme.shop"), "must start and end with a letter or digit");
  EXPECT_EQ(bucket_name_problem("acme-"), "must start and end with a letter or digit");
  EXPECT_EQ(bucket_name_problem("acme..shop"), "has '..', which S3 does not allow");
  EXPECT_EQ(bucket_name_problem("192.168.5.4"),
            "looks like an IP address, which S3 does not allow");
  EXPECT_EQ(bucket_name_problem("xn--acme"), "starts with 'xn--', which S3 reserves");
  EXPECT_EQ(bucket_name_problem("acme-s3alias"), "ends with '-s3alias', which S3 reserves");
}

} // namespace
} // namespace specmesh::spec
