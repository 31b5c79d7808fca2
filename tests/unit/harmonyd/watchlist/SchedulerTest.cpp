// Which watch the scheduler checks next.
#include <gtest/gtest.h>

#include "watchlist/WatchScheduler.hpp"

using namespace harmony::harmonyd::watchlist;

namespace {

WatchedArtist artist(std::string key, int priority, std::int64_t next_check) {
  WatchedArtist a;
  a.key = std::move(key);
  a.priority = priority;
  a.next_check_ms = next_check;
  return a;
}

}  // namespace

TEST(WatchScheduler, PicksTheHighestPriorityFirstWhenBehind) {
  const std::vector<WatchedArtist> artists = {artist("a", 10, 100), artist("b", 90, 500),
                                              artist("c", 90, 200), artist("d", 100, 5'000)};
  EXPECT_EQ(next_due(artists, 1'000), "c");
}

TEST(WatchScheduler, NeverPicksAPausedWatchUntilItsResumeTimePasses) {
  auto paused = artist("p", 100, 0);
  paused.paused = true;
  EXPECT_FALSE(next_due({paused}, 1'000'000).has_value());
  EXPECT_FALSE(until_next_due({paused}, 1'000'000).has_value()) << "no wake-up for it";
  paused.resume_at_ms = 2'000'000;
  EXPECT_FALSE(next_due({paused}, 1'000'000).has_value());
  EXPECT_EQ(until_next_due({paused}, 1'000'000), 1'000'000);
  EXPECT_EQ(next_due({paused}, 2'000'000), "p");
}

TEST(WatchScheduler, WaitsForTheEarliestWatch) {
  EXPECT_EQ(until_next_due({artist("a", 1, 900), artist("b", 1, 400)}, 100), 300);
  EXPECT_FALSE(next_due({artist("a", 1, 900)}, 100).has_value());
}

TEST(RequestGroups, PairsTypesSoAtMostTwoRequestsAreNeeded) {
  EXPECT_EQ(request_groups({"album", "single"}), (std::vector<std::string>{"album,single"}));
  EXPECT_EQ(request_groups({"appears_on", "single", "compilation"}),
            (std::vector<std::string>{"single", "compilation,appears_on"}));
}

TEST(ArtistReference, AcceptsTheThreeSpotifyForms) {
  const std::string id = "4aawyAB9vmqN3uQ7FjRGTy";
  EXPECT_EQ(parse_artist_reference("spotify:" + id).value_or(""), id);
  EXPECT_EQ(parse_artist_reference("spotify:artist:" + id).value_or(""), id);
  EXPECT_EQ(
      parse_artist_reference("https://open.spotify.com/artist/" + id + "?si=abc").value_or(""), id);
  EXPECT_FALSE(parse_artist_reference("spotify:album:" + id).ok());
  EXPECT_FALSE(parse_artist_reference("spotify:" + id + "x").ok());
  EXPECT_FALSE(parse_artist_reference(std::string(10'000, 'a')).ok());
}
