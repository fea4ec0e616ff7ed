#include "kafka/scram.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>

namespace specmesh::kafka::scram {
namespace {

// RFC 7677 §3: the SCRAM-SHA-256 example exchange.
constexpr std::string_view k_client_nonce = "rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view k_server_first =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view k_client_final =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view k_server_final = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
constexpr std::string_view k_password = "pencil";

// The same exchange with SCRAM-SHA-512, as MailKit's unit tests publish it
// (jstedfast/MailKit, UnitTests/Security/SaslMechanismScramSha512Tests.cs); a .NET
// implementation, and Python's hashlib/hmac agree.
constexpr std::string_view k_sha512_client_final =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=gMGXRcevScNtxZ6/8lQYpGtnsNAc3mGcmNomv+xnoOMw+3R2xNJdMNnzMlTN8PPC6wdp6dybEmDYXYTxwnYPJQ==";
constexpr std::string_view k_sha512_server_final =
    "v=ZQnYEgWQMFmmsM8aQMF0nDDCy/AgCzkwk8CmMZYcMg0vSVlKDanekLtifDSeVGT4+5ZxXnJq199RVG2rR7N7Zw==";

ClientExchange rfc_exchange(Mechanism mechanism = Mechanism::sha256) {
  return {mechanism, "user", std::string(k_password), std::string(k_client_nonce)};
}

bool mentions(const std::string& message, std::string_view text) {
  return message.find(text) != std::string::npos;
}

TEST(ScramTest, ReproducesTheRfc7677Sha256Exchange) {
  ClientExchange exchange = rfc_exchange();
  EXPECT_EQ(exchange.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  const auto final_message = exchange.client_final(k_server_first);
  ASSERT_TRUE(final_message) << final_message.error().message;
  EXPECT_EQ(*final_message, k_client_final);
  const auto verified = exchange.verify_server_final(k_server_final);
  EXPECT_TRUE(verified) << verified.error().message;
}

TEST(ScramTest, ReproducesAPublishedSha512Exchange) {
  ClientExchange exchange = rfc_exchange(Mechanism::sha512);
  EXPECT_EQ(exchange.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  const auto final_message = exchange.client_final(k_server_first);
  ASSERT_TRUE(final_message) << final_message.error().message;
  EXPECT_EQ(*final_message, k_sha512_client_final);
  const auto verified = exchange.verify_server_final(k_sha512_server_final);
  EXPECT_TRUE(verified) << verified.error().message;
  EXPECT_FALSE(exchange.verify_server_final(k_server_final)) << "the SHA-256 signature";
}

TEST(ScramTest, NamesTheMechanismsAnyCase) {
  EXPECT_EQ(mechanism_named("SCRAM-SHA-256"), Mechanism::sha256);
  EXPECT_EQ(mechanism_named("scram-sha-512"), Mechanism::sha512);
  EXPECT_EQ(mechanism_named("PLAIN"), std::nullopt);
  EXPECT_EQ(mechanism_named("SCRAM-SHA-1"), std::nullopt);
}

TEST(ScramTest, EscapesCommaAndEqualsInTheUsername) {
  EXPECT_EQ(ClientExchange(Mechanism::sha512, "a,b=c", "secret", "nonce").client_first(),
            "n,,n=a=2Cb=3Dc,r=nonce");
  EXPECT_EQ(ClientExchange(Mechanism::sha256, ",==,", "secret", "nonce").client_first(),
            "n,,n==2C=3D=3D=2C,r=nonce");
}

TEST(ScramTest, NoncesAreFreshAndPrintable) {
  const std::string first = random_nonce();
  EXPECT_EQ(first.size(), 32U) << "24 bytes in base64";
  EXPECT_NE(first, random_nonce());
  EXPECT_EQ(first.find(','), std::string::npos);
}

TEST(ScramTest, IgnoresExtensionsWhereRfc5802AllowsThem) {
  ClientExchange exchange = rfc_exchange();
  const std::string with_extension = std::string(k_server_first) + ",x=later";
  const auto final_message = exchange.client_final(with_extension);
  ASSERT_TRUE(final_message) << final_message.error().message;
  // The extension is part of the AuthMessage, so the proof is not the RFC's.
  EXPECT_TRUE(
      final_message->starts_with("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p="));
  EXPECT_NE(*final_message, k_client_final);

  ClientExchange rfc = rfc_exchange();
  ASSERT_TRUE(rfc.client_final(k_server_first));
  const auto verified = rfc.verify_server_final(std::string(k_server_final) + ",x=later");
  EXPECT_TRUE(verified) << verified.error().message;
}

struct Refusal {
  std::string name;
  std::string message;
  ErrorCode code;
  std::string expected;
};

// The refusal's name stands for it in test names (ctest's), rather than its bytes; GoogleTest
// requires this name.
// NOLINTNEXTLINE(readability-identifier-naming)
void PrintTo(const Refusal& refusal, std::ostream* out) {
  *out << refusal.name;
}

void expect_refusal(const Error& error, const Refusal& refusal) {
  EXPECT_EQ(error.code, refusal.code) << error.message;
  EXPECT_TRUE(error.message.starts_with("SCRAM: ")) << error.message;
  EXPECT_TRUE(mentions(error.message, refusal.expected)) << error.message;
  EXPECT_FALSE(mentions(error.message, "\n")) << error.message;
  EXPECT_FALSE(mentions(error.message, k_password)) << error.message;
}

class ScramServerFirstRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(ScramServerFirstRefusalTest, RefusesTheServerFirstMessage) {
  ClientExchange exchange = rfc_exchange();
  const auto final_message = exchange.client_final(GetParam().message);
  ASSERT_FALSE(final_message) << *final_message;
  expect_refusal(final_message.error(), GetParam());
}

constexpr ErrorCode k_malformed = ErrorCode::internal;

INSTANTIATE_TEST_SUITE_P(
    Scram,
    ScramServerFirstRefusalTest,
    ::testing::Values(
        Refusal{"NonceOfAnotherClient",
                "r=someoneElse123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                k_malformed,
                "nonce does not extend the client's"},
        Refusal{"NonceNotExtended",
                "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                k_malformed,
                "nonce does not extend the client's"},
        Refusal{"MissingNonce",
                "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                k_malformed,
                "no 'r=' in its place"},
        Refusal{
            "MissingSalt", "r=rOprNGfwEbeRWgbNEkqOxyz,i=4096", k_malformed, "no 's=' in its place"},
        Refusal{"MissingIterationCount",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==",
                k_malformed,
                "no 'i=' in its place"},
        Refusal{"AttributesOutOfOrder",
                "i=4096,s=W22ZaJ0SNY7soEsUEjb6gQ==,r=rOprNGfwEbeRWgbNEkqOxyz",
                k_malformed,
                "no 'r=' in its place"},
        Refusal{"UnknownAttributeBeforeTheNonce",
                "x=1,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                k_malformed,
                "no 'r=' in its place"},
        Refusal{"ZeroIterations",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
                k_malformed,
                "iteration count '0' is not between 1 and 1000000"},
        Refusal{"NegativeIterations",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-5",
                k_malformed,
                "iteration count '-5'"},
        Refusal{"NonNumericIterations",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4k",
                k_malformed,
                "iteration count '4k'"},
        Refusal{"EmptyIterations",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=",
                k_malformed,
                "iteration count ''"},
        Refusal{"TooManyIterations",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001",
                k_malformed,
                "iteration count '1000001'"},
        Refusal{"OverflowingIterations",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999999999999",
                k_malformed,
                "iteration count"},
        Refusal{"SaltNotBase64",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=not*base64,i=4096",
                k_malformed,
                "salt is not base64"},
        Refusal{"SaltWithInnerPadding",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=ab=c,i=4096",
                k_malformed,
                "salt is not base64"},
        Refusal{"SaltOnlyPadding",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=====,i=4096",
                k_malformed,
                "salt is not base64"},
        Refusal{
            "EmptySalt", "r=rOprNGfwEbeRWgbNEkqOxyz,s=,i=4096", k_malformed, "salt is not base64"},
        Refusal{"MandatoryExtensionFirst",
                "m=ext,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                k_malformed,
                "requires an extension (m=)"},
        Refusal{"MandatoryExtensionLast",
                "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,m=ext",
                k_malformed,
                "requires an extension (m=)"},
        Refusal{"ServerError",
                "e=unknown-user",
                ErrorCode::unauthorized,
                "the server said 'unknown-user'"},
        Refusal{"NoAttribute", "garbage", k_malformed, "malformed attribute 'garbage'"},
        Refusal{"EmptyMessage", "", k_malformed, "malformed attribute ''"},
        Refusal{"EmptyAttribute",
                "r=rOprNGfwEbeRWgbNEkqOxyz,,i=4096",
                k_malformed,
                "malformed attribute ''"},
        Refusal{"NonAlphaName", "1=x", k_malformed, "malformed attribute '1=x'"}));

class ScramServerFinalRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(ScramServerFinalRefusalTest, RefusesTheServerFinalMessage) {
  ClientExchange exchange = rfc_exchange();
  ASSERT_TRUE(exchange.client_final(k_server_first));
  const auto verified = exchange.verify_server_final(GetParam().message);
  ASSERT_FALSE(verified);
  expect_refusal(verified.error(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Scram,
    ScramServerFinalRefusalTest,
    ::testing::Values(
        Refusal{"WrongSignature",
                "v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                ErrorCode::unauthorized,
                "the server's signature is wrong"},
        Refusal{"TruncatedSignature",
                "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl9",
                ErrorCode::unauthorized,
                "the server's signature is wrong"},
        Refusal{"Sha512Signature",
                std::string(k_sha512_server_final),
                ErrorCode::unauthorized,
                "the server's signature is wrong"},
        Refusal{"ServerError",
                "e=invalid-proof",
                ErrorCode::unauthorized,
                "the server said 'invalid-proof'"},
        Refusal{"ServerErrorOnTwoLines",
                "e=two\nlines",
                ErrorCode::unauthorized,
                "the server said 'two?lines'"},
        Refusal{"SignatureWithoutPadding",
                "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4",
                k_malformed,
                "not base64"},
        Refusal{"SignatureNotBase64",
                "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4*",
                k_malformed,
                "not base64"},
        Refusal{"EmptySignature", "v=", k_malformed, "not base64"},
        Refusal{"NeitherVerifierNorError", "x=1", k_malformed, "starts with neither 'v=' nor 'e='"},
        Refusal{"MandatoryExtension",
                std::string(k_server_final) + ",m=ext",
                k_malformed,
                "requires an extension"},
        Refusal{"NoValue", "v", k_malformed, "malformed attribute 'v'"}));

TEST(ScramTest, ASignatureBeforeTheClientFinalIsRefused) {
  const ClientExchange exchange = rfc_exchange();
  const auto verified = exchange.verify_server_final(k_server_final);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code, ErrorCode::internal);
  EXPECT_TRUE(mentions(verified.error().message, "came before the client's"));
}

} // namespace
} // namespace specmesh::kafka::scram
