// The storage kind: a domain's bucket, who may read and write which prefix of it, and the
// lifecycle rules on its prefixes (docs/storage.md). Values shared by the desired state, the
// observed state, the plan and the object-storage port.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/naming.hpp>

#include <compare>
#include <string>
#include <vector>

namespace specmesh::plan {

enum class StorageKind {
  bucket,   ///< the domain's bucket itself
  access,   ///< who reads (and lists) a prefix, or the whole bucket, and who writes it
  lifecycle ///< objects under a prefix expire after so many days
};

/// "bucket", "access", "lifecycle".
const char* to_string(StorageKind kind);

struct StorageItem {
  StorageKind kind = StorageKind::bucket;
  std::string bucket;
  std::string prefix;               ///< `_public/exports`; empty: the whole bucket
  std::vector<std::string> readers; ///< access: the principals that read and list, sorted
  std::vector<std::string> writers; ///< access: the principals that also write, sorted
  int expiration_days = 0;          ///< lifecycle

  /// The bucket, or `bucket/prefix` for a prefix's access and rules.
  std::string name() const;

  friend auto operator<=>(const StorageItem&, const StorageItem&) =
      default; // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads defaulted <=>
};

/// What a prefix (or the whole bucket) holds: what clean-up would leave behind.
struct PrefixUsage {
  long long objects = 0;
  long long bytes = 0;

  friend bool operator==(const PrefixUsage&, const PrefixUsage&) = default;
};

/// How domains map onto the storage server's names: the bucket and the principals.
struct StorageNaming {
  /// `{domain}` is the domain id as it is; `{domain-s3}` is the id made a valid bucket name
  /// (lower case, '_' -> '-').
  std::string bucket_template = "{domain}";
  /// The principal a domain's keys authenticate as; `{domain}` is the domain id.
  std::string principal_template = "arn:aws:iam::000000000000:user/{domain}";
  /// Every authenticated principal of the mesh, the readers of a public prefix. Never anonymous.
  std::string mesh_principal = "arn:aws:iam::000000000000:user/*";

  friend bool operator==(const StorageNaming&, const StorageNaming&) = default;
};

/// The bucket `naming` gives `domain`; fails with invalid_input for a template without the
/// domain in it, and with invalid_spec (and the template hint) for a name S3 would refuse.
Result<std::string> bucket_for(std::string_view domain, const StorageNaming& naming);

/// The principal of `domain` under `naming.principal_template`.
std::string storage_principal(std::string_view domain, const StorageNaming& naming);

/// What `spec.storage` stands for, sorted by name then kind: the bucket; the owner reading and
/// writing all of it; each public prefix read by the mesh, each protected one by its grantees;
/// each expiration a lifecycle rule. Nothing when the spec declares no storage. Fails, at the
/// spec's `x-specmesh-storage`, when the bucket name is not one S3 allows.
Result<std::vector<StorageItem>> desired_storage(const spec::ApiSpec& spec,
                                                 const spec::NamingOptions& naming,
                                                 const StorageNaming& storage);

} // namespace specmesh::plan
