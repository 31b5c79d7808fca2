#include "wire/Url.hpp"

#include <gtest/gtest.h>

namespace harmony::wire {
namespace {

TEST(HttpUrl, TakesHostPortAndTargetApart) {
  auto url = parse_http_url("http://127.0.0.1:1080/api/player/tidal/update?x=1#top");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 1080);
  EXPECT_EQ(url->target, "/api/player/tidal/update?x=1");
  EXPECT_EQ(url->shown, "http://127.0.0.1:1080/api/player/tidal/update");
}

TEST(HttpUrl, DefaultsToPort80AndTheRootPath) {
  auto url = parse_http_url("HTTP://localhost");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->target, "/");
}

TEST(HttpUrl, AcceptsABracketedIpv6Address) {
  auto url = parse_http_url("http://[::1]:9620/health");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9620);
}

TEST(HttpUrl, RefusesHttpsSayingThatNoTlsIsSpoken) {
  auto url = parse_http_url("https://example.org/health?key=secret");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().kind, ErrorKind::config);
  EXPECT_NE(url.error().message.find("no TLS"), std::string::npos) << url.error().message;
  EXPECT_EQ(url.error().message.find("secret"), std::string::npos) << url.error().message;
}

TEST(HttpUrl, RefusesUserInfoWithoutRepeatingIt) {
  auto url = parse_http_url("http://user:hunter2@127.0.0.1/");
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.error().message.find("user info"), std::string::npos);
}

TEST(HttpUrl, RefusesOtherSchemesAndText) {
  EXPECT_FALSE(parse_http_url("ftp://127.0.0.1/").ok());
  EXPECT_FALSE(parse_http_url("127.0.0.1:8080/health").ok());
  EXPECT_FALSE(parse_http_url("").ok());
  EXPECT_FALSE(parse_http_url("http://127.0.0.1:0/").ok());
}

}  // namespace
}  // namespace harmony::wire
