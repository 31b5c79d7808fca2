#include <gtest/gtest.h>

#include "LineExcerpt.hpp"

namespace harmony::watchdog {
namespace {

TEST(LineExcerpt, ShortLineIsKept) {
  EXPECT_EQ(line_excerpt("Token is expired"), "Token is expired");
}

TEST(LineExcerpt, LongLineIsCutAndSaysHowMuch) {
  const std::string line(1 << 20, 'a');
  const std::string excerpt = line_excerpt(line);
  EXPECT_EQ(excerpt.substr(0, k_max_excerpt_bytes), std::string(k_max_excerpt_bytes, 'a'));
  EXPECT_NE(excerpt.find("[+" + std::to_string(line.size() - k_max_excerpt_bytes) + " bytes]"),
            std::string::npos);
  EXPECT_LT(excerpt.size(), k_max_excerpt_bytes + 32);
}

TEST(LineExcerpt, InvalidUtf8AndControlCharactersBecomeQuestionMarks) {
  EXPECT_EQ(line_excerpt("a\xff"
                         "b\x1b[31mc\xc0\xaf"),
            "a?b?[31mc??");
  EXPECT_EQ(line_excerpt("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(line_excerpt("\xed\xa0\x80"), "???");  // a UTF-16 surrogate is not UTF-8
}

TEST(LineExcerpt, CutNeverSplitsACharacter) {
  const std::string excerpt = line_excerpt("ab\xc3\xa9", 3);
  EXPECT_EQ(excerpt.substr(0, 2), "ab");
  EXPECT_NE(excerpt.find("[+2 bytes]"), std::string::npos);
}

}  // namespace
}  // namespace harmony::watchdog
