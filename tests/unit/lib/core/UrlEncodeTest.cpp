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

}  // namespace
}  // namespace harmony
