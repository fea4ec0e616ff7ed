#include "registry/errors.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace specmesh::registry {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class StatusCode : public ::testing::TestWithParam<std::tuple<long, ErrorCode>> {};

TEST_P(StatusCode, DecidesTheClassWhateverTheRegistryCode) {
  const auto [status, expected] = GetParam();
  EXPECT_EQ(to_error_code(status, 0), expected) << status;
  // A registry code that would mean something else does not override a telling status.
  EXPECT_EQ(to_error_code(status, 40401), expected) << status;
}

INSTANTIATE_TEST_SUITE_P(TellingStatuses,
                         StatusCode,
                         ::testing::Values(std::tuple{400L, ErrorCode::invalid_input},
                                           std::tuple{422L, ErrorCode::invalid_input},
                                           std::tuple{401L, ErrorCode::unauthorized},
                                           std::tuple{403L, ErrorCode::unauthorized},
                                           std::tuple{404L, ErrorCode::not_found},
                                           std::tuple{408L, ErrorCode::timeout},
                                           std::tuple{409L, ErrorCode::conflict},
                                           std::tuple{429L, ErrorCode::unavailable}));

TEST(ToErrorCode, ServerErrorsAreUnavailable) {
  EXPECT_EQ(to_error_code(500, 0), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(503, 0), ErrorCode::unavailable);
  EXPECT_EQ(to_error_code(599, 50001), ErrorCode::unavailable);
}

TEST(ToErrorCode, ConfluentsOperationTimeoutIsATimeoutEvenOnAServerError) {
  EXPECT_EQ(to_error_code(500, 50002), ErrorCode::timeout);
  EXPECT_EQ(to_error_code(504, 50002), ErrorCode::timeout);
}

TEST(ToErrorCode, TheRegistryCodeDecidesWhenTheStatusSaysNothing) {
  EXPECT_EQ(to_error_code(200, 40401), ErrorCode::not_found);
  EXPECT_EQ(to_error_code(200, 40403), ErrorCode::not_found);
  EXPECT_EQ(to_error_code(200, 40901), ErrorCode::conflict);
  EXPECT_EQ(to_error_code(200, 42201), ErrorCode::invalid_input);
  EXPECT_EQ(to_error_code(200, 40101), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(200, 40301), ErrorCode::unauthorized);
  EXPECT_EQ(to_error_code(200, 50001), ErrorCode::unavailable);
}

TEST(ToErrorCode, AnythingElseIsInternal) {
  EXPECT_EQ(to_error_code(200, 0), ErrorCode::internal);
  EXPECT_EQ(to_error_code(302, 0), ErrorCode::internal);
  EXPECT_EQ(to_error_code(418, 12345), ErrorCode::internal);
}

TEST(ParseProblem, ReadsConfluentsErrorCodeAndMessage) {
  const RegistryProblem problem = parse_problem(
      R"({"error_code": 40401, "message": "Subject 'acme.shop.a-value' not found."})");
  EXPECT_EQ(problem.error_code, 40401);
  EXPECT_EQ(problem.message, "Subject 'acme.shop.a-value' not found");
}

TEST(ParseProblem, ReadsApicuriosTitleOrDetail) {
  EXPECT_EQ(parse_problem(R"({"title": "Artifact not found", "status": 404})").message,
            "Artifact not found");
  EXPECT_EQ(
      parse_problem(R"({"title": "", "detail": "No artifact with ID 'x'", "status": 404})").message,
      "No artifact with ID 'x'");
  EXPECT_EQ(parse_problem(R"({"title": "Artifact not found", "status": 404})").error_code, 0);
}

TEST(ParseProblem, PrefersTheMessageToTheTitle) {
  EXPECT_EQ(parse_problem(R"({"title": "Conflict", "message": "Schema exists"})").message,
            "Schema exists");
}

TEST(ParseProblem, KeepsOnlyTheFirstLineTrimmed) {
  EXPECT_EQ(parse_problem(
                R"json({"message": "  Invalid schema  \n\tat io.confluent.Foo(Foo.java:1)"})json")
                .message,
            "Invalid schema");
  EXPECT_EQ(parse_problem(R"({"message": "first\r\nsecond"})").message, "first");
}

TEST(ParseProblem, DropsJavaExceptionNamesInFront) {
  EXPECT_EQ(parse_problem(R"({"message": "io.apicurio.registry.rules.RuleViolationException: )"
                          R"(Incompatible artifact: x [BACKWARD]"})")
                .message,
            "Incompatible artifact: x [BACKWARD]");
  EXPECT_EQ(
      parse_problem(R"({"message": "java.lang.RuntimeException: java.io.IOError: disk full"})")
          .message,
      "disk full");
}

TEST(ParseProblem, KeepsAPrefixThatIsNotAnExceptionName) {
  EXPECT_EQ(
      parse_problem(R"({"message": "Schema being registered is incompatible: reason"})").message,
      "Schema being registered is incompatible: reason");
  EXPECT_EQ(parse_problem(R"({"message": "Registry: down"})").message, "Registry: down");
}

TEST(ParseProblem, BoundsTheMessageLength) {
  const std::string long_text(1000, 'x');
  const RegistryProblem problem = parse_problem(R"({"message": ")" + long_text + R"("})");
  EXPECT_THAT(problem.message, StartsWith(std::string(400, 'x')));
  EXPECT_LE(problem.message.size(), 403u);
}

TEST(ParseProblem, ABodyThatIsNoProblemGivesNothing) {
  for (const char* body : {"", "<html>Bad Gateway</html>", "[1, 2]", R"("text")", "{}"}) {
    const RegistryProblem problem = parse_problem(body);
    EXPECT_EQ(problem.error_code, 0) << body;
    EXPECT_EQ(problem.message, "") << body;
  }
}

TEST(ParseProblem, IgnoresFieldsOfTheWrongType) {
  const RegistryProblem problem = parse_problem(R"({"error_code": "40401", "message": 42})");
  EXPECT_EQ(problem.error_code, 0);
  EXPECT_EQ(problem.message, "");
}

TEST(HttpError, NamesWhatFailedWithTheRegistrysMessageAndCode) {
  const Error error = http_error(
      "subject",
      "acme.shop.a-value",
      {.status = 404, .body = R"({"error_code": 40401, "message": "Subject not found."})"});
  EXPECT_EQ(error.code, ErrorCode::not_found);
  EXPECT_EQ(error.message, "subject 'acme.shop.a-value': Subject not found (error 40401)");
}

TEST(HttpError, FallsBackToTheHttpStatus) {
  const Error error = http_error("subject", "acme.shop.a-value", {.status = 502, .body = "<html>"});
  EXPECT_EQ(error.code, ErrorCode::unavailable);
  EXPECT_EQ(error.message, "subject 'acme.shop.a-value': HTTP 502 (error 502)");
}

TEST(HttpError, AnApicurioProblemCarriesTheHttpStatusAsItsNumber) {
  const Error error =
      http_error("compatibility of",
                 "acme.shop.a-value",
                 {.status = 409, .body = R"({"title": "Incompatible artifact", "status": 409})"});
  EXPECT_EQ(error.code, ErrorCode::conflict);
  EXPECT_EQ(error.message,
            "compatibility of 'acme.shop.a-value': Incompatible artifact (error 409)");
}

TEST(HttpError, UsesConfluentsTimeoutCode) {
  const Error error = http_error(
      "subject", "x", {.status = 500, .body = R"({"error_code": 50002, "message": "timed out"})"});
  EXPECT_EQ(error.code, ErrorCode::timeout);
}

const std::string k_url = "https://sr.example:8081";

TEST(TransportError, ExplainsAConnectionThatCouldNotBeMade) {
  for (const CURLcode code :
       {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY}) {
    const Error error = transport_error(k_url, {.code = code, .reason = "Connection refused"});
    EXPECT_EQ(error.code, ErrorCode::unavailable) << code;
    EXPECT_EQ(error.message,
              "schema registry 'https://sr.example:8081': cannot connect (Connection refused)")
        << code;
  }
}

TEST(TransportError, ATimeoutIsATimeout) {
  const Error error = transport_error(
      k_url, {.code = CURLE_OPERATION_TIMEDOUT, .reason = "Operation timed out after 30000 ms"});
  EXPECT_EQ(error.code, ErrorCode::timeout);
  EXPECT_EQ(error.message,
            "schema registry 'https://sr.example:8081': Operation timed out after 30000 ms");
}

TEST(TransportError, ATimeoutBeforeTheConnectionWasMadeCannotConnect) {
  const Error error = transport_error(
      k_url,
      {.code = CURLE_OPERATION_TIMEDOUT, .reason = "timed out after 10000 ms", .connected = false});
  EXPECT_EQ(error.code, ErrorCode::timeout);
  EXPECT_EQ(error.message,
            "schema registry 'https://sr.example:8081': cannot connect (timed out after 10000 ms)");
}

TEST(TransportError, ExplainsTlsFailures) {
  for (const CURLcode code : {CURLE_SSL_CONNECT_ERROR,
                              CURLE_PEER_FAILED_VERIFICATION,
                              CURLE_SSL_CERTPROBLEM,
                              CURLE_SSL_CIPHER,
                              CURLE_SSL_CACERT_BADFILE}) {
    const Error error = transport_error(k_url, {.code = code, .reason = "certificate expired"});
    EXPECT_EQ(error.code, ErrorCode::unavailable) << code;
    EXPECT_EQ(error.message,
              "schema registry 'https://sr.example:8081': TLS error (certificate expired)")
        << code;
  }
}

TEST(TransportError, LocalFailuresAreInternal) {
  for (const CURLcode code : {CURLE_FAILED_INIT, CURLE_OUT_OF_MEMORY, CURLE_WRITE_ERROR}) {
    const Error error = transport_error(k_url, {.code = code, .reason = "Failed writing data"});
    EXPECT_EQ(error.code, ErrorCode::internal) << code;
    EXPECT_EQ(error.message, "schema registry 'https://sr.example:8081': Failed writing data")
        << code;
  }
}

TEST(TransportError, AnyOtherFailureIsUnavailableWithCurlsReason) {
  const Error error =
      transport_error(k_url, {.code = CURLE_RECV_ERROR, .reason = "Connection reset by peer"});
  EXPECT_EQ(error.code, ErrorCode::unavailable);
  EXPECT_EQ(error.message, "schema registry 'https://sr.example:8081': Connection reset by peer");
}

TEST(TransportError, CredentialsInTheRegistryUrlNeverShow) {
  // The caller passes parse_url's display form; that form carries no userinfo.
  const http::ParsedUrl url = http::parse_url("https://alice:s3cr3t@sr.example:8081/");
  ASSERT_EQ(url.problem, "");
  ASSERT_EQ(url.password, "s3cr3t");
  const Error error =
      transport_error(url.display, {.code = CURLE_COULDNT_CONNECT, .reason = "Connection refused"});
  EXPECT_EQ(error.message,
            "schema registry 'https://sr.example:8081': cannot connect (Connection refused)");
  EXPECT_THAT(error.message, Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(error.message, Not(HasSubstr("alice")));
}

TEST(TransportError, CredentialsInAnUnusableUrlNeverShowEither) {
  const http::ParsedUrl url = http::parse_url("ftp://alice:s3cr3t@sr.example");
  ASSERT_NE(url.problem, "");
  const Error error =
      transport_error(url.display, {.code = CURLE_COULDNT_CONNECT, .reason = "Connection refused"});
  EXPECT_THAT(error.message, Not(HasSubstr("s3cr3t")));
}

} // namespace
} // namespace specmesh::registry
