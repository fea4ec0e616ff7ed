// plan::AclBinding <-> librdkafka's AclBinding: the ACL vocabulary of both sides and which of
// librdkafka's kinds specmesh manages. Private to src/kafka.
#pragma once

#include "handles.hpp"

#include <specmesh/error.hpp>
#include <specmesh/plan/resources.hpp>

#include <optional>

namespace specmesh::kafka {

/// What librdkafka builds from an AclBinding: the binding itself (CreateAcls) or a filter that
/// matches exactly that binding (DeleteAcls).
enum class AclForm { binding, exact_filter };

/// `acl` in librdkafka's form, or why librdkafka refused to build it (an `invalid_input` error
/// naming the ACL; a TRANSACTIONAL_ID ACL on a librdkafka older than 2.6 says so).
Result<AclBindingHandle> to_rd_acl(const plan::AclBinding& acl, AclForm form);

/// A librdkafka binding in our vocabulary, or nothing for kinds specmesh does not manage or
/// this librdkafka cannot name (DELEGATION_TOKEN, USER, and with 2.0.2 TRANSACTIONAL_ID
/// resources, which it reports as UNKNOWN; operations it does not know; ANY and MATCH).
std::optional<plan::AclBinding> from_rd_acl(const rd_kafka_AclBinding_t* acl);

} // namespace specmesh::kafka
