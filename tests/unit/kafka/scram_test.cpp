#include "kafka/scram.hpp"

#include <gtest/gtest.h>

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

ClientExchange rfc_exchange() {
  return {Mechanism::sha256, "user", std::string(k_password), std::string(k_client_nonce)};
}

TEST(ScramTest, ReproducesTheRfc7677Exchange) {
  ClientExchange exchange = rfc_exchange();
  EXPECT_EQ(exchange.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  const auto final_message = exchange.client_final(k_server_first);
  ASSERT_TRUE(final_message) << final_message.error().message;
  EXPECT_EQ(*final_message, k_client_final);
  EXPECT_TRUE(exchange.verify_server_final(k_server_final));
}

TEST(ScramTest, NamesTheMechanismsAnyCase) {
  EXPECT_EQ(mechanism_named("SCRAM-SHA-256"), Mechanism::sha256);
  EXPECT_EQ(mechanism_named("scram-sha-512"), Mechanism::sha512);
  EXPECT_EQ(mechanism_named("PLAIN"), std::nullopt);
  EXPECT_EQ(mechanism_named("SCRAM-SHA-1"), std::nullopt);
}

TEST(ScramTest, EscapesCommaAndEqualsInTheUsername) {
  const ClientExchange exchange(Mechanism::sha512, "a,b=c", "secret", "nonce");
  EXPECT_EQ(exchange.client_first(), "n,,n=a=2Cb=3Dc,r=nonce");
}

TEST(ScramTest, NoncesAreFreshAndPrintable) {
  const std::string first = random_nonce();
  EXPECT_EQ(first.size(), 32U);
  EXPECT_NE(first, random_nonce());
  EXPECT_EQ(first.find(','), std::string::npos);
}

TEST(ScramTest, Sha512ProofDiffersFromSha256AndHasItsLength) {
  ClientExchange exchange(
      Mechanism::sha512, "user", std::string(k_password), std::string(k_client_nonce));
  const auto final_message = exchange.client_final(k_server_first);
  ASSERT_TRUE(final_message) << final_message.error().message;
  const std::string proof = final_message->substr(final_message->find(",p=") + 3);
  EXPECT_EQ(proof.size(), 88U) << "64 bytes in base64";
  EXPECT_FALSE(exchange.verify_server_final(k_server_final)) << "a SHA-256 signature";
}

struct Refusal {
  std::string server_first;
  std::string expected;
};

class ScramRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(ScramRefusalTest, RefusesTheServerFirstMessage) {
  ClientExchange exchange = rfc_exchange();
  const auto final_message = exchange.client_final(GetParam().server_first);
  ASSERT_FALSE(final_message);
  EXPECT_TRUE(final_message.error().message.starts_with("SCRAM: "))
      << final_message.error().message;
  EXPECT_NE(final_message.error().message.find(GetParam().expected), std::string::npos)
      << final_message.error().message;
  EXPECT_EQ(final_message.error().message.find(k_password), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed,
    ScramRefusalTest,
    ::testing::Values(
        Refusal{"r=someoneElse123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "does not extend"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "does not extend"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,i=4096", "no 's='"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==", "no 'i='"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0", "iteration count '0'"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-5", "iteration count"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4k", "iteration count"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999",
                "iteration count"},
        Refusal{"r=rOprNGfwEbeRWgbNEkqOxyz,s=not*base64,i=4096", "salt is not base64"},
        Refusal{"m=ext,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "extension"},
        Refusal{"e=unknown-user", "the server said 'unknown-user'"},
        Refusal{"garbage", "malformed attribute"}));

TEST(ScramTest, RefusesAWrongOrMissingServerSignature) {
  ClientExchange exchange = rfc_exchange();
  ASSERT_TRUE(exchange.client_final(k_server_first));
  const auto wrong = exchange.verify_server_final("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthorized);
  EXPECT_NE(wrong.error().message.find("signature is wrong"), std::string::npos);
  const auto error = exchange.verify_server_final("e=invalid-proof");
  ASSERT_FALSE(error);
  EXPECT_NE(error.error().message.find("the server said 'invalid-proof'"), std::string::npos);
  EXPECT_FALSE(exchange.verify_server_final("x=1"));
}

TEST(ScramTest, ASignatureBeforeTheClientFinalIsRefused) {
  const ClientExchange exchange = rfc_exchange();
  EXPECT_FALSE(exchange.verify_server_final(k_server_final));
}

} // namespace
} // namespace specmesh::kafka::scram
