#include "integrations/spotify/Pkce.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace harmony::harmonyd::spotify;

TEST(Pkce, ComputesTheS256ChallengeAsUnpaddedBase64Url) {
  // Expected value from Python: base64.urlsafe_b64encode(sha256(v)).rstrip("=").
  EXPECT_EQ(challenge_for("harmony-pkce-verifier-0123456789-abcdefghijklmnop"),
            "fNDAFJVrkLTzWeAofO6oz0QWgNh1b397g2s0lcAbFmU");
}

TEST(Pkce, MakesUrlSafeVerifiersOfAllowedLengthThatDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const auto verifier = make_verifier();
    ASSERT_TRUE(verifier.ok());
    EXPECT_GE(verifier->size(), 43u);
    EXPECT_LE(verifier->size(), 128u);
    EXPECT_EQ(verifier->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-._~"),
              std::string::npos);
    seen.insert(*verifier);
  }
  EXPECT_EQ(seen.size(), 20u);
}
