#pragma once

#include <memory>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"
#include "fakes/FakeSpotifyCatalog.hpp"
#include "store/JobRepository.hpp"
#include "store/LibraryRepository.hpp"
#include "store/WatchlistRepository.hpp"
#include "support/Process.hpp"
#include "watchlist/ReleaseChecker.hpp"

namespace harmony::harmonyd::watchlist {

// The watchlist over real SQLite (a temporary database with every migration), the real library
// index table and download jobs, and an in-memory Spotify.
struct WatchlistFixture {
  static constexpr const char* k_artist = "4aawyAB9vmqN3uQ7FjRGTy";

  testing::TempDir dir;
  std::unique_ptr<store::Store> db = [this] {
    auto opened = store::Store::open({dir.file("harmony.db"), false});
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return std::move(*opened);
  }();
  store::WatchlistRepository watches{*db};
  store::LibraryRepository library{*db};
  store::JobRepository jobs{*db};
  fakes::FakeSpotifyCatalog spotify;
  fakes::FakeClock clock;
  ReleaseChecker checker{watches, spotify, library, clock, [] {
                           CheckOptions options;
                           options.seed = 7;
                           return options;
                         }()};

  WatchlistFixture() { spotify.add_artist(k_artist, "Tideline"); }

  // A release of `tracks` titled "<name> <n>", ISRC QZTST<prefix><n> unless `isrc` is false.
  static harmonyd::spotify::Album release(const std::string& id, const std::string& name,
                                          const std::string& type, int tracks,
                                          const std::string& prefix, bool isrc = true) {
    harmonyd::spotify::Album album;
    album.summary.id = id;
    album.summary.name = name;
    album.summary.album_type = type;
    album.summary.release_date = "2025-04-11";
    album.summary.release_date_precision = "day";
    for (int n = 1; n <= tracks; ++n) {
      harmonyd::spotify::Track track;
      track.id = id.substr(0, 20) + std::to_string(n / 10) + std::to_string(n % 10);
      track.name = fmt::format("{} {}", name, n);
      track.track_number = n;
      track.disc_number = 1;
      track.duration_ms = 200'000 + n * 1'000;
      track.isrc = isrc ? fmt::format("QZTST{}{:05}", prefix, n) : "";
      track.artists = {{k_artist, "Tideline"}};
      album.tracks.push_back(std::move(track));
    }
    return album;
  }

  WatchedArtist watch(Monitor monitor) {
    WatchedArtist artist;
    artist.key = artist_key(k_artist);
    artist.spotify_id = k_artist;
    artist.name = "Tideline";
    artist.monitor = monitor;
    artist.added_ms = 1;
    EXPECT_TRUE(watches.add(artist).value_or(false));
    return artist;
  }

  std::vector<hdm::Job> all_jobs() {
    auto page = jobs.list(std::nullopt, 1000, std::nullopt);
    EXPECT_TRUE(page.ok());
    return page ? page->jobs : std::vector<hdm::Job>{};
  }

  WatchedArtist stored() { return *watches.find(artist_key(k_artist)).value(); }
};

}  // namespace harmony::harmonyd::watchlist
