#include <specmesh/plan/storage.hpp>
#include <specmesh/spec/naming.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace specmesh::plan {

using spec::k_grant_prefix;

namespace {

constexpr std::string_view k_domain = "{domain}";
constexpr std::string_view k_domain_s3 = "{domain-s3}";

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

/// The domain id as a bucket name could hold it: lower case, '_' as '-'.
std::string s3_safe(std::string_view domain) {
  std::string out = lower_ascii(domain);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string expand(std::string_view bucket_template, std::string_view domain) {
  std::string out(bucket_template);
  replace_all(out, k_domain_s3, s3_safe(domain));
  replace_all(out, k_domain, domain);
  return out;
}

std::vector<std::string> sorted(const std::set<std::string>& values) {
  return {values.begin(), values.end()};
}

} // namespace

const char* to_string(StorageKind kind) {
  switch (kind) {
  case StorageKind::bucket:
    return "bucket";
  case StorageKind::access:
    return "access";
  case StorageKind::lifecycle:
    return "lifecycle";
  }
  return "?";
}

std::string StorageItem::name() const {
  return prefix.empty() ? bucket : bucket + "/" + prefix;
}

Result<std::string> bucket_for(std::string_view domain, const StorageNaming& naming) {
  if (naming.bucket_template.find(k_domain) == std::string::npos
      && naming.bucket_template.find(k_domain_s3) == std::string::npos) {
    return fail(ErrorCode::invalid_input,
                fmt::format("--s3-bucket-template '{}' must contain {{domain}} or {{domain-s3}}: "
                            "each domain needs a bucket of its own",
                            naming.bucket_template));
  }
  std::string bucket = expand(naming.bucket_template, domain);
  if (const std::string problem = spec::bucket_name_problem(bucket); !problem.empty()) {
    std::string hint;
    if (const std::string safe = expand(k_domain_s3, domain);
        naming.bucket_template.find(k_domain) != std::string::npos
        && spec::bucket_name_problem(safe).empty()) {
      hint = fmt::format("; --s3-bucket-template '{{domain-s3}}' would give '{}'", safe);
    } else {
      hint = "; choose one with --s3-bucket-template, e.g. 'acme-prod-{domain-s3}'";
    }
    return fail(ErrorCode::invalid_spec,
                fmt::format("the bucket of domain '{}' would be '{}', which {}{}",
                            domain,
                            spec::printable(bucket),
                            problem,
                            hint));
  }
  return bucket;
}

std::string storage_principal(std::string_view domain, const StorageNaming& naming) {
  std::string out = naming.principal_template;
  replace_all(out, k_domain, domain);
  return out;
}

Result<std::vector<StorageItem>> desired_storage(const spec::ApiSpec& spec,
                                                 const spec::NamingOptions& naming,
                                                 const StorageNaming& storage) {
  std::vector<StorageItem> items;
  if (spec.storage.empty()) {
    return items;
  }
  const Result<std::string> bucket = bucket_for(spec.domain, storage);
  if (!bucket && bucket.error().code != ErrorCode::invalid_spec) {
    return tl::unexpected(bucket.error());
  }
  if (!bucket) {
    Error error{ErrorCode::invalid_spec,
                fmt::format("spec '{}' has 1 problem", spec.file),
                {{spec.where_storage, bucket.error().message}}};
    return tl::unexpected(std::move(error));
  }
  const std::string owner = storage_principal(spec.domain, storage);
  items.push_back({.kind = StorageKind::bucket, .bucket = *bucket});
  items.push_back(
      {.kind = StorageKind::access, .bucket = *bucket, .readers = {owner}, .writers = {owner}});
  for (const spec::StoragePrefix& prefix : spec.storage) {
    std::set<std::string> readers;
    const auto visibility = spec::storage_visibility(prefix.path, naming);
    if (visibility == spec::Visibility::public_) {
      readers.insert(storage.mesh_principal);
    } else if (visibility == spec::Visibility::protected_) {
      for (const spec::Tag& tag : prefix.tags) {
        if (tag.name.starts_with(k_grant_prefix)) {
          readers.insert(storage_principal(tag.name.substr(k_grant_prefix.size()), storage));
        }
      }
    }
    if (!readers.empty()) {
      items.push_back({.kind = StorageKind::access,
                       .bucket = *bucket,
                       .prefix = prefix.path,
                       .readers = sorted(readers)});
    }
    if (prefix.expiration_days) {
      items.push_back({.kind = StorageKind::lifecycle,
                       .bucket = *bucket,
                       .prefix = prefix.path,
                       .expiration_days = *prefix.expiration_days});
    }
  }
  std::sort(items.begin(), items.end(), [](const StorageItem& a, const StorageItem& b) {
    return std::pair(a.name(), a.kind) < std::pair(b.name(), b.kind);
  });
  return items;
}

} // namespace specmesh::plan
