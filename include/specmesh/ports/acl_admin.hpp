// What the planner and executor need to read and change a Kafka cluster's ACLs, in the core's
// vocabulary. Never throws: failures come back as Errors with a coarse ErrorCode.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/resources.hpp>
#include <specmesh/ports/outcome.hpp>

#include <vector>

namespace specmesh::ports {

class AclAdmin {
public:
  virtual ~AclAdmin() = default;

  /// Every ACL binding on the cluster (one DescribeAcls request). Fails with code
  /// `unavailable` and a message saying so when the cluster has no authorizer.
  virtual Result<std::vector<plan::AclBinding>> describe_acls() = 0;

  /// One CreateAcls request.
  virtual std::vector<Outcome> create_acls(const std::vector<plan::AclBinding>& acls) = 0;

  /// One DeleteAcls request, each binding matched exactly (its own pattern type, principal,
  /// host, operation and permission), so nothing else is removed.
  virtual std::vector<Outcome> delete_acls(const std::vector<plan::AclBinding>& acls) = 0;
};

} // namespace specmesh::ports
