#include "bucket_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

namespace specmesh::s3 {

namespace {

using nlohmann::json;

constexpr std::string_view k_sid_prefix = "Specmesh";
constexpr std::string_view k_read = "SpecmeshRead";
constexpr std::string_view k_list = "SpecmeshList";
constexpr std::string_view k_write = "SpecmeshWrite";

/// FNV-1a of the prefix: a Sid must be unique in its policy and only letters and digits.
std::string sid(std::string_view kind, std::string_view prefix) {
  constexpr std::uint32_t k_offset = 2166136261U;
  constexpr std::uint32_t k_prime = 16777619U;
  std::uint32_t hash = k_offset;
  for (const char c : prefix) {
    hash = (hash ^ static_cast<unsigned char>(c)) * k_prime;
  }
  return fmt::format("{}{:08x}", kind, hash);
}

std::string bucket_arn(std::string_view bucket) {
  return fmt::format("arn:aws:s3:::{}", bucket);
}

/// `prefix/` as an object-key prefix; "" for the whole bucket.
std::string key_prefix(std::string_view prefix) {
  return prefix.empty() ? std::string() : std::string(prefix) + "/";
}

std::string objects_arn(std::string_view bucket, std::string_view prefix) {
  return fmt::format("{}/{}*", bucket_arn(bucket), key_prefix(prefix));
}

json statement(const std::string& id,
               const std::vector<std::string>& principals,
               const std::vector<std::string>& actions,
               const std::string& resource) {
  return {{"Sid", id},
          {"Effect", "Allow"},
          {"Principal", {{"AWS", principals}}},
          {"Action", actions},
          {"Resource", json::array({resource})}};
}

/// A string or a list of strings, as a sorted list; the server may write a one-item list as a
/// plain string.
std::vector<std::string> strings(const json& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const json& item : value) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The prefix an object ARN `arn:aws:s3:::bucket/prefix/*` covers, or nullopt for another
/// bucket's or another shape.
std::optional<std::string> prefix_of_objects(std::string_view bucket, std::string_view arn) {
  const std::string start = bucket_arn(bucket) + "/";
  if (!arn.starts_with(start) || !arn.ends_with('*')) {
    return std::nullopt;
  }
  std::string_view key = arn.substr(start.size(), arn.size() - start.size() - 1);
  if (key.ends_with('/')) {
    key.remove_suffix(1);
  }
  return std::string(key);
}

/// The prefix a ListBucket statement's `s3:prefix` condition allows ("" when it has none).
std::optional<std::string> prefix_of_listing(std::string_view bucket, const json& statement) {
  if (strings(statement.value("Resource", json()))
      != std::vector<std::string>{bucket_arn(bucket)}) {
    return std::nullopt;
  }
  if (!statement.contains("Condition")) {
    return std::string();
  }
  const std::vector<std::string> allowed = strings(
      statement["Condition"].value("StringLike", json::object()).value("s3:prefix", json()));
  if (allowed.size() != 1 || !allowed[0].ends_with("/*")) {
    return std::nullopt;
  }
  return allowed[0].substr(0, allowed[0].size() - 2);
}

std::vector<std::string> intersection(const std::vector<std::string>& a,
                                      const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

} // namespace

json policy_document(std::string_view bucket,
                     const std::vector<plan::StorageItem>& access,
                     const json& foreign) {
  json statements = foreign.is_array() ? foreign : json::array();
  for (const plan::StorageItem& item : access) {
    statements.push_back(statement(sid(k_read, item.prefix),
                                   item.readers,
                                   {"s3:GetObject"},
                                   objects_arn(bucket, item.prefix)));
    json list =
        statement(sid(k_list, item.prefix), item.readers, {"s3:ListBucket"}, bucket_arn(bucket));
    if (!item.prefix.empty()) {
      list["Condition"] = {
          {"StringLike", {{"s3:prefix", json::array({key_prefix(item.prefix) + "*"})}}}};
    }
    statements.push_back(std::move(list));
    if (!item.writers.empty()) {
      statements.push_back(statement(sid(k_write, item.prefix),
                                     item.writers,
                                     {"s3:PutObject",
                                      "s3:DeleteObject",
                                      "s3:AbortMultipartUpload",
                                      "s3:ListMultipartUploadParts"},
                                     objects_arn(bucket, item.prefix)));
    }
  }
  return {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

Result<ReadPolicy> read_policy(std::string_view bucket, std::string_view text) {
  const json document = json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return fail(ErrorCode::internal,
                fmt::format("the policy of bucket '{}' is not a JSON object", bucket));
  }
  json statements = document.value("Statement", json::array());
  if (statements.is_object()) {
    statements = json::array({statements});
  }
  struct Grants {
    std::optional<std::vector<std::string>> read;
    std::optional<std::vector<std::string>> list;
    std::vector<std::string> write;
  };
  std::map<std::string, Grants> by_prefix;
  ReadPolicy out;
  for (const json& item : statements) {
    const std::string id = item.is_object() ? item.value("Sid", std::string()) : std::string();
    if (!id.starts_with(k_sid_prefix) || item.value("Effect", std::string()) != "Allow") {
      out.foreign.push_back(item);
      continue;
    }
    const std::vector<std::string> principals =
        strings(item.value("Principal", json::object()).value("AWS", json()));
    const std::vector<std::string> resources = strings(item.value("Resource", json()));
    if (id.starts_with(k_list)) {
      if (const auto prefix = prefix_of_listing(bucket, item)) {
        by_prefix[*prefix].list = principals;
      }
    } else if (resources.size() == 1) {
      if (const auto prefix = prefix_of_objects(bucket, resources[0])) {
        if (id.starts_with(k_write)) {
          by_prefix[*prefix].write = principals;
        } else if (id.starts_with(k_read)) {
          by_prefix[*prefix].read = principals;
        }
      }
    }
  }
  for (const auto& [prefix, grants] : by_prefix) {
    std::vector<std::string> readers = grants.read && grants.list
                                           ? intersection(*grants.read, *grants.list)
                                           : std::vector<std::string>{};
    if (readers.empty() && grants.write.empty()) {
      continue;
    }
    out.access.push_back({.kind = plan::StorageKind::access,
                          .bucket = std::string(bucket),
                          .prefix = prefix,
                          .readers = std::move(readers),
                          .writers = grants.write});
  }
  return out;
}

} // namespace specmesh::s3
