#include <gtest/gtest.h>

#include "config/ConfigFile.hpp"
#include "config/Loaders.hpp"

namespace harmony::harmonyd::config {
namespace {

TEST(ConfigFile, HoldsEveryFileKeyWithItsProfileDefault) {
  const std::string text = render_config_file(Profile::local);
  auto layer = harmony::config::parse_yaml(text, "harmony.yml");
  ASSERT_TRUE(layer) << layer.error().message;
  for (const KeyDef& key : keys()) {
    const auto it = layer->entries.find(key.name);
    if (key.environment_only) {
      EXPECT_EQ(it, layer->entries.end()) << key.name;
      continue;
    }
    ASSERT_NE(it, layer->entries.end()) << key.name;
    EXPECT_EQ(it->second.value, default_for(key, Profile::local)) << key.name;
  }
  EXPECT_EQ(layer->entries.at("APP_HOST").value, "127.0.0.1");
  EXPECT_EQ(layer->entries.at("ALLOWED_ORIGINS").value, "");
}

TEST(ConfigFile, EveryKeyHasACommentLine) {
  const std::string text = render_config_file(Profile::container);
  for (const KeyDef& key : keys()) {
    if (!key.environment_only) {
      EXPECT_NE(text.find("  # " + key.comment + "\n  " + key.name + ":"), std::string::npos)
          << key.name;
    }
  }
}

}  // namespace
}  // namespace harmony::harmonyd::config
