// Specs shared by the plan tests, written from the behaviour contract.
#pragma once

#include <specmesh/plan/resources.hpp>
#include <specmesh/spec/load.hpp>

#include <gtest/gtest.h>

namespace specmesh::plan::testing {

/// An ALLOW grant of `operation` on the literal topic `topic` to `principal`, any host.
inline AclBinding topic_grant(const std::string& topic,
                              const std::string& principal,
                              AclOperation operation = AclOperation::read) {
  return {ResourceType::topic,
          topic,
          PatternType::literal,
          principal,
          "*",
          operation,
          AclPermission::allow};
}

inline spec::ApiSpec load(const std::string& text, const spec::NamingOptions& naming = {}) {
  Result<spec::ApiSpec> spec = spec::load_string(text, "spec.yaml", naming);
  if (!spec) {
    ADD_FAILURE() << "spec did not load: " << spec.error().diagnostics.at(0).to_string();
    return {};
  }
  return *spec;
}

/// Marker-based visibility: 3 owned topics, one grant, a foreign subscription (14 ACLs).
inline constexpr const char* k_marker_spec = R"(
id: urn:london.hammersmith.olympia.bigdatalondon
channels:
  _public.attendee:
    bindings: {kafka: {partitions: 10}}
    publish: {operationId: a}
  _protected.retail.subway.food.purchase:
    bindings: {kafka: {}}
    publish: {operationId: b, tags: [{name: "grant-access:some.other.domain.root"}]}
  _private.retail.subway.customers:
    bindings: {kafka: {}}
    publish: {operationId: c}
  london.hammersmith.transport._public.tube:
    subscribe: {operationId: d}
)";

/// Tag-only visibility (Part B §9.3 case 11).
inline constexpr const char* k_tag_spec = R"(
id: urn:london.hammersmith.olympia.bigdatalondon
channels:
  attendee:
    bindings: {kafka: {}}
    publish: {operationId: a, tags: [{name: "grant-access:_public"}]}
  retail.subway.food.purchase:
    bindings: {kafka: {}}
    publish: {operationId: b, tags: [{name: "grant-access:some.other.domain.root"}]}
  retail.subway.customers:
    bindings: {kafka: {}}
    publish: {operationId: c}
)";

} // namespace specmesh::plan::testing
