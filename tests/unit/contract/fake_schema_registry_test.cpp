// The SchemaRegistry contract suite (tests/contract) on testing::FakeSchemaRegistry: the same
// test bodies run on the real adapter in tests/integration/registry.
#include "contract/schema_registry_contract.hpp"

#include <specmesh/testing/fake_schema_registry.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace specmesh::testing {
namespace {

class FakeRegistry {
public:
  std::string problem() const { return ""; }
  std::string run_prefix() const { return "fake"; }
  ports::SchemaRegistry& registry() { return m_fake; }

  void declare_incompatible(const std::string& subject, const std::vector<std::string>& reasons) {
    m_fake.incompatible[subject] = reasons;
  }

private:
  FakeSchemaRegistry m_fake;
};

} // namespace
} // namespace specmesh::testing

namespace specmesh::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Fake, SchemaRegistryContract, testing::FakeRegistry);
} // namespace specmesh::contract
