#include "hdm/RemotePath.hpp"

#include <gtest/gtest.h>

using harmony::harmonyd::hdm::split_remote_path;

TEST(RemotePath, SplitsBackslashPaths) {
  const auto path = split_remote_path("@@music\\Artist\\Album\\01 - Song.FLAC");
  EXPECT_EQ(path.directory, "@@music\\Artist\\Album");
  EXPECT_EQ(path.basename, "01 - Song.FLAC");
  EXPECT_EQ(path.stem, "01 - Song");
  EXPECT_EQ(path.extension, "flac");
}

TEST(RemotePath, HandlesNamesWithoutFolderOrExtension) {
  const auto bare = split_remote_path("README");
  EXPECT_EQ(bare.directory, "");
  EXPECT_EQ(bare.stem, "README");
  EXPECT_EQ(bare.extension, "");
  EXPECT_EQ(split_remote_path("dir/.hidden").extension, "");
  EXPECT_EQ(split_remote_path("a.b\\c").extension, "");
}
