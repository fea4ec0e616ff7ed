#include <specmesh/plan/plan.hpp>
#include <specmesh/spec/load.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::plan {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* k_owner = "arn:aws:iam::000000000000:user/acme.shop";
constexpr const char* k_mesh = "arn:aws:iam::000000000000:user/*";
constexpr const char* k_finance = "arn:aws:iam::000000000000:user/acme.finance";

constexpr const char* k_spec = R"(asyncapi: 2.6.0
id: 'urn:acme.shop'
channels: {}
x-specmesh-storage:
  _public/exports:
    bindings: {s3: {expiration-days: 30}}
  _protected/settlements:
    tags: [{name: grant-access:acme.finance}, {name: nightly}]
  _protected/audit: {}
  _private/scratch: {}
)";

spec::ApiSpec load(const std::string& text, const std::string& id = "urn:acme.shop") {
  std::string with_id = text;
  with_id.replace(with_id.find("urn:acme.shop"), 13, id);
  Result<spec::ApiSpec> spec = spec::load_string(with_id, "spec.yaml");
  EXPECT_TRUE(spec.has_value());
  return spec ? *spec : spec::ApiSpec{};
}

std::vector<std::string> names_and_kinds(const std::vector<StorageItem>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const StorageItem& item : items) {
    out.push_back(std::string(to_string(item.kind)) + " " + item.name());
  }
  return out;
}

DesiredState desired(const std::string& text = k_spec) {
  Result<DesiredState> state = desired_state(load(text), {}, {});
  EXPECT_TRUE(state.has_value()) << (state ? "" : state.error().message);
  return state ? *state : DesiredState{};
}

TEST(DesiredStorage, TheBucketTheOwnerAndEachSharedPrefix) {
  const DesiredState state = desired();
  EXPECT_EQ(state.bucket, "acme.shop");
  EXPECT_THAT(names_and_kinds(state.storage),
              ElementsAre("bucket acme.shop",
                          "access acme.shop",
                          "access acme.shop/_protected/settlements",
                          "access acme.shop/_public/exports",
                          "lifecycle acme.shop/_public/exports"));
  EXPECT_THAT(state.storage[1].readers, ElementsAre(k_owner));
  EXPECT_THAT(state.storage[1].writers, ElementsAre(k_owner));
  EXPECT_THAT(state.storage[2].readers, ElementsAre(k_finance));
  EXPECT_THAT(state.storage[2].writers, IsEmpty());
  EXPECT_THAT(state.storage[3].readers, ElementsAre(k_mesh));
  EXPECT_EQ(state.storage[4].expiration_days, 30);
  EXPECT_THAT(
      state.storage_prefixes,
      ElementsAre(
          "_public/exports", "_protected/settlements", "_protected/audit", "_private/scratch"));
}

TEST(DesiredStorage, NoStorageDeclaredWantsNothingButKnowsTheBucket) {
  const DesiredState state = desired("asyncapi: 2.6.0\nid: 'urn:acme.shop'\nchannels: {}\n");
  EXPECT_THAT(state.storage, IsEmpty());
  EXPECT_EQ(state.bucket, "acme.shop");
}

TEST(DesiredStorage, TemplatesNameTheBucketAndThePrincipals) {
  DesiredOptions options;
  options.storage.bucket_template = "acme-prod-{domain-s3}";
  options.storage.principal_template = "arn:aws:iam::123456789012:role/{domain}";
  options.storage.mesh_principal = "arn:aws:iam::123456789012:root";
  const Result<DesiredState> state = desired_state(load(k_spec, "urn:acme.my_shop"), {}, options);
  ASSERT_TRUE(state.has_value()) << state.error().message;
  EXPECT_EQ(state->bucket, "acme-prod-acme.my-shop");
  EXPECT_THAT(state->storage[1].readers,
              ElementsAre("arn:aws:iam::123456789012:role/acme.my_shop"));
  EXPECT_THAT(state->storage[2].readers,
              ElementsAre("arn:aws:iam::123456789012:role/acme.finance"));
  EXPECT_THAT(state->storage[3].readers, ElementsAre("arn:aws:iam::123456789012:root"));
}

TEST(DesiredStorage, ADomainS3CannotNameGetsTheTemplateHintAtTheSection) {
  const Result<DesiredState> state = desired_state(load(k_spec, "urn:acme.my_shop"), {}, {});
  ASSERT_FALSE(state.has_value());
  EXPECT_EQ(state.error().code, ErrorCode::invalid_spec);
  ASSERT_EQ(state.error().diagnostics.size(), 1u);
  EXPECT_EQ(state.error().diagnostics[0].to_string(),
            "spec.yaml:4:1: the bucket of domain 'acme.my_shop' would be 'acme.my_shop', which "
            "has '_', which S3 does not allow in a bucket name (only lower-case ASCII letters, "
            "digits, '.' and '-'); --s3-bucket-template '{domain-s3}' would give 'acme.my-shop'");
  // Without storage the spec is fine: it has no bucket.
  const Result<DesiredState> no_storage = desired_state(
      load("asyncapi: 2.6.0\nid: 'urn:acme.shop'\nchannels: {}\n", "urn:acme.my_shop"), {}, {});
  ASSERT_TRUE(no_storage.has_value());
  EXPECT_EQ(no_storage->bucket, "");
}

TEST(DesiredStorage, ATemplateWithoutTheDomainIsRefused) {
  DesiredOptions options;
  options.storage.bucket_template = "shared-bucket";
  const Result<DesiredState> state = desired_state(load(k_spec), {}, options);
  ASSERT_FALSE(state.has_value());
  EXPECT_EQ(state.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(state.error().message,
            "--s3-bucket-template 'shared-bucket' must contain {domain} or {domain-s3}: each "
            "domain needs a bucket of its own");
}

std::vector<std::string> states(const Changes<StorageItem>& changes) {
  std::vector<std::string> out;
  for (const StorageChange& change : changes) {
    out.push_back(std::string(to_string(change.action)) + " " + item_name(change));
  }
  return out;
}

ActualState as_found(const std::vector<StorageItem>& items) {
  ActualState actual;
  actual.storage = items;
  return actual;
}

TEST(DiffStorage, FromEmptyEverythingIsCreated) {
  EXPECT_THAT(states(diff_storage(desired(), {}, {})),
              ElementsAre("CREATE bucket acme.shop",
                          "CREATE access acme.shop",
                          "CREATE access acme.shop/_protected/settlements",
                          "CREATE access acme.shop/_public/exports",
                          "CREATE lifecycle acme.shop/_public/exports"));
}

TEST(DiffStorage, WhatIsThereAsWantedIsUnchanged) {
  const DesiredState state = desired();
  const Changes<StorageItem> changes = diff_storage(state, as_found(state.storage), {});
  for (const StorageChange& change : changes) {
    EXPECT_EQ(change.action, Action::unchanged) << item_name(change);
  }
  EXPECT_EQ(changes.size(), state.storage.size());
}

TEST(DiffStorage, ChangedReadersAndRulesAreUpdatesThatSayWhat) {
  const DesiredState state = desired();
  std::vector<StorageItem> live = state.storage;
  live[2].readers = {"arn:aws:iam::000000000000:user/acme.audit"};
  live[4].expiration_days = 7;
  const Changes<StorageItem> changes = diff_storage(state, as_found(live), {});
  EXPECT_EQ(changes[2].action, Action::update);
  EXPECT_THAT(changes[2].details,
              ElementsAre(std::string("readers + ") + k_finance
                          + "; - arn:aws:iam::000000000000:user/acme.audit"));
  EXPECT_EQ(changes[4].action, Action::update);
  EXPECT_THAT(changes[4].details, ElementsAre("expiration 7 -> 30 days"));
}

TEST(DiffStorage, ARemovedGrantIsRevokedWithoutCleanUp) {
  const DesiredState state = desired();
  std::vector<StorageItem> live = state.storage;
  live.push_back({.kind = StorageKind::access,
                  .bucket = "acme.shop",
                  .prefix = "_protected/audit",
                  .readers = {k_finance}});
  EXPECT_THAT(states(diff_storage(state, as_found(live), {})),
              testing::Contains("DELETE access acme.shop/_protected/audit"));
}

TEST(DiffStorage, AnUndeclaredPrefixStaysUnlessCleanedAndIsBlockedWhileItHoldsData) {
  const DesiredState state = desired();
  ActualState actual = as_found(state.storage);
  actual.storage.push_back({.kind = StorageKind::access,
                            .bucket = "acme.shop",
                            .prefix = "_public/old",
                            .readers = {k_mesh}});
  actual.storage.push_back({.kind = StorageKind::lifecycle,
                            .bucket = "acme.shop",
                            .prefix = "_public/empty",
                            .expiration_days = 3});
  EXPECT_EQ(diff_storage(state, actual, {}).size(), state.storage.size());

  actual.storage_usage["_public/old"] = {.objects = 3, .bytes = 1200};
  const Changes<StorageItem> cleaned = diff_storage(state, actual, {.clean_unspecified = true});
  EXPECT_THAT(states(cleaned),
              testing::IsSupersetOf({"DELETE lifecycle acme.shop/_public/empty",
                                     "BLOCKED access acme.shop/_public/old"}));
  const auto blocked = std::find_if(cleaned.begin(), cleaned.end(), [](const StorageChange& c) {
    return c.action == Action::blocked;
  });
  ASSERT_NE(blocked, cleaned.end());
  EXPECT_THAT(blocked->details,
              ElementsAre("the prefix still holds 3 objects, 1200 bytes; specmesh never deletes "
                          "data: empty it or declare it again"));
}

TEST(DiffStorage, ABucketNoLongerDeclaredGoesOnlyWhenEmptyAndCleaned) {
  const DesiredState none = desired("asyncapi: 2.6.0\nid: 'urn:acme.shop'\nchannels: {}\n");
  ActualState actual = as_found(desired().storage);
  EXPECT_THAT(diff_storage(none, actual, {}), IsEmpty());
  EXPECT_THAT(states(diff_storage(none, actual, {.clean_unspecified = true})),
              ElementsAre("DELETE bucket acme.shop",
                          "DELETE access acme.shop",
                          "DELETE access acme.shop/_protected/settlements",
                          "DELETE access acme.shop/_public/exports",
                          "DELETE lifecycle acme.shop/_public/exports"));
  actual.storage_usage[""] = {.objects = 1, .bytes = 10};
  EXPECT_THAT(states(diff_storage(none, actual, {.clean_unspecified = true})),
              testing::IsSupersetOf({"BLOCKED bucket acme.shop", "BLOCKED access acme.shop"}));
}

TEST(DiffStorage, AnotherDomainsBucketIsNeverPlanned) {
  ActualState actual;
  actual.storage.push_back({.kind = StorageKind::bucket, .bucket = "acme.shopping"});
  actual.storage.push_back({.kind = StorageKind::access,
                            .bucket = "acme.shopping",
                            .prefix = "_public/x",
                            .readers = {k_mesh}});
  const Changes<StorageItem> changes = diff_storage(desired(), actual, {.clean_unspecified = true});
  for (const StorageChange& change : changes) {
    EXPECT_EQ(change.resource.bucket, "acme.shop");
    EXPECT_EQ(change.action, Action::create);
  }
}

TEST(DiffStorage, DisabledStorageIsNotPlanned) {
  EXPECT_THAT(diff(desired(), {}, {.storage_disabled = true}).storage, IsEmpty());
  EXPECT_EQ(diff(desired(), {}, {}).storage.size(), 5u);
}

} // namespace
} // namespace specmesh::plan
