#include <specmesh/metrics/chargeback.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>

#include <gtest/gtest.h>

namespace specmesh::metrics {
namespace {

using testing::FakeKafkaAdmin;

constexpr const char* k_orders = "acme.shop._public.orders";
constexpr const char* k_cart = "acme.shop._private.cart";

ports::GroupMember member(const std::string& id, std::vector<ports::TopicPartition> assignment) {
  return {id, id + "-client", "/127.0.0.1", std::move(assignment)};
}

/// A fake cluster with the two owned topics, a neighbour's topic whose name extends one of
/// them, their sizes and offsets.
FakeKafkaAdmin shop_cluster() {
  FakeKafkaAdmin kafka;
  kafka.add_topic({k_orders, 2, 1, {}});
  kafka.add_topic({k_cart, 1, 1, {}});
  kafka.add_topic({"acme.shop._public.orders2", 1, 1, {}});
  kafka.storage_bytes = {{k_orders, 1200}, {k_cart, 300}, {"acme.shop._public.orders2", 999}};
  kafka.offsets = {{k_orders, 0, 10, 510},
                   {k_orders, 1, 0, 500},
                   {k_cart, 0, 7, 7},
                   {"acme.shop._public.orders2", 0, 0, 42}};
  return kafka;
}

TEST(StorageReport, SumsBytesAndOffsetRangesPerTopicSortedByName) {
  FakeKafkaAdmin kafka = shop_cluster();

  const auto report = measure_storage(kafka, {k_orders, k_cart, "acme.shop._public.gone"});

  ASSERT_TRUE(report) << report.error().message;
  const StorageReport expected{{{"acme.shop._private.cart", 300, 0},
                                {"acme.shop._public.gone", 0, 0},
                                {"acme.shop._public.orders", 1200, 1000}}};
  EXPECT_EQ(*report, expected);
  EXPECT_EQ(kafka.calls,
            (std::vector<std::string>{
                "describe_log_dirs acme.shop._public.orders acme.shop._private.cart "
                "acme.shop._public.gone",
                "topic_offsets acme.shop._public.orders acme.shop._private.cart "
                "acme.shop._public.gone"}));
}

TEST(StorageReport, RendersTheOriginalsJsonDocument) {
  const StorageReport report{
      {{"acme.shop._private.cart", 300, 0}, {"acme.shop._public.orders", 1200, 1000}}};

  EXPECT_EQ(render_storage_json(report),
            R"({"acme.shop._private.cart":{"storage-bytes":300,"offset-total":0},)"
            R"("acme.shop._public.orders":{"storage-bytes":1200,"offset-total":1000}})"
            "\n");
}

TEST(StorageReport, RendersATableWithATotal) {
  const StorageReport report{
      {{"acme.shop._private.cart", 300, 0}, {"acme.shop._public.orders", 1200, 1000}}};

  EXPECT_EQ(render_storage_text(report),
            "TOPIC                     STORAGE-BYTES  OFFSET-TOTAL\n"
            "acme.shop._private.cart   300            0\n"
            "acme.shop._public.orders  1200           1000\n"
            "total (2 topics)          1500           1000\n");
}

TEST(StorageReport, FailsWhenTheLogDirsCannotBeRead) {
  FakeKafkaAdmin kafka = shop_cluster();
  kafka.failures.emplace("describe_log_dirs",
                         Error{ErrorCode::unauthorized, "kafka broker 1: not allowed", {}});

  const auto report = measure_storage(kafka, {k_orders});

  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().message, "kafka broker 1: not allowed");
}

TEST(ConsumptionReport, ListsEveryStableGroupAssignedTheExactTopic) {
  FakeKafkaAdmin kafka = shop_cluster();
  kafka.groups["acme.shop.billing"] = {
      "",
      "Stable",
      false,
      {member("m1", {{k_orders, 0}}), member("m2", {{k_orders, 1}})},
      {{k_orders, 0, 57}, {k_orders, 1, 43}, {k_cart, 0, 7}}};
  kafka.groups["acme.shop.analytics"] = {
      "", "Stable", false, {member("a1", {{k_orders, 0}, {k_orders, 1}})}, {{k_orders, 0, 5}}};
  // Not counted: a neighbour's topic with a longer name, a rebalancing group, a simple group.
  kafka.groups["acme.shop.neighbour"] = {"",
                                         "Stable",
                                         false,
                                         {member("n1", {{"acme.shop._public.orders2", 0}})},
                                         {{"acme.shop._public.orders2", 0, 42}}};
  kafka.groups["acme.shop.rebalancing"] = {
      "", "PreparingRebalance", false, {member("r1", {{k_orders, 0}})}, {{k_orders, 0, 1}}};
  kafka.groups["acme.shop.simple"] = {"", "Empty", true, {}, {{k_orders, 0, 3}}};

  const auto report = measure_consumption(kafka, {k_orders, k_cart});

  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->topics.size(), 1u);
  const TopicConsumption& orders = report->topics[0];
  EXPECT_EQ(orders.topic, k_orders);
  ASSERT_EQ(orders.groups.size(), 2u);
  EXPECT_EQ(orders.groups[0].id, "acme.shop.analytics");
  EXPECT_EQ(orders.groups[0].offset_total, 5);
  EXPECT_EQ(orders.groups[1].id, "acme.shop.billing");
  EXPECT_EQ(orders.groups[1].members.size(), 2u);
  EXPECT_EQ(orders.groups[1].partitions,
            (std::vector<ports::CommittedOffset>{{k_orders, 0, 57}, {k_orders, 1, 43}}));
  EXPECT_EQ(orders.groups[1].offset_total, 100);
  // The cart offsets do not count: no member of billing is assigned the cart topic.
  ASSERT_EQ(report->groups.size(), 2u);
  EXPECT_EQ(report->groups[1].offset_total, 100);
  EXPECT_EQ(kafka.calls.back(),
            "describe_consumer_groups acme.shop.analytics acme.shop.billing acme.shop.neighbour");
}

TEST(ConsumptionReport, AGroupThatPolledWithoutCommittingHasNoPartitions) {
  FakeKafkaAdmin kafka = shop_cluster();
  kafka.groups["acme.shop.reader"] = {"", "Stable", false, {member("m1", {{k_orders, 0}})}, {}};

  const auto report = measure_consumption(kafka, {k_orders});

  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->topics.size(), 1u);
  ASSERT_EQ(report->topics[0].groups.size(), 1u);
  EXPECT_TRUE(report->topics[0].groups[0].partitions.empty());
  EXPECT_EQ(report->topics[0].groups[0].offset_total, 0);
}

TEST(ConsumptionReport, NoStableGroupMeansNoDescribeRequestAndAnEmptyReport) {
  FakeKafkaAdmin kafka = shop_cluster();
  kafka.groups["acme.shop.idle"] = {"", "Empty", false, {}, {{k_orders, 0, 3}}};

  const auto report = measure_consumption(kafka, {k_orders});

  ASSERT_TRUE(report);
  EXPECT_EQ(*report, ConsumptionReport{});
  EXPECT_EQ(kafka.calls, std::vector<std::string>{"list_consumer_groups"});
  EXPECT_EQ(render_consumption_json(*report), "{\"groups\":[]}\n");
}

TEST(ConsumptionReport, JsonKeepsTheOriginalsFieldsForTheFirstGroupAndListsEveryGroup) {
  const GroupConsumption analytics{
      "acme.shop.analytics", {member("a1", {{k_orders, 0}})}, {{k_orders, 0, 5}}, 5};
  const GroupConsumption billing{"acme.shop.billing", {member("b1", {{k_orders, 0}})}, {}, 0};
  const ConsumptionReport report{{{k_orders, {analytics, billing}}}, {analytics, billing}};

  const std::string analytics_json =
      R"("id":"acme.shop.analytics","members":[{"id":"a1","clientId":"a1-client",)"
      R"("host":"/127.0.0.1"}],"partitions":[{"id":0,"topic":"acme.shop._public.orders",)"
      R"("offset":5}],"offsetTotal":5)";
  const std::string billing_json =
      R"({"id":"acme.shop.billing","members":[{"id":"b1","clientId":"b1-client",)"
      R"("host":"/127.0.0.1"}],"partitions":[],"offsetTotal":0})";
  EXPECT_EQ(render_consumption_json(report),
            "{\"acme.shop._public.orders\":{" + analytics_json + ",\"groups\":[{" + analytics_json
                + "}," + billing_json + "]},\"groups\":[{" + analytics_json + "}," + billing_json
                + "]}\n");
}

TEST(ConsumptionReport, TextHasARowPerTopicAndGroupAndTheMembers) {
  const GroupConsumption billing{
      "acme.shop.billing", {member("b1", {{k_orders, 0}})}, {{k_orders, 0, 5}}, 5};
  const ConsumptionReport report{{{k_orders, {billing}}}, {billing}};

  EXPECT_EQ(render_consumption_text(report),
            "TOPIC                     GROUP              MEMBERS  PARTITIONS  OFFSET-TOTAL\n"
            "acme.shop._public.orders  acme.shop.billing  1        1           5\n"
            "\n"
            "GROUP              MEMBER  CLIENT-ID  HOST\n"
            "acme.shop.billing  b1      b1-client  /127.0.0.1\n");
}

} // namespace
} // namespace specmesh::metrics
