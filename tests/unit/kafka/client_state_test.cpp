#include "kafka/client_state.hpp"

#include <gtest/gtest.h>

#include <string>

namespace specmesh::kafka {
namespace {

TEST(ClientStateTest, EverySecretIsMaskedEverywhere) {
  const ClientState state({"s3cret", "", "pw"}, false);
  EXPECT_EQ(state.mask("user:s3cret pw=s3cret pw"), "user:*** ***=*** ***");
  EXPECT_EQ(state.mask("nothing secret"), "nothing secret");
}

TEST(ClientStateTest, RecordedLogsAndErrorsAreMasked) {
  ClientState state({"s3cret"}, false);
  state.add_log(7, "SASL", "password s3cret rejected");
  state.add_error(RD_KAFKA_RESP_ERR__AUTHENTICATION, "bad s3cret");
  state.add_error(RD_KAFKA_RESP_ERR__TRANSPORT, nullptr);
  EXPECT_EQ(state.last_log(), "7|SASL|password *** rejected");
  ASSERT_EQ(state.errors().size(), 2U);
  EXPECT_EQ(state.errors()[0].reason, "bad ***");
  EXPECT_EQ(state.errors()[1].reason, "");
  EXPECT_TRUE(state.has_error(RD_KAFKA_RESP_ERR__AUTHENTICATION));
  EXPECT_FALSE(state.has_error(RD_KAFKA_RESP_ERR__RESOLVE));
}

TEST(ClientStateTest, OnlyTheLatestErrorsAreKept) {
  ClientState state({}, false);
  for (int i = 0; i < 60; ++i) {
    state.add_error(RD_KAFKA_RESP_ERR__TRANSPORT, std::to_string(i).c_str());
  }
  const auto errors = state.errors();
  ASSERT_EQ(errors.size(), 50U);
  EXPECT_EQ(errors.front().reason, "10");
  EXPECT_EQ(errors.back().reason, "59");
}

TEST(ClientStateTest, NoBrokerAnswersWhenNoHostResolvedAndAllAreDown) {
  ClientState state({}, false);
  EXPECT_FALSE(state.only_resolve_failures());
  state.add_error(RD_KAFKA_RESP_ERR__RESOLVE, "x: Failed to resolve");
  EXPECT_FALSE(state.only_resolve_failures()); // librdkafka may still try another host
  state.add_error(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, "1/1 brokers are down");
  EXPECT_TRUE(state.only_resolve_failures());
  state.add_error(RD_KAFKA_RESP_ERR__TRANSPORT, "refused");
  EXPECT_FALSE(state.only_resolve_failures()); // a host did resolve
}

TEST(ClientStateTest, NoLogYetIsEmpty) {
  const ClientState state({}, true);
  EXPECT_EQ(state.last_log(), "");
  EXPECT_TRUE(state.echo_logs());
}

} // namespace
} // namespace specmesh::kafka
