#include "library/RequestIdentity.hpp"

#include <gtest/gtest.h>

namespace harmony::harmonyd::library {
namespace {

TEST(RequestIdentity, CarriesArtistTitleTheNormalisedIsrcAndTheDuration) {
  hdm::TrackRequest request;
  request.artist = "Tidewater Choir";
  request.title = "Low Light Part 1";
  request.isrc = "qz-twd-26-00001";
  request.duration_ms = 183'500;
  const TrackIdentity identity = identity_of(request);
  EXPECT_EQ(identity.artist, "Tidewater Choir");
  EXPECT_EQ(identity.title, "Low Light Part 1");
  EXPECT_EQ(identity.isrc, "QZTWD2600001");
  ASSERT_TRUE(identity.duration);
  EXPECT_EQ(*identity.duration, std::chrono::milliseconds(183'500));
}

TEST(RequestIdentity, HasNoDurationOrIsrcWhenTheRequestHasNone) {
  hdm::TrackRequest request;
  request.artist = "Somebody Else";
  request.title = "Elsewhere";
  const TrackIdentity identity = identity_of(request);
  EXPECT_TRUE(identity.isrc.empty());
  EXPECT_FALSE(identity.duration);
}

}  // namespace
}  // namespace harmony::harmonyd::library
