// The S3 adapter's signed requests against the local SeaweedFS, which refuses any request
// whose signature it cannot verify: bucket and object writes and reads as the admin with an
// encoded key and a query, and the refusals a wrong or missing signature gets.
#include "s3/lifecycle.hpp"
#include "s3_clients.hpp"

#include <gtest/gtest.h>

namespace specmesh::itest {
namespace {

using s3::S3Request;
using s3::SignedClient;

class SignedClientTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(local_env().problem, "");
    const http::Response created =
        answer(m_admin.send({.method = http::Method::put, .path = "/" + m_bucket}));
    ASSERT_EQ(created.status, 200) << created.body;
  }

  void TearDown() override {
    for (const std::string& key : m_keys) {
      m_admin.send({.method = http::Method::del, .path = "/" + m_bucket + "/" + key});
    }
    const http::Response deleted =
        answer(m_admin.send({.method = http::Method::del, .path = "/" + m_bucket}));
    EXPECT_EQ(deleted.status, 204) << deleted.body;
  }

  http::Response put_object(const std::string& key, const std::string& body) {
    m_keys.push_back(key);
    return answer(m_admin.send(
        {.method = http::Method::put, .path = "/" + m_bucket + "/" + key, .body = body}));
  }

  SignedClient m_admin = s3_admin();
  std::string m_bucket = "itest-" + random_hex(10);
  std::vector<std::string> m_keys;
};

TEST_F(SignedClientTest, TheAdminWritesListsAndReadsAnObjectWithAnEncodedKey) {
  const std::string key = "_public/exports/2026 12/orders$1.json";
  const http::Response put = put_object(key, R"({"id": 1})");
  ASSERT_EQ(put.status, 200) << put.body;

  const http::Response got = answer(m_admin.send({.path = "/" + m_bucket + "/" + key}));
  EXPECT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, R"({"id": 1})");

  const http::Response listed = answer(m_admin.send(
      {.path = "/" + m_bucket, .query = {{"list-type", "2"}, {"prefix", "_public/exports/"}}}));
  EXPECT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find("<Key>" + key + "</Key>"), std::string::npos) << listed.body;
  EXPECT_NE(listed.body.find("<KeyCount>1</KeyCount>"), std::string::npos) << listed.body;
}

TEST_F(SignedClientTest, AWrongSecretIsRefused) {
  ASSERT_EQ(put_object("_private/x", "x").status, 200);
  SignedClient forger = s3_client_as(local_env().s3.admin_access_key, "not-the-secret");
  const http::Response refused = answer(forger.send({.path = "/" + m_bucket + "/_private/x"}));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("SignatureDoesNotMatch"), std::string::npos) << refused.body;
}

TEST_F(SignedClientTest, AnUnsignedRequestIsRefused) {
  ASSERT_EQ(put_object("_public/x", "x").status, 200);
  http::Client anonymous(http::ClientOptions{.base_url = local_env().s3.endpoint});
  const http::Response refused = answer(anonymous.send({.path = "/" + m_bucket + "/_public/x"}));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("AccessDenied"), std::string::npos) << refused.body;
}

TEST_F(SignedClientTest, ADomainUserHasNoAccessWithoutAPolicy) {
  ASSERT_EQ(put_object("_public/x", "x").status, 200);
  const std::string user = "acme.stranger";
  SignedClient stranger = s3_client_of(user);
  const http::Response refused = answer(stranger.send({.path = "/" + m_bucket + "/_public/x"}));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("AccessDenied"), std::string::npos) << refused.body;
}

TEST_F(SignedClientTest, LifecycleRulesReadBackAsTheSameItems) {
  const std::vector<plan::StorageItem> rules{{.kind = plan::StorageKind::lifecycle,
                                              .bucket = m_bucket,
                                              .prefix = "_private/scratch",
                                              .expiration_days = 1},
                                             {.kind = plan::StorageKind::lifecycle,
                                              .bucket = m_bucket,
                                              .prefix = "_public/exports",
                                              .expiration_days = 30}};
  const http::Response put = answer(m_admin.send({.method = http::Method::put,
                                                  .path = "/" + m_bucket,
                                                  .query = {{"lifecycle", ""}},
                                                  .body = s3::lifecycle_document(rules)}));
  ASSERT_EQ(put.status, 200) << put.body;
  const http::Response got =
      answer(m_admin.send({.path = "/" + m_bucket, .query = {{"lifecycle", ""}}}));
  ASSERT_EQ(got.status, 200) << got.body;
  const Result<s3::ReadLifecycle> read = s3::read_lifecycle(m_bucket, got.body);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->rules, rules) << got.body;
  EXPECT_TRUE(read->foreign.empty()) << got.body;
}

} // namespace
} // namespace specmesh::itest
