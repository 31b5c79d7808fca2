#include <gtest/gtest.h>

#include "config/TreeReader.hpp"

namespace harmony::config {
namespace {

TEST(TreeReader, KeepsTheFirstErrorAndIgnoresLaterReads) {
  auto tree = parse_yaml_tree("a: 5x\nb: nope\n", "f.yml");
  ASSERT_TRUE(tree.ok());
  TreeReader reader(*tree, "f.yml", "");
  std::chrono::milliseconds a{1};
  bool b = false;
  reader.duration("a", a);
  reader.boolean("b", b);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error()->message.find("f.yml:1: a:"), std::string::npos);
  EXPECT_EQ(a, std::chrono::milliseconds(1));
}

TEST(TreeReader, DuplicateKeysAreRejectedWithTheirLine) {
  auto tree = parse_yaml_tree("a: 1\na: 2\n", "f.yml");
  ASSERT_FALSE(tree.ok());
  EXPECT_NE(tree.error().message.find("f.yml:2: 'a' is given twice"), std::string::npos)
      << tree.error().message;
}

TEST(TreeReader, IntegerOutOfRangeIsNamed) {
  auto tree = parse_yaml_tree("n: 0\n", "f.yml");
  ASSERT_TRUE(tree.ok());
  TreeReader reader(*tree, "f.yml", "top");
  int n = 3;
  reader.integer("n", n, 1, 10);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error()->message.find("top.n: '0' is not a whole number from 1 to 10"),
            std::string::npos);
}

}  // namespace
}  // namespace harmony::config
