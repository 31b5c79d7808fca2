// The check algorithm over real SQLite and a scripted Spotify: what becomes known, what becomes
// a download job, what a check costs, and what failures do.
#include "watchlist/ReleaseChecker.hpp"

#include <gtest/gtest.h>

#include "integrations/spotify/Failure.hpp"
#include "watchlist/WatchlistFixture.hpp"

using namespace harmony;
using namespace harmony::harmonyd;
using namespace harmony::harmonyd::watchlist;

namespace {

struct ReleaseCheckerTest : ::testing::Test, WatchlistFixture {};

}  // namespace

TEST_F(ReleaseCheckerTest, MonitorNewRecordsExistingReleasesAndQueuesOnlyALaterOne) {
  for (int n = 1; n <= 3; ++n) {
    spotify.add_release(k_artist,
                        release(fmt::format("1000000000000000000alb{}", n),
                                fmt::format("Old Album {}", n), "album", 3, fmt::format("0{}", n)));
  }
  watch(Monitor::new_releases);
  const auto first = checker.check(artist_key(k_artist));
  EXPECT_EQ(first.result, "first_scan") << first.error;
  EXPECT_EQ(watches.known_release_ids(artist_key(k_artist)).value().size(), 3u);
  EXPECT_TRUE(all_jobs().empty());

  spotify.add_release(k_artist, release("2000000000000000000sgl1", "Brand New", "single", 2, "99"));
  const auto second = checker.check(artist_key(k_artist));
  EXPECT_EQ(second.result, "new_releases") << second.error;
  EXPECT_EQ(second.tracks_queued, 2);
  const auto jobs = all_jobs();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].request.source, "watchlist");
  EXPECT_EQ(jobs[0].request.title, "Brand New 1");
  EXPECT_EQ(jobs[0].request.album, "Brand New");
  EXPECT_EQ(jobs[0].request.year, 2025);
  EXPECT_EQ(jobs[0].request.disc_number, 1);
  EXPECT_EQ(jobs[1].request.track_number, 2);
  EXPECT_EQ(jobs[1].request.isrc, "QZTST9900002");
  const auto views = watches.releases(artist_key(k_artist)).value();
  ASSERT_EQ(views.size(), 4u);
  const auto wanted = std::find_if(
      views.begin(), views.end(), [](const ReleaseView& v) { return v.release.state == "wanted"; });
  ASSERT_NE(wanted, views.end());
  EXPECT_EQ(wanted->missing, 2);
  EXPECT_EQ(wanted->tracks[0].job_id, jobs[0].id);
}

TEST_F(ReleaseCheckerTest, UnchangedArtistCostsOneRequestForAlbumsAndSingles) {
  for (int n = 1; n <= 25; ++n) {
    spotify.add_release(
        k_artist, release(fmt::format("1000000000000000000a{:03}", n), fmt::format("Album {}", n),
                          n % 2 ? "album" : "single", 1, fmt::format("{:02}", n)));
  }
  watch(Monitor::new_releases);
  ASSERT_EQ(checker.check(artist_key(k_artist)).result, "first_scan");
  EXPECT_EQ(spotify.requests(), 3);  // 25 releases, 10 per page

  const int before = spotify.requests();
  const auto again = checker.check(artist_key(k_artist));
  EXPECT_EQ(again.result, "unchanged");
  EXPECT_EQ(again.requests, 1);
  EXPECT_EQ(spotify.requests() - before, 1);
}

TEST_F(ReleaseCheckerTest, OptInTypesCostASecondRequestAtMost) {
  spotify.add_release(k_artist,
                      release("1000000000000000000c001", "Best Of", "compilation", 1, "01"));
  auto artist = watch(Monitor::new_releases);
  artist.release_types = {"album", "single", "compilation", "appears_on"};
  ASSERT_TRUE(watches.update(artist, k_watch_settings).ok());
  ASSERT_EQ(checker.check(artist.key).result, "first_scan");
  const auto again = checker.check(artist.key);
  EXPECT_EQ(again.result, "unchanged");
  EXPECT_EQ(again.requests, 2);
}

TEST_F(ReleaseCheckerTest, ATotalChangeBeyondTheFirstPageIsFoundByAFullRescan) {
  for (int n = 1; n <= 12; ++n) {
    spotify.add_release(
        k_artist, release(fmt::format("1000000000000000000a{:03}", n), fmt::format("Album {}", n),
                          "album", 1, fmt::format("{:02}", n)));
  }
  watch(Monitor::new_releases);
  ASSERT_EQ(checker.check(artist_key(k_artist)).result, "first_scan");
  // An older release surfacing late (Spotify re-lists it) lands at the end of the list.
  auto late = release("1000000000000000000late", "Late Upload", "album", 2, "77");
  spotify.add_release(k_artist, late, true);
  const auto found = checker.check(artist_key(k_artist));
  EXPECT_EQ(found.result, "new_releases") << found.error;
  EXPECT_EQ(found.tracks_queued, 2);
}

TEST_F(ReleaseCheckerTest, MonitorAllQueuesEveryTrackOnceAndSkipsDeluxeAndLibraryCopies) {
  auto standard = release("1000000000000000000std1", "Harbour", "album", 3, "10");
  auto deluxe = release("1000000000000000000dlx1", "Harbour (Deluxe)", "album", 4, "10");
  // The deluxe's fourth track is new; its third has no ISRC but the same title and a
  // duration 1 s off, so it is the same recording.
  deluxe.tracks[2].isrc.clear();
  deluxe.tracks[2].name = standard.tracks[2].name;
  deluxe.tracks[2].duration_ms = standard.tracks[2].duration_ms + 1'000;
  for (int n = 0; n < 3; ++n) {
    deluxe.tracks[static_cast<std::size_t>(n)].name =
        standard.tracks[static_cast<std::size_t>(n)].name;
  }
  deluxe.tracks[3].isrc = "QZTST8800004";
  deluxe.tracks[3].name = "Bonus";
  spotify.add_release(k_artist, standard);
  spotify.add_release(k_artist, deluxe);
  // The standard edition's first track is already in MUSIC_DIR (tagged, no ISRC).
  harmonyd::library::IndexChanges owned;
  owned.upserts.push_back({"Tideline/Harbour/01.flac",
                           {1, 1},
                           "Tideline",
                           "Harbour 1",
                           "Harbour",
                           "",
                           std::chrono::milliseconds(201'500),
                           ""});
  ASSERT_TRUE(library.apply(owned).ok());
  watch(Monitor::all);

  const auto report = checker.check(artist_key(k_artist));
  EXPECT_EQ(report.result, "first_scan") << report.error;
  EXPECT_EQ(report.in_library, 2);  // the track on both editions
  const auto jobs = all_jobs();
  std::vector<std::string> titles;
  for (const auto& job : jobs) {
    titles.push_back(job.request.title);
  }
  // The deluxe edition is listed first (added last), so its copies are the ones queued.
  EXPECT_EQ(titles, (std::vector<std::string>{"Harbour 2", "Harbour 3", "Bonus"}));
  EXPECT_EQ(report.tracks_queued, 3);
  EXPECT_EQ(report.duplicates, 2);

  // A second check changes nothing.
  EXPECT_EQ(checker.check(artist_key(k_artist)).tracks_queued, 0);
  EXPECT_EQ(all_jobs().size(), 3u);
}

TEST_F(ReleaseCheckerTest, SpotifyNotFindingTheArtistPausesTheWatch) {
  watch(Monitor::new_releases);
  spotify.fail_next(1, make_error(ErrorKind::not_found, "Spotify has nothing at GET /artists"));
  const auto report = checker.check(artist_key(k_artist));
  EXPECT_EQ(report.result, "artist_not_found");
  const auto artist = stored();
  EXPECT_TRUE(artist.paused);
  EXPECT_EQ(artist.pause_reason, "artist_not_found");
  const int before = spotify.requests();
  EXPECT_EQ(checker.check(artist.key).result, "skipped_paused");
  EXPECT_EQ(spotify.requests(), before);
}

TEST_F(ReleaseCheckerTest, ARateLimitMidCheckLosesAndDoublesNothing) {
  for (int n = 1; n <= 3; ++n) {
    spotify.add_release(
        k_artist, release(fmt::format("1000000000000000000alb{}", n), fmt::format("Album {}", n),
                          "album", 2, fmt::format("0{}", n)));
  }
  watch(Monitor::all);
  // The page and the first album pass; the second album's request is refused.
  spotify.fail_next(
      1,
      harmonyd::spotify::failure(ErrorKind::unavailable, harmonyd::spotify::Failure::rate_limited,
                                 "Spotify keeps answering 429"),
      2);
  const auto stopped = checker.check(artist_key(k_artist));
  EXPECT_EQ(stopped.result, "rate_limited");
  EXPECT_EQ(all_jobs().size(), 2u);
  EXPECT_EQ(stored().failures, 0) << "a rate limit is not the artist's failure";
  EXPECT_EQ(stored().last_full_scan_ms, 0);

  const auto resumed = checker.check(artist_key(k_artist));
  EXPECT_EQ(resumed.result, "first_scan") << resumed.error;
  EXPECT_EQ(resumed.tracks_queued, 4);
  EXPECT_EQ(all_jobs().size(), 6u);
  EXPECT_EQ(watches.known_release_ids(artist_key(k_artist)).value().size(), 3u);
}

TEST_F(ReleaseCheckerTest, OtherFailuresBackOffWithinTheRetryBudget) {
  watch(Monitor::new_releases);
  spotify.fail_next(
      2, harmonyd::spotify::failure(ErrorKind::unavailable, harmonyd::spotify::Failure::upstream,
                                    "Spotify answered HTTP 502"));
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock.wall_now().time_since_epoch())
          .count();
  EXPECT_EQ(checker.check(artist_key(k_artist)).result, "failed");
  const auto once = stored();
  EXPECT_EQ(once.failures, 1);
  EXPECT_GE(once.next_check_ms, now + 120'000);
  EXPECT_LE(once.next_check_ms, now + 150'000);
  EXPECT_EQ(checker.check(artist_key(k_artist)).result, "failed");
  EXPECT_GE(stored().next_check_ms, now + 240'000) << "the wait doubles";
  EXPECT_EQ(checker.check(artist_key(k_artist)).result, "first_scan");
  EXPECT_EQ(stored().failures, 0);
}

TEST_F(ReleaseCheckerTest, TracksWithoutIsrcOrDurationAreStillQueuedOnce) {
  auto single = release("2000000000000000000sgl1", "Plain", "single", 2, "00", false);
  single.tracks[0].duration_ms = 0;
  single.tracks[1].name.clear();
  single.summary.release_date = "2019";
  single.summary.release_date_precision = "year";
  spotify.add_release(k_artist, single);
  watch(Monitor::all);
  const auto report = checker.check(artist_key(k_artist));
  EXPECT_EQ(report.tracks_queued, 1) << report.error;
  EXPECT_EQ(report.skipped, 1);
  const auto jobs = all_jobs();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_FALSE(jobs[0].request.duration_ms.has_value());
  EXPECT_EQ(jobs[0].request.year, 2019);
}
