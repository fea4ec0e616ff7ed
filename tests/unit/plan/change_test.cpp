#include <specmesh/plan/change.hpp>

#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace specmesh::plan {
namespace {

using Status = Outcome::Status;

Outcome with_status(Status status) {
  Outcome outcome;
  outcome.status = status;
  return outcome;
}

TEST(ActionToString, SpellsThePlannedStateWords) {
  EXPECT_STREQ(to_string(Action::create), "CREATE");
  EXPECT_STREQ(to_string(Action::update), "UPDATE");
  EXPECT_STREQ(to_string(Action::remove), "DELETE");
  EXPECT_STREQ(to_string(Action::unchanged), "UNCHANGED");
  EXPECT_STREQ(to_string(Action::ignored), "IGNORED");
  EXPECT_STREQ(to_string(Action::blocked), "BLOCKED");
  EXPECT_STREQ(to_string(Action::failed), "FAILED");
}

class StateWord : public ::testing::TestWithParam<std::tuple<Action, Status, const char*>> {};

TEST_P(StateWord, SaysWhatIsPlannedThenWhatHappened) {
  const auto [action, status, word] = GetParam();
  EXPECT_EQ(state_word(action, with_status(status)), word);
}

INSTANTIATE_TEST_SUITE_P(EveryActionAndStatus,
                         StateWord,
                         ::testing::Values(std::tuple{Action::create, Status::pending, "CREATE"},
                                           std::tuple{Action::create, Status::done, "CREATED"},
                                           std::tuple{Action::create, Status::failed, "FAILED"},
                                           std::tuple{Action::update, Status::pending, "UPDATE"},
                                           std::tuple{Action::update, Status::done, "UPDATED"},
                                           std::tuple{Action::update, Status::failed, "FAILED"},
                                           std::tuple{Action::remove, Status::pending, "DELETE"},
                                           std::tuple{Action::remove, Status::done, "DELETED"},
                                           std::tuple{Action::remove, Status::failed, "FAILED"},
                                           std::tuple{
                                               Action::unchanged, Status::pending, "UNCHANGED"},
                                           std::tuple{Action::unchanged, Status::done, "UNCHANGED"},
                                           std::tuple{Action::unchanged, Status::failed, "FAILED"},
                                           std::tuple{Action::ignored, Status::pending, "IGNORED"},
                                           std::tuple{Action::ignored, Status::done, "IGNORED"},
                                           std::tuple{Action::ignored, Status::failed, "FAILED"},
                                           std::tuple{Action::blocked, Status::pending, "BLOCKED"},
                                           std::tuple{Action::blocked, Status::done, "BLOCKED"},
                                           std::tuple{Action::blocked, Status::failed, "FAILED"},
                                           std::tuple{Action::failed, Status::pending, "FAILED"},
                                           std::tuple{Action::failed, Status::done, "FAILED"},
                                           std::tuple{Action::failed, Status::failed, "FAILED"}));

TEST(Outcome, StartsPendingWithoutErrors) {
  const Outcome outcome;
  EXPECT_EQ(outcome.status, Status::pending);
  EXPECT_TRUE(outcome.errors.empty());
  EXPECT_EQ(outcome.message(), "");
}

TEST(Outcome, SucceedMarksAPendingItemDone) {
  Outcome outcome;
  outcome.succeed();
  EXPECT_EQ(outcome.status, Status::done);
  outcome.succeed();
  EXPECT_EQ(outcome.status, Status::done);
}

TEST(Outcome, FailRecordsTheError) {
  Outcome outcome;
  outcome.fail(Error{ErrorCode::conflict, "topic exists", {}});
  EXPECT_EQ(outcome.status, Status::failed);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].code, ErrorCode::conflict);
  EXPECT_EQ(outcome.message(), "topic exists");
}

TEST(Outcome, AStepThatSucceedsAfterAFailedOneLeavesTheItemFailed) {
  Outcome outcome;
  outcome.fail(Error{ErrorCode::unavailable, "partitions: broker down", {}});
  outcome.succeed();
  EXPECT_EQ(outcome.status, Status::failed);
}

TEST(Outcome, AFailureAfterASuccessFailsTheItem) {
  Outcome outcome;
  outcome.succeed();
  outcome.fail(Error{ErrorCode::unavailable, "configs: broker down", {}});
  EXPECT_EQ(outcome.status, Status::failed);
}

TEST(Outcome, MessageJoinsEveryErrorInOrder) {
  Outcome outcome;
  outcome.fail(Error{ErrorCode::unavailable, "partitions: broker down", {}});
  outcome.fail(Error{ErrorCode::unauthorized, "configs: not allowed", {}});
  outcome.fail(Error{ErrorCode::timeout, "acls: timed out", {}});
  EXPECT_EQ(outcome.message(), "partitions: broker down; configs: not allowed; acls: timed out");
}

TEST(Change, FailedInPlanningOrInExecution) {
  Change<std::string> planned{.action = Action::create, .resource = "x"};
  EXPECT_FALSE(planned.failed());

  Change<std::string> unplannable{.action = Action::failed, .resource = "x"};
  EXPECT_TRUE(unplannable.failed());

  Change<std::string> executed{.action = Action::update, .resource = "x"};
  executed.outcome.succeed();
  EXPECT_FALSE(executed.failed());
  executed.outcome.fail(Error{ErrorCode::internal, "boom", {}});
  EXPECT_TRUE(executed.failed());
}

TEST(Change, BlockedIsNotFailed) {
  const Change<std::string> blocked{.action = Action::blocked, .resource = "x"};
  EXPECT_FALSE(blocked.failed());
}

} // namespace
} // namespace specmesh::plan
