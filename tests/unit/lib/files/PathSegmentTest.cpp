#include "files/PathSegment.hpp"

#include <gtest/gtest.h>

using harmony::files::sanitise_segment;

TEST(SanitiseSegment, KeepsOrdinaryNames) {
  EXPECT_EQ(sanitise_segment("06 - Let It Be"), "06 - Let It Be");
  EXPECT_EQ(sanitise_segment("Sigur Rós"), "Sigur Rós");
}

TEST(SanitiseSegment, NeverLeavesTraversalOrSeparators) {
  EXPECT_EQ(sanitise_segment(".."), "Unknown");
  EXPECT_EQ(sanitise_segment("."), "Unknown");
  EXPECT_EQ(sanitise_segment(""), "Unknown");
  EXPECT_EQ(sanitise_segment("@@x\\..\\..\\etc\\passwd"), "@@x_.._.._etc_passwd");
  EXPECT_EQ(sanitise_segment("/etc/passwd"), "_etc_passwd");
  EXPECT_EQ(sanitise_segment("../../x"), "_.._x");
  EXPECT_EQ(sanitise_segment(" .hidden. "), "hidden");
}

TEST(SanitiseSegment, DropsControlCharactersAndInvalidUtf8) {
  EXPECT_EQ(sanitise_segment("a\nb\tc\x7f\x01"), "abc");
  EXPECT_EQ(sanitise_segment("a\xc2\x85z"), "az");  // U+0085, a C1 control
  EXPECT_EQ(sanitise_segment("a\xff\xc3z"), "az");
}

TEST(SanitiseSegment, DropsOverlongFormsAndSurrogatesThatLookLikeUtf8) {
  EXPECT_EQ(sanitise_segment("a\xe0\x80\xaf"
                             "b"),
            "ab");  // an overlong '/'
  EXPECT_EQ(sanitise_segment("a\xed\xa0\x80"
                             "b"),
            "ab");  // U+D800, a lone surrogate
  EXPECT_EQ(sanitise_segment("a\xf4\x90\x80\x80"
                             "b"),
            "ab");  // above U+10FFFF
  EXPECT_EQ(sanitise_segment("caf\xc3\xa9 \xf0\x9f\x8e\xb5"), "caf\xc3\xa9 \xf0\x9f\x8e\xb5");
}

TEST(SanitiseSegment, CutsLongNamesOnACharacterBoundary) {
  std::string long_name;
  for (int i = 0; i < 100; ++i) {
    long_name += "é";  // two bytes each
  }
  const auto cut = sanitise_segment(long_name, 7);
  EXPECT_EQ(cut, "ééé");
  EXPECT_LE(sanitise_segment(std::string(1000, 'a')).size(), harmony::files::k_max_segment_bytes);
}
