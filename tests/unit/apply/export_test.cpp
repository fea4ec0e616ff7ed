#include <specmesh/apply/export.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>
#include <specmesh/testing/fake_schema_registry.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace specmesh::apply {
namespace {

using ::testing::ElementsAre;
using ::testing::Return;

plan::Subject avro(const std::string& text, std::vector<plan::SchemaReference> references = {}) {
  plan::Subject subject;
  subject.schema = text;
  subject.references = std::move(references);
  return subject;
}

std::vector<std::string> subject_names(const std::vector<plan::Subject>& subjects) {
  std::vector<std::string> out;
  out.reserve(subjects.size());
  for (const plan::Subject& subject : subjects) {
    out.push_back(subject.subject);
  }
  return out;
}

struct Cluster {
  testing::FakeKafkaAdmin kafka;
  testing::FakeSchemaRegistry registry;

  Cluster() {
    // describe_topics reports every effective config; only retention.ms is set on the topic.
    kafka.topics["acme.shop._public.orders"] = {
        {"acme.shop._public.orders",
         6,
         3,
         {{"cleanup.policy", "delete"}, {"retention.ms", "1000"}}},
        {{"retention.ms", "1000"}}};
    kafka.topics["acme.shop._private.cart"] = {
        {"acme.shop._private.cart", 1, 1, {{"cleanup.policy", "delete"}}}, {}};
    kafka.add_topic({"acme.warehouse.stock", 1, 1, {}});
    kafka.acls.insert({.resource_name = "acme.shop._public.orders", .principal = "User:*"});
    kafka.acls.insert({.resource_name = "acme.warehouse.stock", .principal = "User:acme.shop"});

    registry.add("acme.shared.Currency", avro(R"("string")"));
    registry.add("acme.shop.Item",
                 avro(R"({"type":"record","name":"Item"})",
                      {{"acme.shared.Currency", "acme.shared.Currency", -1}}));
    registry.add("acme.shop._public.orders-key", avro(R"("string")"));
    registry.add("acme.shop._public.orders-value",
                 avro(R"({"type":"record","name":"Order"})",
                      {{"acme.shop.Item", "acme.shop.Item", -1},
                       {"acme.shared.Currency", "acme.shared.Currency", -1}}));
    registry.add(
        "acme.shop._private.cart-value",
        avro(R"({"type":"record","name":"Cart"})", {{"acme.shop.Item", "acme.shop.Item", -1}}));
    registry.add("acme.shop.unused-value", avro(R"("int")")); // no such topic
  }
};

TEST(ObserveExport, TopicsCarryOnlyTheirOverridesAndEveryAclIsPassedThrough) {
  Cluster cluster;
  const Result<plan::ExportSource> source =
      observe_export(cluster.kafka, nullptr, "acme.shop", "acme:shop");
  ASSERT_TRUE(source.has_value()) << source.error().message;

  EXPECT_EQ(source->domain_id, "acme:shop");
  EXPECT_THAT(
      source->topics,
      ElementsAre(plan::Topic{"acme.shop._private.cart", 1, 1, {}},
                  plan::Topic{"acme.shop._public.orders", 6, 3, {{"retention.ms", "1000"}}}));
  // Every ACL, also those on other domains' names: export_spec picks what it needs.
  EXPECT_EQ(source->acls,
            std::vector<plan::AclBinding>(cluster.kafka.acls.begin(), cluster.kafka.acls.end()));
  EXPECT_TRUE(source->schemas.empty());
  EXPECT_THAT(cluster.kafka.calls, ElementsAre("describe_topics acme.shop", "describe_acls"));
}

TEST(ObserveExport, WithARegistryReadsTheTopicsSubjectsAndWhatTheyReferenceTransitively) {
  Cluster cluster;
  const Result<plan::ExportSource> source =
      observe_export(cluster.kafka, &cluster.registry, "acme.shop", "acme.shop");
  ASSERT_TRUE(source.has_value()) << source.error().message;

  // The topics' subjects in topic order, key before value; then each level of references, each
  // subject once, also outside the domain's prefix; never a subject of no topic.
  EXPECT_THAT(subject_names(source->schemas),
              ElementsAre("acme.shop._private.cart-value",
                          "acme.shop._public.orders-key",
                          "acme.shop._public.orders-value",
                          "acme.shop.Item",
                          "acme.shared.Currency"));
  EXPECT_THAT(cluster.registry.calls,
              ElementsAre("list_subjects acme.shop", "latest_versions 3", "latest_versions 2"));
  const plan::Subject& orders = source->schemas[2];
  EXPECT_EQ(orders.schema, R"({"type":"record","name":"Order"})");
  EXPECT_THAT(
      orders.references,
      ElementsAre(plan::SchemaReference{"acme.shop.Item", "acme.shop.Item", -1},
                  plan::SchemaReference{"acme.shared.Currency", "acme.shared.Currency", -1}));
}

TEST(ObserveExport, ARegistryWithoutTheTopicsSubjectsExportsNoSchemas) {
  Cluster cluster;
  cluster.registry.subjects.clear();
  const Result<plan::ExportSource> source =
      observe_export(cluster.kafka, &cluster.registry, "acme.shop", "acme.shop");
  ASSERT_TRUE(source.has_value()) << source.error().message;
  EXPECT_TRUE(source->schemas.empty());
  EXPECT_THAT(cluster.registry.calls, ElementsAre("list_subjects acme.shop"));
}

TEST(ObserveExport, AFailingAclReadIsReturned) {
  Cluster cluster;
  cluster.kafka.authorizer = false;
  const Result<plan::ExportSource> source =
      observe_export(cluster.kafka, &cluster.registry, "acme.shop", "acme.shop");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::unavailable);
  EXPECT_EQ(source.error().message, "kafka 'fake': the cluster has no authorizer");
  EXPECT_TRUE(cluster.registry.calls.empty());
}

/// A registry whose reads fail as each test says.
class MockSchemaRegistry : public ports::SchemaRegistry {
public:
  MOCK_METHOD(Result<std::vector<std::string>>, list_subjects, (std::string_view), (override));
  MOCK_METHOD(Result<std::vector<ports::RegisteredSchema>>,
              latest_versions,
              (const std::vector<std::string>&),
              (override));
  MOCK_METHOD(Result<std::optional<ports::RegisteredSchema>>,
              lookup,
              (const std::string&, const plan::Subject&),
              (override));
  MOCK_METHOD(Result<ports::Compatibility>,
              check_compatibility,
              (const std::string&, const plan::Subject&),
              (override));
  MOCK_METHOD(Result<int>, register_schema, (const std::string&, const plan::Subject&), (override));
  MOCK_METHOD(Result<std::optional<std::string>>,
              compatibility_level,
              (const std::string&),
              (override));
  MOCK_METHOD(Result<void>,
              set_compatibility_level,
              (const std::string&, const std::string&),
              (override));
  MOCK_METHOD(Result<std::vector<int>>, delete_subject, (const std::string&, bool), (override));
  MOCK_METHOD(int, concurrency, (), (const, override));
};

const Error k_registry_down{ErrorCode::unavailable, "registry 'http://sr': connection refused", {}};

TEST(ObserveExport, AFailingSubjectListIsReturned) {
  Cluster cluster;
  ::testing::StrictMock<MockSchemaRegistry> registry;
  EXPECT_CALL(registry, list_subjects(std::string_view("acme.shop")))
      .WillOnce(Return(tl::unexpected(k_registry_down)));
  const Result<plan::ExportSource> source =
      observe_export(cluster.kafka, &registry, "acme.shop", "acme.shop");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error(), k_registry_down);
}

TEST(ObserveExport, AFailingReadOfReferencedSubjectsIsReturned) {
  Cluster cluster;
  ::testing::StrictMock<MockSchemaRegistry> registry;
  EXPECT_CALL(registry, list_subjects)
      .WillOnce(Return(std::vector<std::string>{"acme.shop._private.cart-value"}));
  ports::RegisteredSchema cart{.subject = "acme.shop._private.cart-value",
                               .references = {{"acme.shop.Item", "acme.shop.Item", 1}}};
  EXPECT_CALL(registry, latest_versions(ElementsAre("acme.shop._private.cart-value")))
      .WillOnce(Return(std::vector<ports::RegisteredSchema>{cart}));
  EXPECT_CALL(registry, latest_versions(ElementsAre("acme.shop.Item")))
      .WillOnce(Return(tl::unexpected(k_registry_down)));
  const Result<plan::ExportSource> source =
      observe_export(cluster.kafka, &registry, "acme.shop", "acme.shop");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error(), k_registry_down);
}

} // namespace
} // namespace specmesh::apply
