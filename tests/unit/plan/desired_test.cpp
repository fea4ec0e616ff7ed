#include "test_specs.hpp"

#include <specmesh/plan/desired.hpp>
#include <specmesh/schema/load_schemas.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <utility>

namespace specmesh::plan {
namespace {

using ::testing::ElementsAre;
using testing::load;

DesiredState desired(const spec::ApiSpec& spec,
                     const DesiredOptions& options = {},
                     const std::string& schema_path = SPECMESH_TEST_DATA "/schemas/refs") {
  const auto schemas = schema::load_schemas(schema_requests(spec, options), schema_path);
  Result<DesiredState> state = desired_state(spec, schemas, options);
  EXPECT_TRUE(state.has_value()) << (state ? "" : state.error().message);
  return state ? *state : DesiredState{};
}

std::vector<std::string> subjects(const DesiredState& state) {
  std::vector<std::string> out;
  for (const Subject& subject : state.subjects) {
    out.push_back(subject.subject);
  }
  return out;
}

TEST(ScaledPartitions, RejectsFactorsOutsideZeroToOneWithTheOriginalsMessage) {
  const std::array<std::pair<double, const char*>, 4> rejected{
      {{-1.0, "-1.0"}, {-0.1, "-0.1"}, {0.0, "0.0"}, {1.00001, "1.00001"}}};
  for (const auto& [factor, text] : rejected) {
    const Result<int> result = scaled_partitions(10, factor);
    ASSERT_FALSE(result.has_value()) << factor;
    EXPECT_EQ(result.error().message,
              std::string("0.0 < partitionCountFactor <= 1.0, but was: ") + text);
  }
}

TEST(ScaledPartitions, ScalesDownButKeepsTheMinimums) {
  EXPECT_EQ(scaled_partitions(10, 1e-7), 2);
  EXPECT_EQ(scaled_partitions(10, 0.0001), 2);
  EXPECT_EQ(scaled_partitions(10, 0.5), 5);
  EXPECT_EQ(scaled_partitions(20, 0.1), 2);
  EXPECT_EQ(scaled_partitions(3, 0.9), 2);
  EXPECT_EQ(scaled_partitions(1, 0.1), 1);
  EXPECT_EQ(scaled_partitions(10, 1.0), 10);
}

TEST(ScaledPartitions, AbsentPartitionsMeanOne) {
  EXPECT_EQ(scaled_partitions(std::nullopt, 1.0), 1);
  EXPECT_EQ(scaled_partitions(std::nullopt, 0.5), 1);
}

TEST(DesiredState, WorkedExampleHasFourSortedTopics) {
  const Result<spec::ApiSpec> spec =
      spec::load_file(SPECMESH_TEST_DATA "/specs/worked-example.yaml");
  ASSERT_TRUE(spec.has_value());
  const DesiredState state = desired(*spec);
  ASSERT_EQ(state.topics.size(), 4u);
  EXPECT_EQ(state.topics[0], (Topic{"acme.shop._private.cart", 1, -1, {}}));
  EXPECT_EQ(state.topics[1].name, "acme.shop._protected.payments");
  EXPECT_EQ(state.topics[2], (Topic{"acme.shop._public.orders", 6, -1, {}}));
  EXPECT_EQ(state.topics[3].name, "acme.shop.audit.events");
  EXPECT_EQ(state.acls.size(), 18u);
}

TEST(DesiredState, TopicsCarryReplicasAndConfigsAsStrings) {
  const DesiredState state = desired(load(R"(
id: urn:d
channels:
  x:
    bindings: {kafka: {partitions: 10, replicas: 3, configs: {retention.ms: 3600000}}}
    publish: {}
)"),
                                     DesiredOptions{.partition_count_factor = 0.5});
  EXPECT_THAT(state.topics, ElementsAre(Topic{"d.x", 5, 3, {{"retention.ms", "3600000"}}}));
}

TEST(DesiredState, InvalidFactorFailsWhenTheSpecHasTopics) {
  const spec::ApiSpec spec =
      load("id: urn:d\nchannels:\n  x: {bindings: {kafka: {}}, publish: {}}\n");
  EXPECT_FALSE(desired_state(spec, {}, DesiredOptions{.partition_count_factor = 2.0}).has_value());
  const spec::ApiSpec empty = load("id: urn:d\nchannels: {}\n");
  EXPECT_TRUE(desired_state(empty, {}, DesiredOptions{.partition_count_factor = 2.0}).has_value());
}

/// Channels with and without envs, and one of another domain.
constexpr const char* k_env_tagged = R"(
id: urn:d
channels:
  all: {bindings: {kafka: {}}, publish: {}}
  prod: {bindings: {kafka: {envs: [prod]}}, publish: {}}
  dev: {bindings: {kafka: {envs: [dev, test]}}, publish: {}}
  /other.x: {bindings: {kafka: {envs: [staging]}}, publish: {}}
)";

TEST(DesiredState, EnvKeepsChannelsWithoutEnvsOrNamingIt) {
  const spec::ApiSpec spec = load(k_env_tagged);
  std::vector<std::string> names;
  for (const Topic& topic : desired(spec, DesiredOptions{.env = "prod"}).topics) {
    names.push_back(topic.name);
  }
  EXPECT_THAT(names, ElementsAre("d.all", "d.prod"));
  EXPECT_EQ(desired(spec).topics.size(), 3u);
}

TEST(CheckEnv, RefusesAnEnvThatNoChannelNamesWithTheSpecsEnvs) {
  const spec::ApiSpec spec = load(k_env_tagged);
  EXPECT_TRUE(check_env(spec, DesiredOptions{.env = "test"}).has_value());
  EXPECT_TRUE(check_env(spec, DesiredOptions{}).has_value());

  const Result<void> typo = check_env(spec, DesiredOptions{.env = "prdo"});
  ASSERT_FALSE(typo.has_value());
  EXPECT_EQ(typo.error().message,
            "--env 'prdo' is named by no channel's bindings.kafka.envs; the spec's envs are dev, "
            "prod, test (did you mean 'prod'?)");
  // Another domain's channel does not count, and desired_state refuses the same.
  EXPECT_FALSE(check_env(spec, DesiredOptions{.env = "staging"}).has_value());
  EXPECT_FALSE(desired_state(spec, {}, DesiredOptions{.env = "prdo"}).has_value());
}

TEST(CheckEnv, RefusesAnyEnvForASpecThatNamesNone) {
  const spec::ApiSpec spec =
      load("id: urn:d\nchannels:\n  all: {bindings: {kafka: {}}, publish: {}}\n");
  const Result<void> env = check_env(spec, DesiredOptions{.env = "prod"});
  ASSERT_FALSE(env.has_value());
  EXPECT_EQ(env.error().message,
            "--env 'prod' is named by no channel's bindings.kafka.envs: the spec names no envs, "
            "so leave --env out");
  EXPECT_TRUE(check_env(spec, DesiredOptions{}).has_value());
}

TEST(DesiredState, NeverProvisionsAChannelOutsideTheScope) {
  const DesiredState state = desired(load(R"(
id: urn:acme.shop
channels:
  /acme.shopping.x: {bindings: {kafka: {}}, publish: {}}
  /acme.shop.y: {bindings: {kafka: {}}, publish: {}}
)"));
  ASSERT_EQ(state.topics.size(), 1u);
  EXPECT_EQ(state.topics[0].name, "acme.shop.y");
}

constexpr const char* k_order_spec = R"(
id: urn:acme.shop
channels:
  _public.orders:
    bindings: {kafka: {}}
    publish:
      message:
        bindings: {kafka: {key: {type: string}}}
        payload: {$ref: acme.shop.Order.avsc}
  _public.items:
    bindings: {kafka: {}}
    publish:
      message:
        bindings: {kafka: {key: {$ref: acme.shop.Item.avsc}}}
        payload: {$ref: acme.shop.Item.avsc}
)";

TEST(DesiredState, SubjectsAreLeafFirstWithReferencesByFullName) {
  const DesiredState state = desired(load(k_order_spec));
  EXPECT_THAT(subjects(state),
              ElementsAre("acme.shared.Currency",
                          "acme.shop.Item",
                          "acme.shop._public.items-key",
                          "acme.shop._public.items-value",
                          "acme.shop._public.orders-value"));
  const Subject& orders = state.subjects.back();
  EXPECT_TRUE(orders.topic_schema);
  EXPECT_EQ(orders.type, schema::SchemaType::avro);
  EXPECT_THAT(orders.references,
              ElementsAre(SchemaReference{"acme.shared.Currency", "acme.shared.Currency", -1},
                          SchemaReference{"acme.shop.Item", "acme.shop.Item", -1}));
}

TEST(DesiredState, OwnershipIsTheExactNamespace) {
  const DesiredState state = desired(load(k_order_spec));
  EXPECT_FALSE(state.subjects[0].owned); // acme.shared.Currency
  EXPECT_FALSE(state.subjects[0].topic_schema);
  EXPECT_TRUE(state.subjects[1].owned); // acme.shop.Item
}

TEST(DesiredState, SubjectNamingStrategies) {
  const auto subject_for = [](const std::string& strategy) {
    const DesiredState state = desired(load(R"(
id: urn:acme.shop
channels:
  t:
    bindings: {kafka: {}}
    publish:
      message:
        bindings: {kafka: {schemaLookupStrategy: )"
                                            + strategy + R"(}}
        payload: {$ref: acme.shop.Item.avsc}
)"));
    return state.subjects.empty() ? std::string() : state.subjects.back().subject;
  };
  EXPECT_EQ(subject_for("TopicNameStrategy"), "acme.shop.t-value");
  EXPECT_EQ(subject_for("SomethingElse"), "acme.shop.t-value");
  EXPECT_EQ(subject_for("RecordNameStrategy"), "acme.shop.Item");
  EXPECT_EQ(subject_for("recordidstrategy"), "acme.shop.Item");
  EXPECT_EQ(subject_for("TopicRecordNameStrategy"), "acme.shop.t-acme.shop.Item");
  EXPECT_EQ(subject_for("SimpleTopicIdStrategy"), "acme.shop.t");
}

TEST(DesiredState, SchemaFileProblemsAreReportedAtTheRefWithoutStoppingOthers) {
  const DesiredState state = desired(load(R"(id: urn:acme.shop
channels:
  a:
    bindings: {kafka: {}}
    publish: {message: {payload: {$ref: missing.avsc}}}
  b:
    bindings: {kafka: {}}
    publish: {message: {payload: {$ref: acme.shop.Item.avsc}}}
)"));
  ASSERT_EQ(state.schema_failures.size(), 1u);
  const SchemaFailure& failure = state.schema_failures[0];
  EXPECT_EQ(failure.subject, "acme.shop.a-value");
  EXPECT_EQ(failure.diagnostic.where, (SourceLocation{"spec.yaml", 5, 41}));
  EXPECT_THAT(failure.diagnostic.message, ::testing::HasSubstr("missing.avsc"));
  EXPECT_THAT(subjects(state), ElementsAre("acme.shared.Currency", "acme.shop.b-value"));
}

TEST(DesiredState, RecordStrategiesNeedANamedAvroType) {
  const DesiredState state = desired(load(R"(id: urn:acme.shop
channels:
  a:
    bindings: {kafka: {}}
    publish:
      message:
        bindings: {kafka: {schemaLookupStrategy: RecordNameStrategy}}
        payload: {$ref: ../formats/user_checkout.json}
)"));
  ASSERT_EQ(state.schema_failures.size(), 1u);
  EXPECT_THAT(state.schema_failures[0].diagnostic.message,
              ::testing::StartsWith("schemaLookupStrategy 'RecordNameStrategy' needs an Avro "
                                    "schema, but '"));
}

TEST(DesiredState, SharedSchemasAreRegisteredUnderTheirFullName) {
  const DesiredState state = desired(load(R"(
id: urn:acme.shop
channels: {}
x-specmesh-shared-schemas:
  - $ref: acme.shop.Item.avsc
)"));
  EXPECT_THAT(subjects(state), ElementsAre("acme.shared.Currency", "acme.shop.Item"));
  EXPECT_TRUE(state.subjects[1].owned);
  EXPECT_FALSE(state.subjects[1].topic_schema);
  EXPECT_TRUE(state.topics.empty());
}

} // namespace
} // namespace specmesh::plan
