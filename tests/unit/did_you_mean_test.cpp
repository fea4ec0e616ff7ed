#include <specmesh/did_you_mean.hpp>

#include <gtest/gtest.h>

#include <array>

namespace specmesh {
namespace {

constexpr std::array<std::string_view, 4> k_keys{"publish", "subscribe", "bindings", "description"};

TEST(DidYouMeanTest, SuggestsTheNearestNameForATypo) {
  EXPECT_EQ(closest_match("publsh", k_keys), "publish");    // a letter left out
  EXPECT_EQ(closest_match("pubilsh", k_keys), "publish");   // two letters swapped
  EXPECT_EQ(closest_match("bindingz", k_keys), "bindings"); // a letter wrong
  EXPECT_EQ(closest_match("Subscribe", k_keys), "subscribe");
  EXPECT_EQ(did_you_mean("publsh", k_keys), " (did you mean 'publish'?)");
}

TEST(DidYouMeanTest, SuggestsNothingWhenNoNameIsNear) {
  EXPECT_EQ(closest_match("payload", k_keys), std::nullopt);
  EXPECT_EQ(closest_match("pub", k_keys), std::nullopt);
  EXPECT_EQ(closest_match("", k_keys), std::nullopt);
  EXPECT_EQ(did_you_mean("servers", k_keys), "");
}

TEST(DidYouMeanTest, AllowsOneEditPerThreeCharacters) {
  constexpr std::array<std::string_view, 1> k_prod{"prod"};
  EXPECT_EQ(closest_match("prdo", k_prod), "prod");
  EXPECT_EQ(closest_match("pr", k_prod), std::nullopt); // two edits for a short word
  constexpr std::array<std::string_view, 1> k_retention{"retention.ms"};
  EXPECT_EQ(closest_match("retention.msx", k_retention), "retention.ms");
  EXPECT_EQ(closest_match("retenshun.ms", k_retention), "retention.ms"); // three edits
  EXPECT_EQ(closest_match("rtnshun.ms", k_retention), std::nullopt);
}

TEST(DidYouMeanTest, SuggestsCommandsAndOptions) {
  constexpr std::array<std::string_view, 4> k_commands{"validate", "plan", "provision", "export"};
  EXPECT_EQ(closest_match("provison", k_commands), "provision"); // a letter missing
  EXPECT_EQ(closest_match("valdiate", k_commands), "validate");  // two letters swapped
  EXPECT_EQ(closest_match("pln", k_commands), "plan");
  EXPECT_EQ(closest_match("deploy", k_commands), std::nullopt);
  EXPECT_EQ(closest_match("pxyz", k_commands), std::nullopt); // short words: one edit only
  constexpr std::array<std::string_view, 2> k_options{"--dry-run", "-u"};
  EXPECT_EQ(closest_match("--dry-runn", k_options), "--dry-run"); // a letter too many
  EXPECT_EQ(closest_match("xy", k_options), std::nullopt);
}

TEST(DidYouMeanTest, TheFirstOfEquallyNearNamesWins) {
  constexpr std::array<std::string_view, 2> k_names{"dev", "den"};
  EXPECT_EQ(closest_match("deb", k_names), "dev");
  constexpr std::array<std::string_view, 2> k_flags{"--sr-api-key", "--sr-api-kex"};
  EXPECT_EQ(closest_match("--sr-api-kez", k_flags), "--sr-api-key");
}

} // namespace
} // namespace specmesh
