// The fixture the Kafka ports' contract suites share. `Maker` is one implementation of
// ports::KafkaAdmin (the fake, or the real adapter on the local environment), made afresh for
// every test:
//
//   Maker();                          connects (or makes the fake)
//   std::string problem() const;      why it could not: the test fails with it, never skips
//   std::string run_prefix() const;   a name prefix unique to this process, e.g. "itest.1a2b."
//   ports::KafkaAdmin& admin();
//
// and for the ClusterMetrics suite also what a client of the cluster does:
//
//   std::string produce(topic, records);                 into a topic of one partition
//   std::string commit(group, topic, partition, offset); without joining the group
//
// (each "" or why it failed), and for the TopicAdmin suite
// `std::string internal_topic(existing_topic)`: the name of an internal topic it made sure
// exists (it may use `existing_topic` for that).
#pragma once

#include "contract_support.hpp"

#include <specmesh/ports/kafka_admin.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace specmesh::contract {

template <typename Maker> class KafkaContractTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_EQ(m_maker.problem(), ""); }

  /// Removes (best effort) every topic and ACL this test made.
  void TearDown() override {
    if (!m_maker.problem().empty()) {
      return;
    }
    if (auto described = topic_admin().describe_topics(prefix());
        described && !described->empty()) {
      std::vector<std::string> names;
      for (const ports::TopicDescription& description : *described) {
        names.push_back(description.topic.name);
      }
      topic_admin().delete_topics(names);
    }
    if (auto acls = acl_admin().describe_acls()) {
      std::vector<plan::AclBinding> ours;
      std::copy_if(acls->begin(), acls->end(), std::back_inserter(ours), [&](const auto& acl) {
        return acl.resource_name.starts_with(prefix());
      });
      if (!ours.empty()) {
        acl_admin().delete_acls(ours);
      }
    }
  }

  ports::TopicAdmin& topic_admin() { return m_maker.admin(); }
  ports::AclAdmin& acl_admin() { return m_maker.admin(); }
  ports::ClusterMetrics& metrics() { return m_maker.admin(); }

  /// "<run prefix><test name>.": every name this test makes starts with it.
  std::string prefix() const { return m_maker.run_prefix() + test_name() + "."; }
  std::string topic(const std::string& suffix) const { return prefix() + suffix; }

  /// describe_topics(prefix()) until `done` holds or 10 s pass.
  std::vector<ports::TopicDescription>
  describe_until(const std::function<bool(const std::vector<ports::TopicDescription>&)>& done) {
    std::vector<ports::TopicDescription> last;
    eventually([&] {
      auto described = topic_admin().describe_topics(prefix());
      EXPECT_TRUE(described) << described.error().message;
      if (!described) {
        return true;
      }
      last = std::move(*described);
      return done(last);
    });
    return last;
  }

  /// Creates the topics and waits until describe_topics shows them.
  void create_and_wait(const std::vector<plan::Topic>& topics) {
    const std::vector<ports::Outcome> outcomes = topic_admin().create_topics(topics, false);
    for (const ports::Outcome& outcome : outcomes) {
      ASSERT_TRUE(outcome) << outcome.error().message;
    }
    const auto described = describe_until([&](const auto& found) {
      return std::all_of(topics.begin(), topics.end(), [&](const plan::Topic& wanted) {
        return std::any_of(found.begin(), found.end(), [&](const auto& description) {
          return description.topic.name == wanted.name;
        });
      });
    });
    ASSERT_GE(described.size(), topics.size());
  }

  Maker m_maker;
};

} // namespace specmesh::contract
