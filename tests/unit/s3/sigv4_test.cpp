// The signer against AWS's published vectors: the Signature Version 4 test suite
// (AKIDEXAMPLE, service "service") and the worked examples of the S3 API reference
// ("Signature Calculations for the Authorization Header").
#include <specmesh/s3/sigv4.hpp>
#include <specmesh/text.hpp>

#include <gtest/gtest.h>

namespace specmesh::s3 {
namespace {

constexpr std::string_view k_empty_sha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const Credentials k_suite{.access_key = "AKIDEXAMPLE",
                          .secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const Scope k_suite_scope{.region = "us-east-1", .service = "service"};

SignableRequest suite_request(std::string method,
                              std::vector<std::pair<std::string, std::string>> query = {}) {
  return {.method = std::move(method),
          .path = "/",
          .query = std::move(query),
          .headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}},
          .payload_sha256 = std::string(k_empty_sha256)};
}

const Credentials k_s3_docs{.access_key = "AKIAIOSFODNN7EXAMPLE",
                            .secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
const Scope k_s3{.region = "us-east-1", .service = "s3"};

SignableRequest s3_docs_get(std::string path,
                            std::vector<std::pair<std::string, std::string>> query) {
  return {.method = "GET",
          .path = std::move(path),
          .query = std::move(query),
          .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                      {"x-amz-content-sha256", std::string(k_empty_sha256)},
                      {"x-amz-date", "20130524T000000Z"}},
          .payload_sha256 = std::string(k_empty_sha256)};
}

TEST(SigV4Test, GetVanilla) {
  const Signature signed_request =
      sign(suite_request("GET"), k_suite, k_suite_scope, "20150830T123600Z");
  EXPECT_EQ(signed_request.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n"
                + std::string(k_empty_sha256));
  EXPECT_EQ(signed_request.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4Test, GetVanillaQueryOrderKeyCase) {
  const Signature signed_request =
      sign(suite_request("GET", {{"Param2", "value2"}, {"Param1", "value1"}}),
           k_suite,
           k_suite_scope,
           "20150830T123600Z");
  EXPECT_NE(signed_request.canonical_request.find("\nParam1=value1&Param2=value2\n"),
            std::string::npos)
      << signed_request.canonical_request;
  EXPECT_EQ(signed_request.signature,
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Test, PostVanilla) {
  EXPECT_EQ(sign(suite_request("POST"), k_suite, k_suite_scope, "20150830T123600Z").signature,
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4Test, S3GetObjectWithRange) {
  SignableRequest request = s3_docs_get("/test.txt", {});
  request.headers.emplace_back("Range", "bytes=0-9");
  const Signature signed_request = sign(request, k_s3_docs, k_s3, "20130524T000000Z");
  EXPECT_EQ(signed_request.string_to_sign,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(signed_request.signature,
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4Test, S3PutObjectWithAPayloadAndAnEncodedKey) {
  const std::string payload = sha256_hex("Welcome to Amazon S3.");
  ASSERT_EQ(payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  const SignableRequest request{.method = "PUT",
                                .path = "/" + percent_encode("test$file.text", true),
                                .query = {},
                                .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                                            {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                                            {"x-amz-date", "20130524T000000Z"},
                                            {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                                            {"x-amz-content-sha256", payload}},
                                .payload_sha256 = payload};
  const Signature signed_request = sign(request, k_s3_docs, k_s3, "20130524T000000Z");
  EXPECT_EQ(request.path, "/test%24file.text");
  EXPECT_NE(signed_request.authorization.find(
                "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"),
            std::string::npos)
      << signed_request.authorization;
  EXPECT_EQ(signed_request.signature,
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4Test, S3ValuelessQueryParameter) {
  const Signature signed_request =
      sign(s3_docs_get("/", {{"lifecycle", ""}}), k_s3_docs, k_s3, "20130524T000000Z");
  EXPECT_EQ(sha256_hex(signed_request.canonical_request),
            "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca");
  EXPECT_EQ(signed_request.signature,
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4Test, S3ListObjectsSortsTheQuery) {
  const Signature signed_request = sign(
      s3_docs_get("/", {{"prefix", "J"}, {"max-keys", "2"}}), k_s3_docs, k_s3, "20130524T000000Z");
  EXPECT_EQ(sha256_hex(signed_request.canonical_request),
            "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
  EXPECT_EQ(signed_request.signature,
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndRepeatedHeadersJoined) {
  SignableRequest request = suite_request("GET");
  request.headers.emplace_back("My-Header1", "  a   b   c  ");
  request.headers.emplace_back("my-header2", "one");
  request.headers.emplace_back("MY-HEADER2", "two");
  const std::string canonical =
      sign(request, k_suite, k_suite_scope, "20150830T123600Z").canonical_request;
  EXPECT_NE(canonical.find("\nmy-header1:a b c\nmy-header2:one,two\n"), std::string::npos)
      << canonical;
  EXPECT_NE(canonical.find("\nhost;my-header1;my-header2;x-amz-date\n"), std::string::npos)
      << canonical;
}

TEST(SigV4Test, QueryNamesAndValuesAreEncoded) {
  const std::string canonical =
      sign(suite_request("GET", {{"prefix", "_public/a b"}, {"list-type", "2"}}),
           k_suite,
           k_suite_scope,
           "20150830T123600Z")
          .canonical_request;
  EXPECT_NE(canonical.find("\nlist-type=2&prefix=_public%2Fa%20b\n"), std::string::npos)
      << canonical;
}

TEST(SigV4Test, CanonicalQuerySortsTheEncodedNames) {
  // '/' sorts after '-' as itself but before it encoded ('%2F'): the encoded form decides.
  EXPECT_EQ(canonical_query({{"a-", "1"}, {"a/", "2"}, {"lifecycle", ""}}),
            "a%2F=2&a-=1&lifecycle=");
  EXPECT_EQ(canonical_query({}), "");
}

TEST(SigV4Test, AmzDateIsUtcToTheSecond) {
  const std::chrono::sys_days day = std::chrono::year(2015) / 8 / 30;
  EXPECT_EQ(amz_date(day + std::chrono::hours(12) + std::chrono::minutes(36)
                     + std::chrono::milliseconds(999)),
            "20150830T123600Z");
}

TEST(SigV4Test, TheSecretIsNotInAnythingItReturns) {
  const Signature signed_request =
      sign(suite_request("GET"), k_suite, k_suite_scope, "20150830T123600Z");
  for (const std::string& text : {signed_request.canonical_request,
                                  signed_request.string_to_sign,
                                  signed_request.authorization}) {
    EXPECT_EQ(text.find(k_suite.secret_key), std::string::npos) << text;
  }
}

} // namespace
} // namespace specmesh::s3
