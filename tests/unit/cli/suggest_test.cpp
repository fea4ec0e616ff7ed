#include "cli/suggest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace specmesh::cli {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("provision", "provision"), 0U);
  EXPECT_EQ(edit_distance("provison", "provision"), 1U);   // a letter missing
  EXPECT_EQ(edit_distance("--dry-runn", "--dry-run"), 1U); // a letter too many
  EXPECT_EQ(edit_distance("plna", "plan"), 1U);            // two letters swapped
  EXPECT_EQ(edit_distance("plan", "plot"), 2U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
}

TEST(ClosestMatchTest, SuggestsTheNearestCandidateWhenItIsClose) {
  const std::vector<std::string> commands{"validate", "plan", "provision", "export"};
  EXPECT_EQ(closest_match("provison", commands), "provision");
  EXPECT_EQ(closest_match("valdiate", commands), "validate");
  EXPECT_EQ(closest_match("pln", commands), "plan");
}

TEST(ClosestMatchTest, SuggestsNothingForAWordFarFromEveryCandidate) {
  const std::vector<std::string> commands{"validate", "plan", "provision", "export"};
  EXPECT_EQ(closest_match("deploy", commands), std::nullopt);
  EXPECT_EQ(closest_match("xy", {"-u", "-s"}), std::nullopt); // all of it would change
  EXPECT_EQ(closest_match("pxyz", commands), std::nullopt);   // short words: one edit only
}

TEST(ClosestMatchTest, ATieGoesToTheEarlierCandidate) {
  EXPECT_EQ(closest_match("--sr-api-kez", {"--sr-api-key", "--sr-api-kex"}), "--sr-api-key");
}

} // namespace
} // namespace specmesh::cli
