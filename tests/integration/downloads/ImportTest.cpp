// Imports through the daemon: pasted lines, the Spotify stand-in for links and matching, the
// slskd stand-in for the downloads that follow. Uploaded files: ImportUploadTest.cpp.
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "ImportCalls.hpp"
#include "Peers.hpp"
#include "fakes/AudioFiles.hpp"
#include "fakes/SpotifyStandIn.hpp"
#include "support/Eventually.hpp"
#include "support/Metrics.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::testing;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

constexpr const char* k_band = "0TestBandAAAAAAAAAAAAA";
constexpr const char* k_album = "0TestAlbumAAAAAAAAAAAA";

// The album's tracks last 2.1 … 3.0 s, so the peers' real files stay small and quick to make.
std::int64_t song_ms(int n) {
  return 2'000 + n * 100;
}

// Ten tracks by "The Test Band" on one album (2024), each with its own ISRC.
void add_ten_track_album(fakes::SpotifyStandIn& spotify) {
  spotify.add_artist(k_band, "The Test Band");
  fakes::SpotifyStandIn::Album album;
  album.id = k_album;
  album.name = "Ten Songs";
  album.artist_id = k_band;
  for (int i = 1; i <= 10; ++i) {
    album.tracks.push_back({fmt::format("0TestTrack{:02}AAAAAAAAAA", i), fmt::format("Song {}", i),
                            i, 1, song_ms(i), fmt::format("QZTST26000{:02}", i)});
  }
  spotify.add_album(std::move(album));
}

// Lines Spotify has no match for, each shared by one peer as a real FLAC.
const std::vector<std::pair<std::string, std::string>> k_unmatched{
    {"Ana Moura", "Desfado"},
    {"Mariza", "Loucura"},
    {"Madredeus", "O Pastor"},
    {"Carlos Paredes", "Verdes Anos"}};

// One peer shares the album as FLACs of the tracks' lengths, another the unmatched lines.
bool add_import_peers(fakes::SlskdStandIn& standin) {
  for (int i = 1; i <= 10; ++i) {
    const double seconds = static_cast<double>(song_ms(i)) / 1000.0;
    if (!standin.add({.username = "album_peer",
                      .filename = fmt::format(
                          "@@t\\The Test Band\\Ten Songs (2024)\\{:02} - Song {}.flac", i, i),
                      .seconds = seconds,
                      .length_s = static_cast<int>(std::lround(seconds))})) {
      return false;
    }
  }
  for (const auto& [artist, title] : k_unmatched) {
    if (!standin.add({.username = "fado_peer",
                      .filename = fmt::format("@@f\\{0}\\{1}\\01 - {1}.flac", artist, title),
                      .seconds = 2.0})) {
      return false;
    }
  }
  return true;
}

// A 22-character id Spotify does not know.
std::string unknown_id(const std::string& tag) {
  std::string id = "0" + tag;
  id.resize(22, 'Z');
  return id;
}

Hub::Env spotify_env(const fakes::SpotifyStandIn& spotify) {
  return {{"SPOTIFY_CLIENT_ID", spotify.options().client_id},
          {"SPOTIFY_CLIENT_SECRET", spotify.options().client_secret},
          {"SPOTIFY_ACCOUNTS_URL", spotify.accounts_url()},
          {"SPOTIFY_API_URL", spotify.api_url()}};
}
// Waits until every job in `ids` is `done` (false at once when one ended otherwise); the jobs
// as last seen, by id.
bool all_done(Hub& hub, const std::set<std::int64_t>& ids,
              std::map<std::int64_t, nlohmann::json>& jobs) {
  bool ended_otherwise = false;
  const bool done = eventually(
      [&] {
        jobs.clear();
        const auto listed = hub.call("GET", "/api/v1/downloads?limit=500").json;
        if (!listed.is_object() || !listed["items"].is_array()) {
          return false;
        }
        for (const auto& job : listed["items"]) {
          jobs[job["id"].get<std::int64_t>()] = job;
        }
        std::size_t finished = 0;
        for (const auto id : ids) {
          const auto state = jobs.count(id) ? jobs[id].value("state", "") : "";
          finished += state == "done" ? 1 : 0;
          ended_otherwise = ended_otherwise || state == "dead_letter" || state == "cancelled";
        }
        return finished == ids.size() || ended_otherwise;
      },
      60s, 100ms);
  return done && !ended_otherwise;
}

}  // namespace

TEST(HarmonydImports, FiftyMixedLinesAreEachAccountedForAndTheAlbumIsQueuedOnce) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  fakes::SpotifyStandIn spotify;
  add_ten_track_album(spotify);
  Hub hub;
  ASSERT_TRUE(add_three_peers(hub.standin()));
  ASSERT_TRUE(add_import_peers(hub.standin()));
  auto env = spotify_env(spotify);
  env["DOWNLOAD_MAX_ATTEMPTS"] = "1";
  hub.start(env);

  std::vector<std::string> lines;
  lines.push_back(std::string("https://open.spotify.com/album/") + k_album + "?si=share");  // 1
  lines.push_back(std::string("spotify:album:") + k_album);                                 // 2
  for (int i = 1; i <= 10; ++i) {
    lines.push_back(fmt::format("The Test Band - Song {}", i));  // 3..12: the album's tracks
  }
  lines.push_back("The Beatles - Let It Be (Let It Be)");  // 13: Spotify has no match
  lines.push_back("THE BEATLES – let it be");              // 14: the same recording
  lines.push_back("just some words");                      // 15
  lines.push_back("https://open.spotify.com/artist/0TestBandAAAAAAAAAAAAA");  // 16
  lines.push_back("spotify:track:tooShort");                                  // 17
  lines.push_back("A - " + std::string(10'240, 'x'));                         // 18: 10 KB
  for (const auto& [artist, title] : k_unmatched) {
    lines.push_back(fmt::format("{} - {}", artist, title));  // 19..22: no match, shared by a peer
  }
  // 23..26: the same four, spelt otherwise.
  lines.push_back("ana moura - desfado");
  lines.push_back("MARIZA \xE2\x80\x93 Loucura");
  lines.push_back("Madredeus - O Pastor (Existir)");
  lines.push_back("  Carlos Paredes  -  Verdes Anos  ");
  // 27..32: album tracks again, spelt otherwise, linked one by one, and the album once more.
  lines.push_back("the test band - song 3");
  lines.push_back("THE TEST BAND \xE2\x80\x94 SONG 4");
  lines.push_back("The Test Band - Song 5 (Ten Songs)");
  lines.push_back("https://open.spotify.com/track/0TestTrack06AAAAAAAAAA");
  lines.push_back("spotify:track:0TestTrack07AAAAAAAAAA");
  lines.push_back(std::string("https://open.spotify.com/intl-de/album/") + k_album);
  // 33..42: not understood.
  lines.push_back("https://open.spotify.com/show/" + unknown_id("Show"));
  lines.push_back("spotify:episode:" + unknown_id("Episode"));
  lines.push_back("https://open.spotify.com/");
  lines.push_back("spotify:track");
  lines.push_back("The Test Band -");
  lines.push_back("- Song 3");
  lines.push_back("Bell \x07 - Ring");
  lines.push_back("https://open.spotify.com/track/short");
  lines.push_back("12345");
  lines.push_back("????");
  // 43..45: Spotify will not give them: unknown ids, and a playlist without a connected user.
  lines.push_back("https://open.spotify.com/track/" + unknown_id("NoSuchTrack"));
  lines.push_back("spotify:album:" + unknown_id("NoSuchAlbum"));
  lines.push_back(std::string("spotify:playlist:") + fakes::SpotifyStandIn::k_playlist);
  // 46..50: duplicates of earlier lines.
  lines.push_back("The Beatles - Let It Be");
  lines.push_back("the beatles - LET IT BE (Let It Be)");
  lines.push_back("Ana Moura - Desfado (Desfado)");
  lines.push_back("The Test Band - Song 10");
  lines.push_back("The Test Band - Song 1");
  ASSERT_EQ(lines.size(), 50U);
  std::string text;
  for (const auto& line : lines) {
    text += line + "\n";
  }
  const auto id = submit(hub, text);
  const auto result = wait_for_import(hub, id);
  ASSERT_EQ(result.value("status", ""), "done") << result.dump(2);

  std::map<std::size_t, std::vector<nlohmann::json>> by_line;
  for (const auto& item : result["items"]) {
    by_line[item["line"].get<std::size_t>()].push_back(item);
  }
  ASSERT_EQ(by_line.size(), 50U) << "every line is accounted for";
  ASSERT_EQ(by_line[1].size(), 10U);
  std::set<std::int64_t> album_jobs;
  for (const auto& item : by_line[1]) {
    EXPECT_EQ(item["outcome"], "queued") << item.dump();
    EXPECT_EQ(item["match"]["album"], "Ten Songs");
    album_jobs.insert(item["download_id"].get<std::int64_t>());
  }
  EXPECT_EQ(album_jobs.size(), 10U) << "one download per album track";
  for (const std::size_t line : {std::size_t{2}, std::size_t{32}}) {
    ASSERT_EQ(by_line[line].size(), 10U) << line;
    for (const auto& item : by_line[line]) {
      EXPECT_EQ(item["outcome"], "duplicate") << item.dump();
      EXPECT_EQ(item["reason"], "line 1 asks for the same recording");
    }
  }
  for (std::size_t line = 3; line <= 12; ++line) {
    const auto& item = by_line[line].at(0);
    EXPECT_EQ(item["outcome"], "duplicate") << item.dump();
    EXPECT_GE(item["match"]["score"].get<double>(), item["match"]["threshold"].get<double>());
    EXPECT_EQ(item["match"]["isrc"], fmt::format("QZTST26000{:02}", line - 2));
  }
  const auto& let_it_be = by_line[13].at(0);
  EXPECT_EQ(let_it_be["outcome"], "queued");
  EXPECT_TRUE(let_it_be["unmatched"].get<bool>());
  EXPECT_EQ(by_line[14].at(0)["outcome"], "duplicate");
  EXPECT_EQ(by_line[14].at(0)["reason"], "line 13 asks for the same recording");
  for (std::size_t line = 15; line <= 18; ++line) {
    EXPECT_EQ(by_line[line].at(0)["outcome"], "invalid") << line;
    EXPECT_FALSE(by_line[line].at(0)["reason"].get<std::string>().empty());
  }
  EXPECT_NE(by_line[18].at(0)["reason"].get<std::string>().find("10244 bytes"), std::string::npos);
  std::set<std::int64_t> queued_jobs = album_jobs;
  queued_jobs.insert(let_it_be["download_id"].get<std::int64_t>());
  for (std::size_t line = 19; line <= 22; ++line) {
    const auto& item = by_line[line].at(0);
    EXPECT_EQ(item["outcome"], "queued") << item.dump();
    EXPECT_TRUE(item["unmatched"].get<bool>()) << item.dump();
    queued_jobs.insert(item["download_id"].get<std::int64_t>());
  }
  for (std::size_t line = 23; line <= 26; ++line) {
    EXPECT_EQ(by_line[line].at(0)["outcome"], "duplicate") << by_line[line].at(0).dump();
    EXPECT_EQ(by_line[line].at(0)["reason"],
              fmt::format("line {} asks for the same recording", line - 4));
  }
  for (std::size_t line = 27; line <= 31; ++line) {
    const auto& item = by_line[line].at(0);
    EXPECT_EQ(item["outcome"], "duplicate") << item.dump();
    EXPECT_EQ(item["reason"], "line 1 asks for the same recording") << line;
    EXPECT_EQ(item["match"]["isrc"], fmt::format("QZTST26000{:02}", line - 24)) << line;
  }
  for (std::size_t line = 33; line <= 42; ++line) {
    EXPECT_EQ(by_line[line].at(0)["outcome"], "invalid") << by_line[line].at(0).dump();
  }
  EXPECT_NE(by_line[33].at(0)["reason"].get<std::string>().find("show link"), std::string::npos);
  EXPECT_NE(by_line[37].at(0)["reason"].get<std::string>().find("title"), std::string::npos);
  EXPECT_NE(by_line[38].at(0)["reason"].get<std::string>().find("artist"), std::string::npos);
  EXPECT_NE(by_line[39].at(0)["reason"].get<std::string>().find("control character 0x07"),
            std::string::npos);
  for (std::size_t line = 43; line <= 45; ++line) {
    EXPECT_EQ(by_line[line].at(0)["outcome"], "refused") << by_line[line].at(0).dump();
  }
  EXPECT_NE(by_line[43].at(0)["reason"].get<std::string>().find("no such item"), std::string::npos);
  EXPECT_NE(by_line[45].at(0)["reason"].get<std::string>().find("connected Spotify user"),
            std::string::npos)
      << by_line[45].at(0).dump();
  for (const auto& [line, first] :
       std::vector<std::pair<std::size_t, int>>{{46, 13}, {47, 13}, {48, 19}, {49, 1}, {50, 1}}) {
    const auto& item = by_line[line].at(0);
    EXPECT_EQ(item["outcome"], "duplicate") << item.dump();
    EXPECT_EQ(item["reason"], fmt::format("line {} asks for the same recording", first));
  }
  EXPECT_EQ(queued_jobs.size(), 15U) << "every queued line has its own download";

  // Spotify: one search per plain line, the album once however often it is linked (plus one
  // ISRC lookup per track).
  const auto& summary = result["summary"];
  EXPECT_EQ(summary["outcomes"]["queued"], 10 + 1 + 4);
  EXPECT_EQ(summary["outcomes"]["duplicate"], 45);
  EXPECT_EQ(summary["outcomes"]["invalid"], 14);
  EXPECT_EQ(summary["outcomes"]["refused"], 3);
  EXPECT_EQ(summary["items"], 77);
  EXPECT_EQ(summary["matched"], 30 + 10 + 5 + 2) << "album items, matched lines, track links";
  EXPECT_LE(static_cast<double>(spotify.api_request_count()) / summary["items"].get<double>(), 1.2)
      << spotify.api_request_count() << " requests";

  // Every queued download runs to `done` through the slskd stand-in and is filed in MUSIC_DIR.
  std::map<std::int64_t, nlohmann::json> jobs;
  ASSERT_TRUE(all_done(hub, queued_jobs, jobs)) << nlohmann::json(jobs).dump(2);
  EXPECT_EQ(jobs.size(), queued_jobs.size()) << "nothing else was queued";
  std::set<std::string> filed;
  for (const auto job_id : queued_jobs) {
    const auto& job = jobs[job_id];
    EXPECT_EQ(job["request"]["source"], "import");
    const fs::path path = job.value("final_path", "");
    EXPECT_TRUE(fs::is_regular_file(path)) << job.dump(2);
    filed.insert(path.lexically_relative(hub.music()).generic_string());
  }
  for (int i = 1; i <= 10; ++i) {
    EXPECT_EQ(filed.count(fmt::format("The Test Band/Ten Songs (2024)/{:02} - Song {}.flac", i, i)),
              1U)
        << fmt::format("{}", fmt::join(filed, "\n"));
  }
  EXPECT_EQ(filed.size(), queued_jobs.size()) << "each download its own file";
  for (const auto& path : filed) {
    EXPECT_EQ(path.rfind("..", 0), std::string::npos) << path << " is inside MUSIC_DIR";
  }

  // Imported again, filed tracks are found in the library.
  const auto again =
      wait_for_import(hub, submit(hub, "The Test Band - Song 2\nMariza - Loucura\n"));
  ASSERT_EQ(again.value("status", ""), "done") << again.dump(2);
  ASSERT_EQ(again["items"].size(), 2U);
  for (const auto& item : again["items"]) {
    EXPECT_EQ(item["outcome"], "in_library") << item.dump();
    EXPECT_NE(item["reason"].get<std::string>().find("already in the library"), std::string::npos);
  }

  const auto listed = hub.call("GET", "/api/v1/imports");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json["items"].size(), 2U);
  // Metrics: lines read, Spotify matches and requests, items by outcome (queued, or skipped
  // with their reason), over both imports.
  const auto metrics = hub.call("GET", "/api/v1/metrics").body;
  const auto matched = summary["matched"].get<int>() + again["summary"]["matched"].get<int>();
  const auto requests =
      summary["spotify_requests"].get<int>() + again["summary"]["spotify_requests"].get<int>();
  for (const auto& [series, value] : std::vector<std::pair<std::string, std::string>>{
           {"harmony_import_lines_total", "52"},
           {"harmony_import_matched_total", std::to_string(matched)},
           {"harmony_import_spotify_requests_total", std::to_string(requests)},
           {R"(harmony_import_items_total{outcome="queued"})", "15"},
           {R"(harmony_import_items_total{outcome="duplicate"})", "45"},
           {R"(harmony_import_items_total{outcome="in_library"})", "2"},
           {R"(harmony_import_items_total{outcome="invalid"})", "14"},
           {R"(harmony_import_items_total{outcome="refused"})", "3"},
           {R"(harmony_import_items_total{outcome="failed"})", "0"},
           {"harmony_imports_failed_total", "0"}}) {
    EXPECT_EQ(metric_value(metrics, series), value) << series << "\n" << metrics;
  }
  EXPECT_EQ(again["summary"]["matched"], 1) << "the album track matched, the fado line not";
  const auto activity = hub.call("GET", "/api/v1/activity?type=import_done").json;
  ASSERT_EQ(activity["items"].size(), 2U) << activity.dump(2);
  EXPECT_EQ(activity["items"][1]["message"],
            fmt::format("import {}: 77 items, 15 queued, 45 duplicates, 0 in the library, 14 "
                        "invalid, 3 refused, 0 failed (50 lines, 47 matched on Spotify)",
                        id))
      << activity.dump(2);
  EXPECT_NE(activity["items"][0]["message"].get<std::string>().find("2 items, 0 queued, 0 "
                                                                    "duplicates, 2 in the library"),
            std::string::npos)
      << activity.dump(2);
}
