// A bucket's lifecycle items as S3's LifecycleConfiguration XML and back. Pure. specmesh's rules
// have the ID `specmesh:<prefix>`, filter on `<prefix>/` and expire after so many days; other
// rules are kept as they are.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/storage.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace specmesh::s3 {

/// The LifecycleConfiguration document for `rules` (items of kind lifecycle), after the
/// `foreign` rules (each a `<Rule>` element as read_lifecycle returned it).
std::string lifecycle_document(const std::vector<plan::StorageItem>& rules,
                               const std::vector<std::string>& foreign = {});

struct ReadLifecycle {
  std::vector<plan::StorageItem> rules; ///< sorted by prefix
  std::vector<std::string> foreign;     ///< the `<Rule>` elements specmesh did not write
};

/// The lifecycle items of `bucket` in a GetBucketLifecycleConfiguration answer. A rule of ours
/// that is disabled or has no expiration in days is no rule.
Result<ReadLifecycle> read_lifecycle(std::string_view bucket, std::string_view xml);

} // namespace specmesh::s3
