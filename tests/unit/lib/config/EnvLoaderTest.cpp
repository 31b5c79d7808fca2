#include <gtest/gtest.h>

#include "config/Loaders.hpp"

namespace harmony::config {
namespace {

TEST(EnvLoader, ReadsAssignmentsCommentsQuotesAndExport) {
  auto layer = parse_env(
      "# settings\nAPP_PORT=9000\nexport FRIENDLY_NAME=\"Living Room\"\nMODEL='HiFi # 2'\n"
      "EMPTY=\nTRAIL=value # comment\n\n",
      "/config/.env");
  ASSERT_TRUE(layer.ok()) << layer.error().message;
  EXPECT_EQ(layer->entries.at("APP_PORT").value, "9000");
  EXPECT_EQ(layer->entries.at("APP_PORT").origin.describe(), "/config/.env:2");
  EXPECT_EQ(layer->entries.at("FRIENDLY_NAME").value, "Living Room");
  EXPECT_EQ(layer->entries.at("MODEL").value, "HiFi # 2");
  EXPECT_EQ(layer->entries.at("EMPTY").value, "");
  EXPECT_EQ(layer->entries.at("TRAIL").value, "value");
}

TEST(EnvLoader, ALineThatIsNotAnAssignmentNamesFileAndLine) {
  auto layer = parse_env("A=1\nthis is not valid\n", "/config/.env");
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.error().kind, ErrorKind::config);
  EXPECT_TRUE(layer.error().message.starts_with("/config/.env:2:")) << layer.error().message;
}

TEST(EnvLoader, AnUnclosedQuoteIsAnError) {
  auto layer = parse_env("NAME=\"open\n", ".env");
  ASSERT_FALSE(layer.ok());
  EXPECT_NE(layer.error().message.find("NAME"), std::string::npos);
}

TEST(EnvLoader, RejectsKeysThatAreNotIdentifiers) {
  EXPECT_FALSE(parse_env("1ABC=x\n", ".env").ok());
  EXPECT_FALSE(parse_env("A-B=x\n", ".env").ok());
}

}  // namespace
}  // namespace harmony::config
