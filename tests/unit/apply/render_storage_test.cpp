#include "apply/kind_rendering.hpp"
#include "json_keys.hpp"

#include <specmesh/apply/render.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using plan::Action;
using plan::StorageKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const plan::StorageItem k_grant{.kind = StorageKind::access,
                                .bucket = "acme.shop",
                                .prefix = "_protected/settlements",
                                .readers = {"user/acme.finance", "user/acme.tax"}};
const plan::StorageItem k_owner{.kind = StorageKind::access,
                                .bucket = "acme.shop",
                                .readers = {"user/acme.shop"},
                                .writers = {"user/acme.shop"}};
const plan::StorageItem k_rule{.kind = StorageKind::lifecycle,
                               .bucket = "acme.shop",
                               .prefix = "_public/exports",
                               .expiration_days = 1};

TEST(RenderStorage, SectionIsTitledStorageAndLeftOutWhenEmpty) {
  const TextSection section = text_section(plan::Changes<plan::StorageItem>{});
  EXPECT_STREQ(section.title, "Storage");
  EXPECT_THAT(section.columns, ElementsAre("KIND", "NAME", "RULE"));
  EXPECT_FALSE(section.shown_when_empty);
  EXPECT_STREQ(json_key(plan::Changes<plan::StorageItem>{}), "storage");
  EXPECT_THAT(render_text(plan::Plan{.domain = "acme.shop"}), Not(HasSubstr("Storage")));
}

TEST(RenderStorage, RowSaysWhoReadsAndWritesOrWhatTheRuleDoes) {
  EXPECT_THAT(text_row({.action = Action::create, .resource = k_grant}),
              ElementsAre("access",
                          "acme.shop/_protected/settlements",
                          "read: user/acme.finance, user/acme.tax"));
  EXPECT_THAT(text_row({.action = Action::create, .resource = k_owner}),
              ElementsAre("access", "acme.shop", "read: user/acme.shop; write: user/acme.shop"));
  EXPECT_THAT(text_row({.action = Action::create, .resource = k_rule}),
              ElementsAre("lifecycle", "acme.shop/_public/exports", "expire after 1 day"));
  EXPECT_THAT(text_row({.action = Action::create,
                        .resource = {.kind = StorageKind::bucket, .bucket = "acme.shop"}}),
              ElementsAre("bucket", "acme.shop", "-"));
}

TEST(RenderStorage, JsonHasNameKindStateAndTheKindsFields) {
  plan::StorageChange change{.action = Action::update, .resource = k_grant};
  change.details = {"readers + user/acme.tax"};
  change.outcome.fail({ErrorCode::unauthorized, "403 AccessDenied"});
  const nlohmann::ordered_json json = to_json(change);
  EXPECT_THAT(json_keys(json),
              ElementsAre("name",
                          "kind",
                          "state",
                          "bucket",
                          "prefix",
                          "readers",
                          "writers",
                          "messages",
                          "exception"));
  EXPECT_EQ(json["name"], "acme.shop/_protected/settlements");
  EXPECT_EQ(json["kind"], "access");
  EXPECT_EQ(json["state"], "FAILED");
  EXPECT_EQ(json["exception"], "403 AccessDenied");
  const nlohmann::ordered_json rule = to_json({.action = Action::create, .resource = k_rule});
  EXPECT_EQ(rule["expirationDays"], 1);
  EXPECT_FALSE(rule.contains("readers"));
}

} // namespace
} // namespace specmesh::apply
