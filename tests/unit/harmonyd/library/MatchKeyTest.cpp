#include "library/MatchKey.hpp"

#include <gtest/gtest.h>

namespace harmony::harmonyd::library {
namespace {

TEST(NormaliseIsrc, AcceptsHyphensSpacesAndLowerCase) {
  EXPECT_EQ(normalise_isrc("GBAYE0601690"), "GBAYE0601690");
  EXPECT_EQ(normalise_isrc("gb-aye-06-01690"), "GBAYE0601690");
  EXPECT_EQ(normalise_isrc("US R1M 17 00001"), "USR1M1700001");
}

TEST(NormaliseIsrc, RefusesAnythingWithoutTheIsrcShape) {
  for (const char* text : {"", "GBAYE060169", "GBAYE06016900", "1BAYE0601690", "GBAYE06O1690",
                           "GB_AYE0601690", "GBAYÉ0601690"}) {
    EXPECT_EQ(normalise_isrc(text), "") << text;
  }
}

TEST(MatchKey, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(match_key("Beyoncé", "Halo"), match_key("BEYONCE", "halo"));
  EXPECT_EQ(match_key("The Beatles", "Let It Be"), match_key("the beatles", "let it be"));
}

TEST(MatchKey, KeepsArtistAndTitleApart) {
  EXPECT_NE(match_key("a b", "c"), match_key("a", "b c"));
  EXPECT_NE(match_key("Artist", "One"), match_key("Artist", "Two"));
}

}  // namespace
}  // namespace harmony::harmonyd::library
