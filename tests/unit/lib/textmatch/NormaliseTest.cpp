#include "textmatch/Normalise.hpp"

#include <gtest/gtest.h>

using harmony::textmatch::normalise;

TEST(Normalise, LowerCasesAndCollapsesPunctuationInAscii) {
  EXPECT_EQ(normalise("  The Beatles - Let It Be (Remastered 2009).FLAC "),
            "the beatles let it be remastered 2009 flac");
}

TEST(Normalise, StripsAccentsAndFoldsCase) {
  EXPECT_EQ(normalise("Beyoncé – HALO"), "beyonce halo");
  EXPECT_EQ(normalise("Sigur Rós"), "sigur ros");
  EXPECT_EQ(normalise("Motörhead"), "motorhead");
}

TEST(Normalise, AppliesCompatibilityFormsAndFullCaseFolding) {
  EXPECT_EQ(normalise("ﬁre"), "fire");                        // ligature fi (NFKC)
  EXPECT_EQ(normalise("Ｔｏｏｌ"), "tool");                   // full-width letters (NFKC)
  EXPECT_EQ(normalise("STRASSE straße"), "strasse strasse");  // full case fold
}

TEST(Normalise, KeepsLettersOfOtherScripts) {
  EXPECT_EQ(normalise("Кино — Группа крови"), "кино группа крови");
}

TEST(Normalise, DropsInvalidUtf8WithoutFailing) {
  const std::string broken = std::string("Ab\xff\xfe") + "c\xc3";
  EXPECT_EQ(normalise(broken), "abc");
}

TEST(Normalise, TurnsBackslashPathsIntoWords) {
  EXPECT_EQ(normalise("@@music\\Artist\\01. Song"), "music artist 01 song");
}

TEST(Normalise, GivesEmptyTextForOnlySeparators) {
  EXPECT_EQ(normalise(" -_()[] "), "");
}
