#include <specmesh/apply/provision.hpp>
#include <specmesh/testing/fake_kafka_admin.hpp>
#include <specmesh/testing/fake_schema_registry.hpp>
#include <specmesh/testing/forwarding_ports.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

namespace specmesh::apply {
namespace {

using namespace std::chrono_literals;
using plan::Action;
using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using testing::ForwardingKafkaAdmin;
using testing::ForwardingSchemaRegistry;
using ::testing::HasSubstr;

const std::string k_data = SPECMESH_TEST_DATA;
const std::string k_orders = "acme.shop._public.orders";

/// The domain of specs/good/avro-refs.yaml: one topic, the owner's and the public ACLs, and
/// three Avro subjects (the value references acme.shop.Item).
plan::DesiredState avro_refs_shop() {
  Result<plan::DesiredState> desired =
      load_desired_state(k_data + "/specs/good/avro-refs.yaml", k_data + "/cli/refs", {}, true);
  EXPECT_TRUE(desired.has_value()) << desired.error().message;
  return desired ? *desired : plan::DesiredState{};
}

std::vector<std::string> state_words(const plan::Plan& plan) {
  std::vector<std::string> out;
  plan::for_each_kind(
      [&](const auto& changes) {
        for (const auto& change : changes) {
          out.push_back(state_word(change.action, change.outcome));
        }
      },
      plan);
  return out;
}

/// The fakes, reached through Connections; a connection fails instead when its error is set.
struct Cluster {
  testing::FakeKafkaAdmin kafka;
  testing::FakeSchemaRegistry registry;
  std::optional<Error> kafka_down;
  std::optional<Error> registry_down;
  bool with_registry = true;

  Connections connections() {
    Connections out;
    out.kafka = [this]() -> Result<std::unique_ptr<ports::KafkaAdmin>> {
      if (kafka_down) {
        return tl::unexpected(*kafka_down);
      }
      return std::make_unique<ForwardingKafkaAdmin>(kafka);
    };
    if (with_registry) {
      out.registry = [this]() -> Result<std::unique_ptr<ports::SchemaRegistry>> {
        if (registry_down) {
          return tl::unexpected(*registry_down);
        }
        return std::make_unique<ForwardingSchemaRegistry>(registry);
      };
    }
    return out;
  }

  Result<plan::Plan> provision(const plan::DesiredState& desired,
                               bool dry_run,
                               const plan::Policy& policy = {},
                               std::chrono::milliseconds visibility_wait = 10s) {
    return apply::provision(desired, policy, dry_run, connections(), visibility_wait);
  }

  bool has_written() const {
    return std::any_of(kafka.calls.begin(), kafka.calls.end(), [](const std::string& call) {
      return !call.starts_with("describe_") && !call.starts_with("validate_");
    });
  }
};

TEST(Provision, AStorageSpecIsRefusedUntilStorageIsLeftAlone) {
  Cluster cluster;
  Result<plan::DesiredState> desired =
      load_desired_state(k_data + "/specs/good/storage.yaml", "", {}, false);
  ASSERT_TRUE(desired.has_value()) << desired.error().message;
  ASSERT_FALSE(desired->storage.empty());

  const Result<plan::Plan> refused = cluster.provision(*desired, false);
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error().message, HasSubstr("pass --s3-disabled to leave storage alone"));
  EXPECT_TRUE(cluster.kafka.calls.empty()) << ::testing::PrintToString(cluster.kafka.calls);

  const Result<plan::Plan> streams = cluster.provision(*desired, false, {.storage_disabled = true});
  ASSERT_TRUE(streams.has_value()) << streams.error().message;
  EXPECT_TRUE(streams->storage.empty());
  EXPECT_EQ(cluster.kafka.topics.size(), 1u);
}

TEST(Provision, DryRunChecksThePlanButChangesNothing) {
  Cluster cluster;
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), true);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;

  EXPECT_EQ(state_words(*plan).size(), 1u + 12u + 3u);
  EXPECT_THAT(state_words(*plan), Each("CREATE"));
  EXPECT_THAT(cluster.kafka.calls, Contains("validate_topics " + k_orders));
  EXPECT_FALSE(cluster.has_written()) << ::testing::PrintToString(cluster.kafka.calls);
  EXPECT_TRUE(cluster.kafka.topics.empty());
  EXPECT_TRUE(cluster.kafka.acls.empty());
  EXPECT_TRUE(cluster.registry.subjects.empty());
  EXPECT_TRUE(cluster.registry.levels.empty());
}

TEST(Provision, DryRunReportsWhatTheBrokerAndTheRegistryWouldRefuse) {
  Cluster cluster;
  plan::DesiredState desired = avro_refs_shop();
  desired.topics[0].config["cleanup.policy"] = "forever";
  cluster.registry.add(k_orders + "-key", plan::Subject{.schema = R"("int")"});
  cluster.registry.incompatible[k_orders + "-key"] = {"TYPE_MISMATCH"};

  const Result<plan::Plan> plan = cluster.provision(desired, true);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;

  EXPECT_EQ(state_word(plan->topics[0].action, plan->topics[0].outcome), "FAILED");
  EXPECT_THAT(plan->topics[0].outcome.message(), HasSubstr("cleanup.policy"));
  const auto key = std::find_if(plan->subjects.begin(), plan->subjects.end(), [](const auto& c) {
    return c.resource.subject == k_orders + "-key";
  });
  ASSERT_NE(key, plan->subjects.end());
  EXPECT_EQ(key->action, Action::blocked);
  EXPECT_THAT(key->details, Contains(HasSubstr("TYPE_MISMATCH")));
  EXPECT_TRUE(cluster.kafka.topics.empty());
}

TEST(Provision, RealRunCreatesEverythingAndWaitsUntilItIsVisible) {
  Cluster cluster;
  const plan::DesiredState desired = avro_refs_shop();
  const Result<plan::Plan> plan = cluster.provision(desired, false);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;

  EXPECT_THAT(state_words(*plan), Each("CREATED"));
  EXPECT_EQ(cluster.kafka.topics.at(k_orders).topic.partitions, 3);
  EXPECT_EQ(cluster.kafka.acls.size(), 12u);
  EXPECT_EQ(cluster.registry.subjects.size(), 3u);
  EXPECT_EQ(cluster.registry.levels.at(k_orders + "-value"), "FULL_TRANSITIVE");
  // After the writes, a read shows them (await_visible).
  const auto created = std::find(
      cluster.kafka.calls.begin(), cluster.kafka.calls.end(), "create_topics " + k_orders);
  ASSERT_NE(created, cluster.kafka.calls.end());
  EXPECT_NE(std::find(created, cluster.kafka.calls.end(), "describe_topics acme.shop"),
            cluster.kafka.calls.end());

  const Result<plan::Plan> again = cluster.provision(desired, false);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(again->has_changes());
  EXPECT_THAT(state_words(*again), Each("UNCHANGED"));
}

TEST(Provision, WithoutAVisibilityWaitNothingIsReadAfterTheWrites) {
  Cluster cluster;
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), false, {}, 0ms);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  EXPECT_THAT(state_words(*plan), Each("CREATED"));
  EXPECT_THAT(cluster.kafka.calls,
              ElementsAre("describe_topics acme.shop",
                          "describe_acls",
                          "create_topics " + k_orders,
                          ::testing::StartsWith("create_acls ")));
}

TEST(Provision, ABlockedPlanAppliesNothing) {
  Cluster cluster;
  cluster.kafka.add_topic({k_orders, 6, 1, {}}); // the spec wants 3: partitions cannot shrink
  cluster.kafka.calls.clear();
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), false);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;

  EXPECT_TRUE(plan->is_blocked());
  EXPECT_EQ(plan->topics[0].action, Action::blocked);
  EXPECT_THAT(state_words(*plan), Contains("CREATE")); // still planned, not done
  EXPECT_THAT(cluster.kafka.calls, ElementsAre("describe_topics acme.shop", "describe_acls"));
  EXPECT_TRUE(cluster.kafka.acls.empty());
  EXPECT_TRUE(cluster.registry.subjects.empty());
  EXPECT_EQ(cluster.kafka.topics.at(k_orders).topic.partitions, 6);
}

TEST(Provision, AKafkaConnectionFailureIsReturned) {
  Cluster cluster;
  cluster.kafka_down = Error{ErrorCode::unavailable, "kafka 'k:9092': connection refused", {}};
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), false);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error(), *cluster.kafka_down);
  EXPECT_TRUE(cluster.registry.calls.empty());
}

TEST(Provision, ARegistryConnectionFailureIsReturnedBeforeAnythingIsRead) {
  Cluster cluster;
  cluster.registry_down = Error{ErrorCode::unauthorized, "registry 'http://sr': 401", {}};
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), false);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error(), *cluster.registry_down);
  EXPECT_TRUE(cluster.kafka.calls.empty());
}

TEST(Provision, AFailingReadIsReturned) {
  Cluster cluster;
  cluster.kafka.authorizer = false;
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), false);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::unavailable);
  EXPECT_FALSE(cluster.has_written());
}

TEST(Provision, WithSchemasDisabledNoSubjectIsPlannedOrTouched) {
  Cluster cluster;
  cluster.with_registry = false;
  const Result<plan::Plan> plan = cluster.provision(avro_refs_shop(), false, {.sr_disabled = true});
  ASSERT_TRUE(plan.has_value()) << plan.error().message;

  EXPECT_TRUE(plan->subjects.empty());
  EXPECT_THAT(state_words(*plan), Each("CREATED"));
  EXPECT_TRUE(cluster.kafka.topics.contains(k_orders));
  EXPECT_TRUE(cluster.registry.calls.empty());
}

TEST(LoadDesiredState, AMissingSpecFileIsNotFound) {
  const Result<plan::DesiredState> desired =
      load_desired_state(k_data + "/specs/no-such-spec.yaml", k_data, {}, true);
  ASSERT_FALSE(desired.has_value());
  EXPECT_EQ(desired.error().code, ErrorCode::not_found);
  EXPECT_THAT(desired.error().message, HasSubstr("no-such-spec.yaml"));
}

TEST(LoadDesiredState, AnInvalidSpecIsInvalidSpecWithADiagnosticPerProblem) {
  const Result<plan::DesiredState> desired =
      load_desired_state(k_data + "/specs/bad/missing-id.yaml", k_data, {}, true);
  ASSERT_FALSE(desired.has_value());
  EXPECT_EQ(desired.error().code, ErrorCode::invalid_spec);
  EXPECT_FALSE(desired.error().diagnostics.empty());
}

TEST(LoadDesiredState, ABadPartitionCountFactorIsInvalidInput) {
  const Result<plan::DesiredState> desired =
      load_desired_state(k_data + "/specs/good/avro-refs.yaml",
                         k_data + "/cli/refs",
                         {.partition_count_factor = 2.0},
                         true);
  ASSERT_FALSE(desired.has_value());
  EXPECT_EQ(desired.error().code, ErrorCode::invalid_input);
}

TEST(LoadDesiredState, ReadsTheSchemaFilesOnlyWhenAskedTo) {
  const plan::DesiredState with_schemas = avro_refs_shop();
  ASSERT_EQ(with_schemas.subjects.size(), 3u);
  EXPECT_EQ(with_schemas.subjects.back().subject, k_orders + "-value");
  EXPECT_TRUE(with_schemas.schema_failures.empty());

  const Result<plan::DesiredState> without =
      load_desired_state(k_data + "/specs/good/avro-refs.yaml", "/no/such/dir", {}, false);
  ASSERT_TRUE(without.has_value()) << without.error().message;
  EXPECT_EQ(without->topics, with_schemas.topics);
  EXPECT_EQ(without->acls, with_schemas.acls);
  EXPECT_TRUE(without->schema_failures.empty());
}

TEST(LoadDesiredState, AnUnreadableSchemaFileIsAFailureOfItsSubjectNotAnError) {
  const Result<plan::DesiredState> desired =
      load_desired_state(k_data + "/specs/good/avro-refs.yaml", k_data + "/schemas/refs", {}, true);
  ASSERT_TRUE(desired.has_value()) << desired.error().message;
  ASSERT_EQ(desired->schema_failures.size(), 1u);
  EXPECT_EQ(desired->schema_failures[0].subject, k_orders + "-key");
}

} // namespace
} // namespace specmesh::apply
