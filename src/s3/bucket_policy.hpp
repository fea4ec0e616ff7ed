// A bucket's access items as S3 bucket-policy statements and back (docs/storage.md). Pure. Each
// item is up to three statements, told apart by their Sid: "SpecmeshRead…" (GetObject on the
// prefix), "SpecmeshList…" (ListBucket with s3:prefix on it) and "SpecmeshWrite…" (the object
// writes). Statements specmesh did not write are kept as they are.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/storage.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace specmesh::s3 {

/// The policy document for `access` (items of kind access on `bucket`), with `foreign`
/// statements first, as they were.
nlohmann::json policy_document(std::string_view bucket,
                               const std::vector<plan::StorageItem>& access,
                               const nlohmann::json& foreign = nlohmann::json::array());

struct ReadPolicy {
  std::vector<plan::StorageItem> access;            ///< sorted by prefix
  nlohmann::json foreign = nlohmann::json::array(); ///< the statements specmesh did not write
};

/// What a policy document (as the server returns it: one-item lists may be plain strings) grants
/// through specmesh's statements. A prefix's readers are those who may both read and list it.
Result<ReadPolicy> read_policy(std::string_view bucket, std::string_view text);

} // namespace specmesh::s3
