#include <specmesh/text.hpp>

#include <gtest/gtest.h>

namespace specmesh {
namespace {

TEST(TrimTest, RemovesBlanksAtBothEndsOnly) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim("a"), "a");
  EXPECT_EQ(trim(" \t\r\n"), "");
  EXPECT_EQ(trim(""), "");
}

TEST(TrimTest, TrimsOnlyTheBlanksGiven) {
  EXPECT_EQ(trim(" a \n", " "), "a \n");
  EXPECT_EQ(trim("--a--", "-"), "a");
}

TEST(MaskSecretsTest, ReplacesEveryOccurrenceOfEachSecret) {
  EXPECT_EQ(mask_secrets("pw hunter2 and hunter2, key k3y", {"hunter2", "k3y"}),
            "pw *** and ***, key ***");
}

TEST(MaskSecretsTest, IgnoresEmptySecretsAndLeavesOtherTextAlone) {
  EXPECT_EQ(mask_secrets("nothing to hide", {"", "absent"}), "nothing to hide");
}

TEST(MaskSecretsTest, ASecretLikeTheMaskItselfEnds) {
  EXPECT_EQ(mask_secrets("a*b", {"*"}), "a***b");
  EXPECT_EQ(mask_secrets("****", {"**"}), "******");
}

TEST(UpperAsciiTest, ChangesOnlyAsciiLetters) {
  EXPECT_EQ(upper_ascii("sasl_ssl"), "SASL_SSL");
  EXPECT_EQ(upper_ascii("Scram-Sha-512"), "SCRAM-SHA-512");
  EXPECT_EQ(upper_ascii("\xc3\xa9t\xc3\xa9"), "\xc3\xa9T\xc3\xa9"); // UTF-8 bytes kept
  EXPECT_EQ(upper_ascii(""), "");
}

TEST(LowerAsciiTest, ChangesOnlyAsciiLetters) {
  EXPECT_EQ(lower_ascii("X-Amz-Date"), "x-amz-date");
  EXPECT_EQ(lower_ascii("\xc3\x89T\xc3\x89"), "\xc3\x89t\xc3\x89"); // UTF-8 bytes kept
}

TEST(PercentEncodeTest, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(percent_encode("a/b c+d=e&f"), "a%2Fb%20c%2Bd%3De%26f");
  EXPECT_EQ(percent_encode("a/b c", true), "a/b%20c");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
}

TEST(SplitKeyValueTest, SplitsAtTheFirstEquals) {
  const KeyValue pair = split_key_value("sasl.jaas.config=a=b");
  EXPECT_EQ(pair.key, "sasl.jaas.config");
  EXPECT_EQ(pair.value, "a=b");
}

TEST(SplitKeyValueTest, WithoutEqualsTheValueIsEmpty) {
  const KeyValue pair = split_key_value("flag");
  EXPECT_EQ(pair.key, "flag");
  EXPECT_EQ(pair.value, "");
  EXPECT_EQ(split_key_value("k=").value, "");
  EXPECT_EQ(split_key_value("=v").key, "");
}

} // namespace
} // namespace specmesh
