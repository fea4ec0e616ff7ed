#include "kafka/errors.hpp"
#include "kafka/handles.hpp"

#include <gtest/gtest.h>

namespace specmesh::kafka {
namespace {

TEST(ErrorsTest, BrokerAndClientErrorsMapOntoTheCoarseCodes) {
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS), ErrorCode::conflict);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART), ErrorCode::not_found);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC), ErrorCode::not_found);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_RESOURCE_NOT_FOUND), ErrorCode::not_found);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__AUTHENTICATION), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__TIMED_OUT), ErrorCode::timeout);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT), ErrorCode::timeout);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__TRANSPORT), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__RESOLVE), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_NOT_CONTROLLER), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_SECURITY_DISABLED), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_POLICY_VIOLATION), ErrorCode::invalid_input);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR__INVALID_ARG), ErrorCode::invalid_input);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION), ErrorCode::invalid_input);
}

TEST(ErrorsTest, TheInvalidAndAuthorizationFamiliesAreMatchedByName) {
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_INVALID_CONFIG), ErrorCode::invalid_input);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_INVALID_PARTITIONS), ErrorCode::invalid_input);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR), ErrorCode::invalid_input);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED),
            ErrorCode::unauthorized);
}

TEST(ErrorsTest, AnythingElseIsInternal) {
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_UNKNOWN), ErrorCode::internal);
  EXPECT_EQ(to_error_code(RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR), ErrorCode::internal);
}

TEST(ErrorsTest, TheReasonIsTrimmedAndLosesItsFinalPeriod) {
  EXPECT_EQ(reason_text(RD_KAFKA_RESP_ERR_INVALID_CONFIG, "  Unknown config 'x'. \n"),
            "Unknown config 'x'");
  EXPECT_EQ(reason_text(RD_KAFKA_RESP_ERR_INVALID_CONFIG, "a.b..."), "a.b");
}

TEST(ErrorsTest, WithoutAReasonLibrdkafkasDescriptionIsUsed) {
  std::string description = rd_kafka_err2str(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
  while (!description.empty() && description.back() == '.') {
    description.pop_back();
  }
  ASSERT_FALSE(description.empty());
  EXPECT_EQ(reason_text(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS, nullptr), description);
  EXPECT_EQ(reason_text(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS, ""), description);
  EXPECT_EQ(reason_text(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS, " . "), description);
}

TEST(ErrorsTest, AnErrorNamesWhatAndWhich) {
  const Error error = make_error(
      "topic", "acme.shop.x", RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS, "Topic already exists.");
  EXPECT_EQ(error.code, ErrorCode::conflict);
  EXPECT_EQ(error.message, "topic 'acme.shop.x': Topic already exists");
}

TEST(ErrorsTest, AnErrorObjectGivesItsCodeAndText) {
  const ErrorHandle raw(
      rd_kafka_error_new(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, "Not allowed: %s", "g"));
  const Error error = make_error("consumer group", "g", raw.get());
  EXPECT_EQ(error.code, ErrorCode::unauthorized);
  EXPECT_EQ(error.message, "consumer group 'g': Not allowed: g");
}

// What librdkafka 2.8 reports when the port answers "HTTP/1.1 400 ...": the first four bytes
// read as a frame length.
constexpr const char* k_http_answer =
    "127.0.0.1:8081/bootstrap: Receive failed: Invalid response size 1213486160 "
    "(0..100000000): increase receive.message.max.bytes";

TEST(HttpAnswerer, NamesTheBrokerThatAnsweredWithHttp) {
  EXPECT_EQ(http_answerer(k_http_answer), "127.0.0.1:8081");
  EXPECT_EQ(http_answerer("broker:9092/1: Receive failed: Invalid response size 1213486160 "
                          "(0..100000000): increase receive.message.max.bytes"),
            "broker:9092");
}

TEST(HttpAnswerer, AnHttpAnswerWithoutABrokerNameHasAnEmptyOne) {
  EXPECT_EQ(http_answerer("Receive failed: Invalid response size 1213486160 (0..100000000)"), "");
}

TEST(HttpAnswerer, OtherFailuresAreNoHttpAnswer) {
  EXPECT_EQ(http_answerer("127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: "
                          "Connection refused (after 0ms in state CONNECT)"),
            std::nullopt);
  // Another impossible size (a TLS alert: 0x15030300) is no HTTP.
  EXPECT_EQ(http_answerer("b:9093/bootstrap: Receive failed: Invalid response size 352518912 "
                          "(0..100000000): increase receive.message.max.bytes"),
            std::nullopt);
}

} // namespace
} // namespace specmesh::kafka
