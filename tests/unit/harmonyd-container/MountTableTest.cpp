#include "container/MountTable.hpp"

#include <gtest/gtest.h>

namespace harmony::harmonyd::container {
namespace {

constexpr const char* k_mountinfo =
    "612 540 0:55 / / rw,relatime master:290 - overlay overlay rw,lowerdir=/x\n"
    "613 612 0:58 / /proc rw,nosuid - proc proc rw\n"
    "620 612 8:1 /srv/music /music ro,relatime - ext4 /dev/sda1 rw\n"
    "621 612 8:1 /srv/my\\040config /con\\040fig rw,relatime - ext4 /dev/sda1 rw\n"
    "garbage line without fields\n"
    "622 612 8:1 / relative rw - ext4 /dev/sda1 rw\n";

TEST(MountTable, ListsMountPointsWithOctalEscapesUndone) {
  const auto points = parse_mount_points(k_mountinfo);
  EXPECT_TRUE(is_mount_point("/music", points));
  EXPECT_TRUE(is_mount_point("/con fig", points));
  EXPECT_TRUE(is_mount_point("/proc", points));
}

TEST(MountTable, ReportsAPlainDirectoryAsNoMountPoint) {
  const auto points = parse_mount_points(k_mountinfo);
  EXPECT_FALSE(is_mount_point("/downloads", points));
  EXPECT_FALSE(is_mount_point("/srv/music", points));
}

TEST(MountTable, SkipsMalformedAndRelativeEntries) {
  const auto points = parse_mount_points(k_mountinfo);
  EXPECT_EQ(points.size(), 4U);
  EXPECT_FALSE(is_mount_point("relative", points));
  EXPECT_TRUE(parse_mount_points("").empty());
  EXPECT_TRUE(parse_mount_points("1 2 3 4").empty());
}

TEST(MountTable, KeepsATruncatedEscapeLiterally) {
  const auto points = parse_mount_points("1 2 3 / /a\\04");
  ASSERT_EQ(points.size(), 1U);
  EXPECT_EQ(points[0], "/a\\04");
}

}  // namespace
}  // namespace harmony::harmonyd::container
