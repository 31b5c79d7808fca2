#include "core/UrlEncode.hpp"

#include <gtest/gtest.h>

namespace harmony {
namespace {

TEST(PercentEncode, KeepsUnreservedCharactersAndEncodesEverythingElse) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b/c?d#e&f=g%"), "a%20b%2Fc%3Fd%23e%26f%3Dg%25");
  EXPECT_EQ(percent_encode("../x"), "..%2Fx");
  EXPECT_EQ(percent_encode(std::string_view("\0\xff\xc3\xa9", 4)), "%00%FF%C3%A9");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(PercentDecode, DecodesPlusAndEscapesAndRefusesABrokenEscape) {
  EXPECT_EQ(percent_decode("The+Beatles+%E2%80%93+Let%20It"), "The Beatles – Let It");
  EXPECT_EQ(percent_decode(percent_encode("a b/c?d#e&f=g%\xff")), "a b/c?d#e&f=g%\xff");
  EXPECT_EQ(percent_decode("%41%6a"), "Aj");
  EXPECT_FALSE(percent_decode("%zz"));
  EXPECT_FALSE(percent_decode("ab%4"));
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_EQ(percent_decode(""), "");
}

TEST(ParseUrlencoded, GivesThePairsInOrderAndFailsOnAnyMalformedOne) {
  auto pairs = parse_urlencoded("code=a%2Bb&state=s1&&flag&code=again");
  ASSERT_TRUE(pairs);
  const UrlPairs expected{{"code", "a+b"}, {"state", "s1"}, {"flag", ""}, {"code", "again"}};
  EXPECT_EQ(*pairs, expected);
  EXPECT_FALSE(parse_urlencoded("ok=1&bad%=2"));
  EXPECT_TRUE(parse_urlencoded("")->empty());
}

}  // namespace
}  // namespace harmony
