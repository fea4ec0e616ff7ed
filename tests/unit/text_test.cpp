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
