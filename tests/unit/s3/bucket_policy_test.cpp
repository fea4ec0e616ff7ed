#include "s3/bucket_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::s3 {
namespace {

using nlohmann::json;
using plan::StorageItem;
using plan::StorageKind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr const char* k_owner = "arn:aws:iam::000000000000:user/acme.shop";
constexpr const char* k_finance = "arn:aws:iam::000000000000:user/acme.finance";

const std::vector<StorageItem> k_access{
    {.kind = StorageKind::access,
     .bucket = "acme.shop",
     .readers = {k_owner},
     .writers = {k_owner}},
    {.kind = StorageKind::access,
     .bucket = "acme.shop",
     .prefix = "_protected/settlements",
     .readers = {k_finance}},
};

TEST(BucketPolicy, EachItemReadsListsAndWritesOnlyItsPrefix) {
  const json document = policy_document("acme.shop", k_access);
  EXPECT_EQ(document["Version"], "2012-10-17");
  const json& statements = document["Statement"];
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_EQ(statements[0]["Resource"], json::array({"arn:aws:s3:::acme.shop/*"}));
  EXPECT_EQ(statements[0]["Action"], json::array({"s3:GetObject"}));
  EXPECT_EQ(statements[1]["Action"], json::array({"s3:ListBucket"}));
  EXPECT_FALSE(statements[1].contains("Condition"));
  EXPECT_EQ(statements[2]["Action"][0], "s3:PutObject");
  EXPECT_EQ(statements[2]["Principal"]["AWS"], json::array({k_owner}));
  EXPECT_EQ(statements[3]["Resource"],
            json::array({"arn:aws:s3:::acme.shop/_protected/settlements/*"}));
  EXPECT_EQ(statements[3]["Principal"]["AWS"], json::array({k_finance}));
  EXPECT_EQ(statements[4]["Condition"]["StringLike"]["s3:prefix"],
            json::array({"_protected/settlements/*"}));
  std::set<std::string> sids;
  for (const json& statement : statements) {
    const std::string sid = statement["Sid"];
    EXPECT_TRUE(std::all_of(sid.begin(), sid.end(), [](char c) { return std::isalnum(c); })) << sid;
    sids.insert(sid);
  }
  EXPECT_EQ(sids.size(), statements.size());
}

TEST(BucketPolicy, ReadingBackWhatWasWrittenGivesTheSameItems) {
  const Result<ReadPolicy> read =
      read_policy("acme.shop", policy_document("acme.shop", k_access).dump());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->access, k_access);
  EXPECT_THAT(read->foreign, IsEmpty());
}

TEST(BucketPolicy, TheServersNormalisedFormReadsTheSame) {
  // SeaweedFS and AWS return one-item lists as plain strings.
  const std::string normalised = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Manual", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:user/ops"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme.shop/*"},
    {"Sid": "SpecmeshReadx", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:user/acme.finance"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme.shop/_protected/settlements/*"},
    {"Sid": "SpecmeshListx", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:user/acme.finance"},
     "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::acme.shop",
     "Condition": {"StringLike": {"s3:prefix": "_protected/settlements/*"}}}]})";
  const Result<ReadPolicy> read = read_policy("acme.shop", normalised);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->access.size(), 1u);
  EXPECT_EQ(read->access[0], k_access[1]);
  ASSERT_EQ(read->foreign.size(), 1u);
  EXPECT_EQ(read->foreign[0]["Sid"], "Manual");
  // Foreign statements are written back first, as they were.
  EXPECT_EQ(policy_document("acme.shop", {}, read->foreign)["Statement"], read->foreign);
}

TEST(BucketPolicy, AReaderWhoCannotAlsoListIsNoReader) {
  json document = policy_document("acme.shop", {k_access[1]});
  document["Statement"][1]["Principal"]["AWS"] = json::array({"arn:aws:iam::000000000000:user/x"});
  const Result<ReadPolicy> read = read_policy("acme.shop", document.dump());
  ASSERT_TRUE(read.has_value());
  EXPECT_THAT(read->access, IsEmpty());
}

TEST(BucketPolicy, AnotherBucketsResourcesAreNotThisBucketsAccess) {
  const Result<ReadPolicy> read =
      read_policy("acme.shop", policy_document("acme.shopping", k_access).dump());
  ASSERT_TRUE(read.has_value());
  EXPECT_THAT(read->access, IsEmpty());
}

TEST(BucketPolicy, AnUnreadablePolicyIsAnError) {
  const Result<ReadPolicy> read = read_policy("acme.shop", "<Error/>");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().message, "the policy of bucket 'acme.shop' is not a JSON object");
}

} // namespace
} // namespace specmesh::s3
