#include "kafka/log_dirs.hpp"

#include <gtest/gtest.h>

namespace specmesh::kafka {
namespace {

TEST(UnlistedReplicaHolderTest, EmptyWhenEveryReplicasBrokerIsListed) {
  EXPECT_EQ(unlisted_replica_holder({1, 2, 3}, {{"a", {{1, 2, 3}, {2, 3, 1}}}, {"b", {{3}}}}), "");
  EXPECT_EQ(unlisted_replica_holder({1}, {}), "");
}

TEST(UnlistedReplicaHolderTest, NamesTheMissingBrokerAndTheTopic) {
  EXPECT_EQ(unlisted_replica_holder({1, 2}, {{"acme.shop._public.orders", {{1, 2}, {2, 3}}}}),
            "kafka broker 3 holds replicas of topic 'acme.shop._public.orders' but is not in the "
            "cluster metadata (stopped or unreachable); the storage total would leave its copies "
            "out");
}

TEST(UnlistedReplicaHolderTest, APartitionWithoutReplicasIsNoProblem) {
  EXPECT_EQ(unlisted_replica_holder({1}, {{"a", {{}}}}), "");
}

} // namespace
} // namespace specmesh::kafka
