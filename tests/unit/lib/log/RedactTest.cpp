#include <fmt/format.h>
#include <gtest/gtest.h>

#include "log/Redact.hpp"

namespace harmony::log {
namespace {

TEST(Redact, ReplacesEveryOccurrenceOfTheSecret) {
  EXPECT_EQ(redact("GET /x?key=abc123&again=abc123", "abc123"),
            "GET /x?key=[redacted]&again=[redacted]");
}

TEST(Redact, EmptySecretChangesNothing) {
  EXPECT_EQ(redact("plain text", ""), "plain text");
}

TEST(Redact, SecretThatAppearsInsideTheMarkerDoesNotLoop) {
  EXPECT_EQ(redact("r r", "r"), "[redacted] [redacted]");
}

TEST(Secret, ShowsOnlyWhetherItIsSet) {
  Secret set("hunter2");
  Secret unset;
  EXPECT_EQ(set.shown(), "[redacted]");
  EXPECT_EQ(unset.shown(), "");
  EXPECT_EQ(set.reveal(), "hunter2");
  EXPECT_EQ(fmt::format("{}", set.shown()).find("hunter2"), std::string::npos);
}

TEST(IsSecretKey, RecognisesConventionalSecretNames) {
  EXPECT_TRUE(is_secret_key("SLSKD_API_KEY"));
  EXPECT_TRUE(is_secret_key("HARMONY_API_KEYS"));
  EXPECT_TRUE(is_secret_key("SPOTIFY_CLIENT_SECRET"));
  EXPECT_TRUE(is_secret_key("refresh_token"));
  EXPECT_FALSE(is_secret_key("APP_PORT"));
  EXPECT_FALSE(is_secret_key("MUSIC_DIR"));
}

}  // namespace
}  // namespace harmony::log
