#include "kind_rendering.hpp"

namespace specmesh::apply {

TextSection text_section(const plan::Changes<plan::AclBinding>& /*changes*/) {
  return {"ACLs", {"RESOURCE", "NAME", "PATTERN", "PRINCIPAL", "OPERATION"}};
}

TextRow text_row(const plan::AclChange& change) {
  const plan::AclBinding& acl = change.resource;
  return {to_string(acl.resource_type),
          acl.resource_name,
          to_string(acl.pattern_type),
          acl.principal,
          to_string(acl.operation)};
}

const char* json_key(const plan::Changes<plan::AclBinding>& /*changes*/) {
  return "acls";
}

nlohmann::ordered_json to_json(const plan::AclChange& change) {
  const plan::AclBinding& acl = change.resource;
  return {{"name", acl.name()},
          {"state", state_word(change.action, change.outcome)},
          {"resourceType", to_string(acl.resource_type)},
          {"resourceName", acl.resource_name},
          {"patternType", to_string(acl.pattern_type)},
          {"principal", acl.principal},
          {"host", acl.host},
          {"operation", to_string(acl.operation)},
          {"permissionType", to_string(acl.permission)},
          {"exception", json_exception(change.outcome)}};
}

} // namespace specmesh::apply
