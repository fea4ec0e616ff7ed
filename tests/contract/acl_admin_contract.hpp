// The contract of ports::AclAdmin: the same test bodies run against the fake
// (tests/unit/contract) and the real adapter on the local broker (tests/integration/kafka).
// Instantiate with a Maker (see kafka_contract_fixture.hpp):
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Fake, AclAdminContract, FakeKafka);
#pragma once

#include "kafka_contract_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace specmesh::contract {

template <typename Maker> class AclAdminContract : public KafkaContractTest<Maker> {
protected:
  plan::AclBinding acl(const std::string& suffix,
                       plan::PatternType pattern,
                       plan::AclOperation operation,
                       plan::ResourceType type = plan::ResourceType::topic) const {
    plan::AclBinding binding;
    binding.resource_type = type;
    binding.resource_name = this->prefix() + suffix;
    binding.pattern_type = pattern;
    binding.principal = "User:" + this->prefix() + "svc";
    binding.operation = operation;
    return binding;
  }

  /// describe_acls until this test's bindings are exactly `expected` or 10 s pass; the last
  /// bindings of this test read, sorted.
  std::vector<plan::AclBinding> ours_until(std::vector<plan::AclBinding> expected) {
    std::sort(expected.begin(), expected.end());
    std::vector<plan::AclBinding> ours;
    eventually([&] {
      auto all = this->acl_admin().describe_acls();
      EXPECT_TRUE(all) << all.error().message;
      if (!all) {
        return true;
      }
      ours.clear();
      std::copy_if(all->begin(), all->end(), std::back_inserter(ours), [&](const auto& acl) {
        return acl.resource_name.starts_with(this->prefix());
      });
      std::sort(ours.begin(), ours.end());
      return ours == expected;
    });
    return ours;
  }
};

TYPED_TEST_SUITE_P(AclAdminContract);

TYPED_TEST_P(AclAdminContract, AclsRoundTripAndDeleteIsExact) {
  using plan::AclOperation;
  using plan::PatternType;
  const auto prefixed = this->acl("orders", PatternType::prefixed, AclOperation::read);
  const auto literal = this->acl("orders", PatternType::literal, AclOperation::read);
  const auto group =
      this->acl("group", PatternType::prefixed, AclOperation::read, plan::ResourceType::group);
  auto deny = this->acl("orders", PatternType::literal, AclOperation::write);
  deny.permission = plan::AclPermission::deny;
  // librdkafka >= 2.6 only (cmake/Dependencies.cmake requires it).
  const auto txn = this->acl(
      "txn", PatternType::prefixed, AclOperation::write, plan::ResourceType::transactional_id);

  const auto created = this->acl_admin().create_acls({prefixed, literal, group, deny, txn});
  ASSERT_EQ(created.size(), 5u);
  for (const auto& outcome : created) {
    ASSERT_TRUE(outcome) << messages(created);
  }
  const std::vector<plan::AclBinding> all{prefixed, literal, group, deny, txn};
  EXPECT_EQ(this->ours_until(all), [&] {
    auto sorted = all;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }());

  // Deleting the PREFIXED binding leaves the LITERAL one with the same name and principal.
  const auto deleted = this->acl_admin().delete_acls({prefixed});
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_TRUE(deleted[0]) << messages(deleted);
  std::vector<plan::AclBinding> remaining{literal, group, deny, txn};
  std::sort(remaining.begin(), remaining.end());
  EXPECT_EQ(this->ours_until(remaining), remaining);

  // A binding that no longer exists is reported as not matched; the others are deleted.
  const auto again = this->acl_admin().delete_acls(all);
  ASSERT_EQ(again.size(), 5u);
  ASSERT_FALSE(again[0]);
  EXPECT_EQ(again[0].error().code, ErrorCode::not_found) << again[0].error().message;
  EXPECT_TRUE(again[1] && again[2] && again[3] && again[4]) << messages(again);
  EXPECT_TRUE(this->ours_until({}).empty());
}

TYPED_TEST_P(AclAdminContract, CreatingAnExistingBindingIsIdempotent) {
  const auto binding =
      this->acl("orders", plan::PatternType::literal, plan::AclOperation::describe);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto created = this->acl_admin().create_acls({binding});
    ASSERT_EQ(created.size(), 1u);
    EXPECT_TRUE(created[0]) << messages(created);
  }
  EXPECT_EQ(this->ours_until({binding}), std::vector<plan::AclBinding>{binding});
}

TYPED_TEST_P(AclAdminContract, DeletingABindingThatNeverExistedIsNotFound) {
  const auto never = this->acl("never", plan::PatternType::literal, plan::AclOperation::read);
  const auto deleted = this->acl_admin().delete_acls({never});
  ASSERT_EQ(deleted.size(), 1u);
  ASSERT_FALSE(deleted[0]);
  EXPECT_EQ(deleted[0].error().code, ErrorCode::not_found) << deleted[0].error().message;
  EXPECT_TRUE(deleted[0].error().message.starts_with("acl '" + never.name() + "': "))
      << deleted[0].error().message;
}

REGISTER_TYPED_TEST_SUITE_P(AclAdminContract,
                            AclsRoundTripAndDeleteIsExact,
                            CreatingAnExistingBindingIsIdempotent,
                            DeletingABindingThatNeverExistedIsNotFound);

} // namespace specmesh::contract
