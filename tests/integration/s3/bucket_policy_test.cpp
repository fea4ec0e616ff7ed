// The access matrix of docs/storage.md, enforced by the local SeaweedFS: the policy specmesh
// writes for specs/good/storage.yaml, checked with each domain's own signed requests, and read
// back from the server's normalised form as the same access items.
#include "s3/bucket_policy.hpp"
#include "s3_clients.hpp"

#include <specmesh/plan/desired.hpp>
#include <specmesh/spec/load.hpp>

#include <gtest/gtest.h>

namespace specmesh::itest {
namespace {

using s3::SignedClient;

long status(const http::Outcome& outcome) {
  return answer(outcome).status;
}

class BucketPolicyTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(local_env().problem, "");
    plan::DesiredOptions options;
    options.storage.bucket_template = "itest-" + random_hex(8) + "-{domain}";
    Result<spec::ApiSpec> spec =
        spec::load_file(std::string(SPECMESH_TEST_DATA) + "/specs/good/storage.yaml");
    ASSERT_TRUE(spec.has_value()) << spec.error().message;
    Result<plan::DesiredState> desired = plan::desired_state(*spec, {}, options);
    ASSERT_TRUE(desired.has_value()) << desired.error().message;
    m_bucket = desired->bucket;
    for (const plan::StorageItem& item : desired->storage) {
      if (item.kind == plan::StorageKind::access) {
        m_access.push_back(item);
      }
    }
    ASSERT_EQ(status(m_admin.send({.method = http::Method::put, .path = "/" + m_bucket})), 200);
    for (const std::string& key : k_keys) {
      ASSERT_EQ(
          status(m_admin.send({.method = http::Method::put, .path = object(key), .body = key})),
          200);
    }
    const http::Response put =
        answer(m_admin.send({.method = http::Method::put,
                             .path = "/" + m_bucket,
                             .query = {{"policy", ""}},
                             .body = s3::policy_document(m_bucket, m_access).dump()}));
    ASSERT_EQ(put.status, 204) << put.body;
  }

  void TearDown() override {
    for (const std::string& key : m_written) {
      m_admin.send({.method = http::Method::del, .path = object(key)});
    }
    for (const std::string& key : k_keys) {
      m_admin.send({.method = http::Method::del, .path = object(key)});
    }
    m_admin.send({.method = http::Method::del, .path = "/" + m_bucket, .query = {{"policy", ""}}});
    EXPECT_EQ(status(m_admin.send({.method = http::Method::del, .path = "/" + m_bucket})), 204);
  }

  std::string object(const std::string& key) const { return "/" + m_bucket + "/" + key; }

  long get(SignedClient& client, const std::string& key) {
    return status(client.send({.path = object(key)}));
  }

  long list(SignedClient& client, const std::string& prefix) {
    return status(
        client.send({.path = "/" + m_bucket, .query = {{"list-type", "2"}, {"prefix", prefix}}}));
  }

  long put(SignedClient& client, const std::string& key) {
    m_written.push_back(key);
    return status(client.send({.method = http::Method::put, .path = object(key), .body = "x"}));
  }

  static inline const std::vector<std::string> k_keys{
      "_public/exports/a.json", "_protected/settlements/b.json", "_private/scratch/c.json"};
  SignedClient m_admin = s3_admin();
  std::string m_bucket;
  std::vector<plan::StorageItem> m_access;
  std::vector<std::string> m_written;
};

TEST_F(BucketPolicyTest, TheOwnerReadsAndWritesEveryPrefix) {
  SignedClient owner = s3_client_of("acme.shop");
  for (const std::string& key : k_keys) {
    EXPECT_EQ(get(owner, key), 200) << key;
  }
  EXPECT_EQ(list(owner, ""), 200);
  EXPECT_EQ(put(owner, "_private/scratch/new.json"), 200);
  EXPECT_EQ(put(owner, "_public/exports/new.json"), 200);
}

TEST_F(BucketPolicyTest, AStrangerReadsAndListsOnlyThePublicPrefix) {
  SignedClient stranger = s3_client_of("acme.stranger");
  EXPECT_EQ(get(stranger, "_public/exports/a.json"), 200);
  EXPECT_EQ(list(stranger, "_public/exports/"), 200);
  EXPECT_EQ(get(stranger, "_protected/settlements/b.json"), 403);
  EXPECT_EQ(get(stranger, "_private/scratch/c.json"), 403);
  EXPECT_EQ(list(stranger, "_protected/settlements/"), 403);
  EXPECT_EQ(list(stranger, ""), 403);
  EXPECT_EQ(put(stranger, "_public/exports/x.json"), 403);
}

TEST_F(BucketPolicyTest, TheGranteeReadsTheProtectedPrefixButWritesNothing) {
  SignedClient finance = s3_client_of("acme.finance");
  EXPECT_EQ(get(finance, "_protected/settlements/b.json"), 200);
  EXPECT_EQ(list(finance, "_protected/settlements/"), 200);
  EXPECT_EQ(get(finance, "_private/scratch/c.json"), 403);
  EXPECT_EQ(put(finance, "_protected/settlements/x.json"), 403);
}

TEST_F(BucketPolicyTest, UnsignedRequestsAreRefusedEverywhere) {
  http::Client anonymous(http::ClientOptions{.base_url = local_env().s3.endpoint});
  for (const std::string& key : k_keys) {
    EXPECT_EQ(status(anonymous.send({.path = object(key)})), 403) << key;
  }
}

TEST_F(BucketPolicyTest, ThePolicyReadsBackAsTheSameAccessItems) {
  const http::Response got =
      answer(m_admin.send({.path = "/" + m_bucket, .query = {{"policy", ""}}}));
  ASSERT_EQ(got.status, 200) << got.body;
  const Result<s3::ReadPolicy> read = s3::read_policy(m_bucket, got.body);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->access, m_access);
  EXPECT_TRUE(read->foreign.empty()) << read->foreign.dump();
}

} // namespace
} // namespace specmesh::itest
