#include "textmatch/Tokens.hpp"

#include <gtest/gtest.h>

using namespace harmony::textmatch;

TEST(SplitWords, SplitsOnSingleSpaces) {
  const auto words = split_words("let it be");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[2], "be");
  EXPECT_TRUE(split_words("").empty());
}

TEST(WordRecall, CountsHowManyWantedWordsArePresent) {
  EXPECT_DOUBLE_EQ(word_recall(split_words("let it be"), split_words("01 let it be live")), 1.0);
  EXPECT_NEAR(word_recall(split_words("let it be"), split_words("let me")), 1.0 / 3.0, 1e-9);
  EXPECT_DOUBLE_EQ(word_recall({}, split_words("x")), 1.0);
}

TEST(WordDice, PenalisesExtraWords) {
  EXPECT_DOUBLE_EQ(word_dice(split_words("halo"), split_words("halo")), 1.0);
  EXPECT_NEAR(word_dice(split_words("halo"), split_words("halo live")), 2.0 / 3.0, 1e-9);
  EXPECT_DOUBLE_EQ(word_dice(split_words("a"), split_words("b")), 0.0);
}
