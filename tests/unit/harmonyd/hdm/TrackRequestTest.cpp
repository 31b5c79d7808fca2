#include "hdm/TrackRequest.hpp"

#include <gtest/gtest.h>

using harmony::harmonyd::hdm::dedupe_key;
using harmony::harmonyd::hdm::TrackRequest;

TEST(DedupeKey, PrefersTheIsrcInUpperCase) {
  TrackRequest request{"A", "B", "", {}, {}, {}, "us-abc-12-34567"};
  EXPECT_EQ(dedupe_key(request), "isrc:USABC1234567");
}

TEST(DedupeKey, NormalisesArtistTitleAndAlbumOtherwise) {
  const TrackRequest a{"Beyoncé", "Halo!", "I Am... Sasha Fierce", {}, {}, {}, ""};
  const TrackRequest b{"BEYONCE", "halo", "i am sasha fierce", {}, {}, {}, ""};
  EXPECT_EQ(dedupe_key(a), dedupe_key(b));
  EXPECT_EQ(dedupe_key(a), "track:beyonce|halo|i am sasha fierce");
}
