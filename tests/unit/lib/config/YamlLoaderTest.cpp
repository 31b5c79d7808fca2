#include <gtest/gtest.h>

#include "config/Loaders.hpp"

namespace harmony::config {
namespace {

TEST(YamlLoader, ReadsFlatKeysWithTheirLines) {
  auto layer = parse_yaml("APP_PORT: 9090\nAPP_HOST: 0.0.0.0\n", "harmony.yml");
  ASSERT_TRUE(layer.ok()) << layer.error().message;
  EXPECT_EQ(layer->entries.at("APP_PORT").value, "9090");
  EXPECT_EQ(layer->entries.at("APP_HOST").origin.describe(), "harmony.yml:2");
}

TEST(YamlLoader, FlattensSectionsAndJoinsLists) {
  auto layer = parse_yaml(
      "# comment\ncore:\n  APP_PORT: 8081\nsecurity:\n  ALLOWED_ORIGINS: [a.example, b.example]\n"
      "  HARMONY_API_KEYS:\n    - k1\n    - k2\n",
      "harmony.yml");
  ASSERT_TRUE(layer.ok()) << layer.error().message;
  EXPECT_EQ(layer->entries.at("APP_PORT").value, "8081");
  EXPECT_EQ(layer->entries.at("APP_PORT").origin.line, 3);
  EXPECT_EQ(layer->entries.at("ALLOWED_ORIGINS").value, "a.example,b.example");
  EXPECT_EQ(layer->entries.at("HARMONY_API_KEYS").value, "k1,k2");
}

TEST(YamlLoader, NullValueIsEmpty) {
  auto layer = parse_yaml("DATABASE_URL:\n", "harmony.yml");
  ASSERT_TRUE(layer.ok());
  EXPECT_EQ(layer->entries.at("DATABASE_URL").value, "");
}

TEST(YamlLoader, SyntaxErrorNamesFileAndLine) {
  auto layer = parse_yaml("APP_PORT: 8080\nAPP_HOST: [unclosed\nOTHER: 1\n", "/etc/harmony.yml");
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.error().kind, ErrorKind::config);
  EXPECT_TRUE(layer.error().message.starts_with("/etc/harmony.yml:")) << layer.error().message;
}

TEST(YamlLoader, RejectsValuesNestedDeeperThanASection) {
  auto layer = parse_yaml("core:\n  nested:\n    APP_PORT: 1\n", "harmony.yml");
  ASSERT_FALSE(layer.ok());
  EXPECT_NE(layer.error().message.find("harmony.yml:3"), std::string::npos)
      << layer.error().message;
  EXPECT_NE(layer.error().message.find("nested"), std::string::npos);
}

TEST(YamlLoader, RejectsATopLevelThatIsNotAMap) {
  auto layer = parse_yaml("- a\n- b\n", "harmony.yml");
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.error().kind, ErrorKind::config);
}

TEST(YamlLoader, EmptyDocumentIsAnEmptyLayer) {
  auto layer = parse_yaml("# only a comment\n", "harmony.yml");
  ASSERT_TRUE(layer.ok());
  EXPECT_TRUE(layer->entries.empty());
}

}  // namespace
}  // namespace harmony::config
