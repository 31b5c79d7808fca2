#include "container/Identity.hpp"

#include <map>

#include <gtest/gtest.h>

namespace harmony::harmonyd::container {
namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view key) -> std::optional<std::string> {
    auto it = values.find(std::string(key));
    return it == values.end() ? std::nullopt : std::optional(it->second);
  };
}

TEST(ContainerIdentity, DefaultsTo1000And1000WithUmask022WhenNothingIsSet) {
  auto identity = identity_from_environment(env_of({}));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->uid, 1000U);
  EXPECT_EQ(identity->gid, 1000U);
  EXPECT_EQ(identity->umask, 022U);
}

TEST(ContainerIdentity, ReadsPuidPgidAndOctalUmask) {
  auto identity =
      identity_from_environment(env_of({{"PUID", "1234"}, {"PGID", "100"}, {"UMASK", "0027"}}));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->uid, 1234U);
  EXPECT_EQ(identity->gid, 100U);
  EXPECT_EQ(identity->umask, 027U);
}

TEST(ContainerIdentity, TreatsEmptyVariablesAsUnset) {
  auto identity = identity_from_environment(env_of({{"PUID", ""}, {"UMASK", ""}}));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->uid, 1000U);
  EXPECT_EQ(identity->umask, 022U);
}

TEST(ContainerIdentity, RejectsANonOctalUmaskNamingUmask) {
  for (const char* bad : {"99z", "8", "0x1f", "-22", "01777", "07777", " 22", "12345"}) {
    auto identity = identity_from_environment(env_of({{"UMASK", bad}}));
    ASSERT_FALSE(identity) << bad;
    EXPECT_EQ(identity.error().kind, ErrorKind::config);
    EXPECT_NE(identity.error().message.find("UMASK"), std::string::npos) << bad;
  }
}

TEST(ContainerIdentity, RejectsNonNumericOrHugeIdsNamingTheKey) {
  for (const auto& [key, bad] : std::map<std::string, std::string>{
           {"PUID", "abc"}, {"PGID", "-1"}, {"PUID", "4294967296"}, {"PGID", "2147483648"}}) {
    auto identity = identity_from_environment(env_of({{key, bad}}));
    ASSERT_FALSE(identity) << key << "=" << bad;
    EXPECT_NE(identity.error().message.find(key), std::string::npos);
  }
}

TEST(ContainerIdentity, BoundsTheEchoedValueOfAHostileVariable) {
  auto identity = identity_from_environment(env_of({{"UMASK", std::string(10000, 'x')}}));
  ASSERT_FALSE(identity);
  EXPECT_LT(identity.error().message.size(), 300U);
}

}  // namespace
}  // namespace harmony::harmonyd::container
