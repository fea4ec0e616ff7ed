#include "s3/lifecycle.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::s3 {
namespace {

using plan::StorageItem;
using plan::StorageKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<StorageItem> k_rules{
    {.kind = StorageKind::lifecycle,
     .bucket = "acme.shop",
     .prefix = "_public/exports",
     .expiration_days = 30},
    {.kind = StorageKind::lifecycle,
     .bucket = "acme.shop",
     .prefix = "_private/scratch",
     .expiration_days = 1},
};

TEST(Lifecycle, EachRuleExpiresItsPrefixOnly) {
  const std::string xml = lifecycle_document({k_rules[0]});
  EXPECT_EQ(xml,
            "<?xml version=\"1.0\"?><LifecycleConfiguration "
            "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ID>specmesh:_public/"
            "exports</ID><Filter><Prefix>_public/exports/</Prefix></Filter><Status>Enabled</"
            "Status><Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>");
}

TEST(Lifecycle, ReadingBackWhatWasWrittenGivesTheSameItemsSorted) {
  const Result<ReadLifecycle> read = read_lifecycle("acme.shop", lifecycle_document(k_rules));
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_THAT(read->rules, ElementsAre(k_rules[1], k_rules[0]));
  EXPECT_THAT(read->foreign, IsEmpty());
}

TEST(Lifecycle, OtherRulesAreKeptAsTheyWere) {
  const std::string answer =
      "<LifecycleConfiguration><Rule><ID>ops-tmp</ID><Prefix>tmp/</Prefix><Status>Enabled</"
      "Status><Expiration><Days>2</Days></Expiration></Rule>"
      "<Rule><ID>specmesh:_public/old</ID><Filter><Prefix>_public/old/</Prefix></Filter>"
      "<Status>Disabled</Status><Expiration><Days>9</Days></Expiration></Rule>"
      "</LifecycleConfiguration>";
  const Result<ReadLifecycle> read = read_lifecycle("acme.shop", answer);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_THAT(read->rules, IsEmpty()); // a disabled rule expires nothing
  ASSERT_EQ(read->foreign.size(), 1u);
  EXPECT_THAT(read->foreign[0], HasSubstr("<ID>ops-tmp</ID>"));
  EXPECT_THAT(lifecycle_document({k_rules[0]}, read->foreign),
              HasSubstr("<Rule><ID>ops-tmp</ID><Prefix>tmp/</Prefix>"));
}

TEST(Lifecycle, AnAnswerThatIsNoLifecycleDocumentIsAnError) {
  const Result<ReadLifecycle> read = read_lifecycle("acme.shop", "<Error><Code>X</Code></Error>");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().message,
            "the lifecycle configuration of bucket 'acme.shop' is not a LifecycleConfiguration "
            "document");
}

} // namespace
} // namespace specmesh::s3
