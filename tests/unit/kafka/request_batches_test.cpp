#include "kafka/request_batches.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::kafka {
namespace {

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
using ::testing::ElementsAre;
using ::testing::Pair;

TEST(RequestBatchesTest, NothingToSendIsNoRequest) {
  EXPECT_THAT(request_batches({}), ::testing::IsEmpty());
}

TEST(RequestBatchesTest, ItemsWithinTheBudgetGoInOneRequest) {
  EXPECT_THAT(request_batches({3, 3, 4}, 10), ElementsAre(Pair(0, 3)));
}

TEST(RequestBatchesTest, ARequestIsCutBeforeTheItemThatWouldExceedTheBudget) {
  EXPECT_THAT(request_batches({4, 4, 4, 4, 4}, 10),
              ElementsAre(Pair(0, 2), Pair(2, 4), Pair(4, 5)));
}

TEST(RequestBatchesTest, AnItemOverTheBudgetAloneGetsARequestOfItsOwn) {
  EXPECT_THAT(request_batches({2, 25, 2}, 10), ElementsAre(Pair(0, 1), Pair(1, 2), Pair(2, 3)));
}

TEST(RequestBatchesTest, ThousandTopicsOfTwelvePartitionsNeedTwoRequests) {
  // 1,000 topics x (1 topic + 12 partitions + 2 configs) = 15,000 records: over KRaft's 10,000.
  const std::vector<std::size_t> costs(1000, topic_records(12, 2));
  const Ranges ranges = request_batches(costs);
  ASSERT_EQ(ranges.size(), 2U);
  EXPECT_EQ(ranges.front().first, 0U);
  EXPECT_EQ(ranges.back().second, 1000U);
  for (const auto& [begin, end] : ranges) {
    EXPECT_LE((end - begin) * topic_records(12, 2), k_max_records_per_request);
  }
}

TEST(RequestBatchesTest, ABrokerDefaultPartitionCountCostsOneRecord) {
  EXPECT_EQ(topic_records(-1, 0), 2U);
  EXPECT_EQ(topic_records(6, 3), 10U);
}

} // namespace
} // namespace specmesh::kafka
