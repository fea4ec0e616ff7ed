#include "kafka/wire_codec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <string>

namespace specmesh::kafka::wire {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

/// Bytes written as a string literal may hold NULs: take its whole length.
template <std::size_t N>
std::string bytes_of(const char (&literal)[N]) { // NOLINT(modernize-avoid-c-arrays): a literal
  return std::string(literal, N - 1);
}

TEST(WireCodecTest, PrimitivesAreBigEndianWithLengthPrefixes) {
  Writer writer;
  writer.int8(-1);
  writer.int16(0x0102);
  writer.int32(-2);
  writer.int64(0x0102030405060708);
  writer.string("ab");
  writer.bytes("c");
  EXPECT_EQ(writer.data(),
            bytes_of("\xff"
                     "\x01\x02"
                     "\xff\xff\xff\xfe"
                     "\x01\x02\x03\x04\x05\x06\x07\x08"
                     "\x00\x02"
                     "ab"
                     "\x00\x00\x00\x01"
                     "c"));
}

TEST(WireCodecTest, AReaderReadsBackWhatAWriterWrote) {
  Writer writer;
  writer.int8(-5);
  writer.int16(-300);
  writer.int32(70000);
  writer.int64(-1234567890123);
  writer.string("topic");
  writer.bytes(bytes_of("\0u\0p"));
  Reader reader(writer.data());
  EXPECT_EQ(reader.int8(), -5);
  EXPECT_EQ(reader.int16(), -300);
  EXPECT_EQ(reader.int32(), 70000);
  EXPECT_EQ(reader.int64(), -1234567890123);
  EXPECT_EQ(reader.string(), "topic");
  EXPECT_EQ(reader.bytes(), bytes_of("\0u\0p"));
  EXPECT_FALSE(reader.failed());
}

TEST(WireCodecTest, NullStringsAndNullArraysReadAsEmpty) {
  const std::string nulls = bytes_of("\xff\xff"
                                     "\xff\xff\xff\xff"
                                     "\xff\xff\xff\xff");
  Reader reader(nulls);
  EXPECT_EQ(reader.string(), "");
  EXPECT_EQ(reader.bytes(), "");
  EXPECT_EQ(reader.count(), 0);
  EXPECT_FALSE(reader.failed());
}

TEST(WireCodecTest, ReadingPastTheEndFailsAndYieldsNothing) {
  const std::string short_string = bytes_of("\x00\x05"
                                            "abc");
  Reader reader(short_string);
  EXPECT_EQ(reader.string(), "");
  EXPECT_TRUE(reader.failed());
  EXPECT_EQ(reader.int32(), 0); // and stays failed
  EXPECT_TRUE(reader.failed());
}

TEST(WireCodecTest, ARequestFrameIsSizeThenHeaderV1ThenBody) {
  EXPECT_EQ(request_frame(k_describe_log_dirs_v1, 7, "sm", "xy"),
            bytes_of("\x00\x00\x00\x0e" // size: 2 + 2 + 4 + 2 + 2 + 2
                     "\x00\x23"         // api key 35
                     "\x00\x01"         // version 1
                     "\x00\x00\x00\x07" // correlation id
                     "\x00\x02"
                     "sm"
                     "xy"));
}

TEST(WireCodecTest, ADescribeLogDirsRequestListsEachTopicsPartitions) {
  EXPECT_EQ(describe_log_dirs_request({{"a", {0, 1}}, {"b", {}}}),
            bytes_of("\x00\x00\x00\x02"
                     "\x00\x01"
                     "a"
                     "\x00\x00\x00\x02"
                     "\x00\x00\x00\x00"
                     "\x00\x00\x00\x01"
                     "\x00\x01"
                     "b"
                     "\x00\x00\x00\x00"));
}

struct Partition {
  int id = 0;
  std::int64_t size = 0;
};

void write_topic(Writer& out, std::string_view topic, std::initializer_list<Partition> partitions) {
  out.string(topic);
  out.int32(static_cast<std::int32_t>(partitions.size()));
  for (const auto& partition : partitions) {
    out.int32(partition.id);
    out.int64(partition.size);
    out.int64(0); // offset_lag
    out.int8(0);  // is_future_key
  }
}

/// Two log dirs: `a` in both (a replica moving between them), `b` in the second.
std::string two_dirs_response() {
  Writer out;
  out.int32(0); // throttle_time_ms
  out.int32(2);
  out.int16(0);
  out.string("/data/1");
  out.int32(1);
  write_topic(out, "a", {{0, 100}, {1, 50}});
  out.int16(0);
  out.string("/data/2");
  out.int32(2);
  write_topic(out, "a", {{0, 7}});
  write_topic(out, "b", {{0, 3}});
  return out.data();
}

TEST(WireCodecTest, ADescribeLogDirsResponseSumsEachTopicOverPartitionsAndDirs) {
  const auto bytes = describe_log_dirs_response(two_dirs_response());
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_THAT(*bytes, ElementsAre(Pair("a", 157), Pair("b", 3)));
}

TEST(WireCodecTest, NoLogDirsMeansNotAuthorized) {
  Writer out;
  out.int32(0);
  out.int32(0);
  const auto bytes = describe_log_dirs_response(out.data());
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(bytes.error().message,
            "the broker listed no log dirs (not authorized? needs DESCRIBE on the cluster)");
}

TEST(WireCodecTest, ALogDirsErrorCodeIsTheError) {
  Writer out;
  out.int32(0);
  out.int32(1);
  out.int16(static_cast<std::int16_t>(RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED));
  out.string("/data/1");
  out.int32(0);
  const auto bytes = describe_log_dirs_response(out.data());
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::unauthorized);
  EXPECT_THAT(bytes.error().message, ::testing::StartsWith("log dir '/data/1' ("));
}

TEST(WireCodecTest, EveryTruncatedResponseIsMalformed) {
  const std::string whole = two_dirs_response();
  for (std::size_t size = 0; size < whole.size(); ++size) {
    const auto bytes = describe_log_dirs_response(std::string_view(whole).substr(0, size));
    ASSERT_FALSE(bytes) << size;
    EXPECT_EQ(bytes.error().code, ErrorCode::internal);
    EXPECT_EQ(bytes.error().message, "malformed DescribeLogDirs response");
  }
}

TEST(WireCodecTest, HugeCountsInAShortResponseAreMalformedNotAHang) {
  const auto bytes = describe_log_dirs_response(bytes_of("\x00\x00\x00\x00"
                                                         "\x7f\xff\xff\xff"
                                                         "\x00\x00"
                                                         "\x00\x00"
                                                         "\x7f\xff\xff\xff"
                                                         "garbage"));
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().message, "malformed DescribeLogDirs response");
}

TEST(WireCodecTest, AResponseErrorCodeSaysWhatFailedAndWhy) {
  const Error error = response_error("SASL handshake failed", 33); // UNSUPPORTED_SASL_MECHANISM
  EXPECT_EQ(error.code, ErrorCode::internal);
  EXPECT_THAT(error.message, ::testing::StartsWith("SASL handshake failed ("));
}

} // namespace
} // namespace specmesh::kafka::wire
