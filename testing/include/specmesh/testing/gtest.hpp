// GoogleTest glue for LocalEnvironment, header-only (specmesh::testing itself does not link
// GoogleTest). Register one environment for the whole test program:
//
//   const auto* const acme = ::testing::AddGlobalTestEnvironment(
//       new specmesh::testing::GTestEnvironment({{"acme.shop-api.yaml", "schemas"}}));
//
// Its SetUp starts or reuses the local environment and provisions the specs; any problem (a bad
// spec's `file:line:col` errors included) is reported as a fatal failure of the global set-up,
// so no test runs. TearDown cleans up what was provisioned.
#pragma once

#include <specmesh/testing/local_environment.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace specmesh::testing {

/// A spec to provision before the tests run.
struct SpecToProvision {
  std::string spec_path;
  std::string schema_path; ///< empty: the spec's directory
  ProvisionOptions options = {};
};

/// A ::testing::Environment owning one LocalEnvironment for the whole test program.
class GTestEnvironment : public ::testing::Environment {
public:
  /// Provisions `specs` in order at SetUp.
  explicit GTestEnvironment(std::vector<SpecToProvision> specs,
                            LocalEnvironmentOptions options = {})
      : m_specs(std::move(specs)), m_options(std::move(options)) {}

  void SetUp() override {
    try {
      m_environment.emplace(m_options);
      for (const SpecToProvision& spec : m_specs) {
        m_plans.push_back(m_environment->provision(spec.spec_path, spec.schema_path, spec.options));
      }
    } catch (const std::exception& e) {
      GTEST_FAIL() << e.what();
    }
  }

  void TearDown() override {
    if (!m_environment) {
      return;
    }
    for (const std::string& problem : m_environment->cleanup()) {
      ADD_FAILURE() << "specmesh::testing clean-up: " << problem;
    }
    m_environment.reset();
  }

  /// The running environment; only valid between SetUp and TearDown (i.e. inside tests).
  LocalEnvironment& environment() { return m_environment.value(); }

  /// The executed plan of each spec, in the order given.
  const std::vector<plan::Plan>& plans() const { return m_plans; }

private:
  std::vector<SpecToProvision> m_specs;
  LocalEnvironmentOptions m_options;
  std::optional<LocalEnvironment> m_environment;
  std::vector<plan::Plan> m_plans;
};

} // namespace specmesh::testing
