// Imports through the daemon: pasted lines, CSV and M3U8 uploads, the Spotify stand-in for
// links and matching, the slskd stand-in for the downloads that follow.
#include <set>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "Peers.hpp"
#include "fakes/AudioFiles.hpp"
#include "fakes/SpotifyStandIn.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* k_band = "0TestBandAAAAAAAAAAAAA";
constexpr const char* k_album = "0TestAlbumAAAAAAAAAAAA";

// Ten tracks by "The Test Band" on one album, each with its own ISRC.
void add_ten_track_album(fakes::SpotifyStandIn& spotify) {
  spotify.add_artist(k_band, "The Test Band");
  fakes::SpotifyStandIn::Album album;
  album.id = k_album;
  album.name = "Ten Songs";
  album.artist_id = k_band;
  for (int i = 1; i <= 10; ++i) {
    album.tracks.push_back({fmt::format("0TestTrack{:02}AAAAAAAAAA", i), fmt::format("Song {}", i),
                            i, 1, 180'000 + i * 1000, fmt::format("QZTST26000{:02}", i)});
  }
  spotify.add_album(std::move(album));
}

Hub::Env spotify_env(const fakes::SpotifyStandIn& spotify) {
  return {{"SPOTIFY_CLIENT_ID", spotify.options().client_id},
          {"SPOTIFY_CLIENT_SECRET", spotify.options().client_secret},
          {"SPOTIFY_ACCOUNTS_URL", spotify.accounts_url()},
          {"SPOTIFY_API_URL", spotify.api_url()}};
}

// Polls the import until it is no longer processing; the last answer.
nlohmann::json wait_for_import(Hub& hub, std::int64_t id) {
  nlohmann::json last;
  eventually(
      [&] {
        last = hub.call("GET", fmt::format("/api/v1/imports/{}", id)).json;
        return last.is_object() && last.value("status", "") != "processing";
      },
      30s);
  return last;
}

std::int64_t submit(Hub& hub, const std::string& text) {
  const auto reply = hub.call("POST", "/api/v1/imports", nlohmann::json{{"text", text}}.dump());
  EXPECT_EQ(reply.status, 202) << reply.body;
  return reply.json.is_object() ? reply.json.value("id", std::int64_t{0}) : 0;
}

// A file uploaded as a browser's form sends it (multipart/form-data, a part named "file"): the
// file name's extension chooses the parser.
Hub::Reply upload(Hub& hub, const std::string& name, const std::string& content) {
  const std::string boundary = "----harmony-test-7MA4YWxkTrZu0gW";
  const std::string body = fmt::format(
      "--{0}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{1}\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n{2}\r\n--{0}--\r\n",
      boundary, name, content);
  return hub.call("POST", "/api/v1/imports", body, "multipart/form-data; boundary=" + boundary);
}

// A file's text sent as {"text","name"}: the name's extension chooses the parser as well.
Hub::Reply upload_as_json(Hub& hub, const std::string& name, const std::string& content) {
  return hub.call("POST", "/api/v1/imports",
                  nlohmann::json{{"text", content}, {"name", name}}.dump(
                      -1, ' ', false, nlohmann::json::error_handler_t::ignore));
}

}  // namespace

TEST(HarmonydImports, FiftyMixedLinesAreEachAccountedForAndTheAlbumIsQueuedOnce) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  fakes::SpotifyStandIn spotify;
  add_ten_track_album(spotify);
  Hub hub;
  ASSERT_TRUE(add_three_peers(hub.standin()));
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
  while (lines.size() < 50) {
    lines.push_back(fmt::format("Nobody - Demo {}", lines.size() + 1));  // 19..50
  }
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
  for (const auto& item : by_line[2]) {
    EXPECT_EQ(item["outcome"], "duplicate") << item.dump();
    EXPECT_EQ(item["reason"], "line 1 asks for the same recording");
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
  EXPECT_EQ(by_line[19].at(0)["outcome"], "queued");

  // Spotify: one search per plain line, the album once however often it is linked (plus one
  // ISRC lookup per track).
  const auto summary = result["summary"];
  EXPECT_EQ(summary["outcomes"]["queued"], 10 + 1 + 32);
  EXPECT_LE(static_cast<double>(spotify.api_request_count()) / summary["items"].get<double>(), 1.2)
      << spotify.api_request_count() << " requests";

  // The matched file arrives through the slskd stand-in.
  const auto job = hub.wait_for_state(let_it_be["download_id"].get<std::int64_t>(), "done", 60s);
  EXPECT_EQ(job.value("state", ""), "done") << job.dump(2);
  EXPECT_EQ(job["request"]["source"], "import");
  const auto listed = hub.call("GET", "/api/v1/imports");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json["items"].size(), 1U);
  const auto metrics = hub.call("GET", "/api/v1/metrics").body;
  EXPECT_NE(metrics.find("harmony_import_lines_total 50"), std::string::npos) << metrics;
  const auto activity = hub.call("GET", "/api/v1/activity").body;
  EXPECT_NE(
      activity.find(fmt::format("import {}: {} items, 43 queued", id, summary["items"].get<int>())),
      std::string::npos)
      << activity;
}

TEST(HarmonydImports, CsvAndM3u8FilesGiveTheSameItemsAsThePastedText) {
  Hub hub;  // no Spotify: lines are requested as they are
  hub.start({{"HTTP_MAX_BODY_BYTES", "4096"}});
  const auto pasted =
      wait_for_import(hub, submit(hub, "Ana Moura - Desfado (Desfado)\r\nMariza - Loucura\n"));
  ASSERT_EQ(pasted.value("status", ""), "done") << pasted.dump(2);
  const std::string csv =
      "\xEF\xBB\xBFTitle,Artist,Album\r\nDesfado,Ana Moura,Desfado\r\nLoucura,Mariza,\r\n";
  const std::string m3u8 =
      "#EXTM3U\n#EXTINF:-1,Ana Moura - Desfado (Desfado)\nfado/01.flac\n#EXTINF:-1,Mariza - "
      "Loucura\nfado/02.flac\n";
  const std::vector<std::pair<std::string, Hub::Reply>> replies{
      {"list.csv uploaded", upload(hub, "list.csv", csv)},
      {"list.m3u8 uploaded", upload(hub, "list.m3u8", m3u8)},
      {"list.m3u8 as JSON", upload_as_json(hub, "list.m3u8", m3u8)}};
  for (const auto& [name, reply] : replies) {
    ASSERT_EQ(reply.status, 202) << name << ": " << reply.body;
    const auto id = reply.json["id"].get<std::int64_t>();
    const auto result = wait_for_import(hub, id);
    EXPECT_EQ(result.value("format", ""), name.starts_with("list.csv") ? "csv" : "m3u") << name;
    ASSERT_EQ(result["items"].size(), pasted["items"].size()) << name << result.dump(2);
    for (std::size_t i = 0; i < pasted["items"].size(); ++i) {
      const auto& want = pasted["items"][i];
      const auto& got = result["items"][i];
      for (const char* field : {"artist", "title", "album"}) {
        EXPECT_EQ(got["request"].value(field, ""), want["request"].value(field, ""))
            << name << " item " << i;
      }
      EXPECT_EQ(got["download_id"], want["download_id"]) << name << ": the same downloads";
      EXPECT_EQ(got["outcome"], "duplicate");
    }
  }
  // Bad input: a binary file, a header without artist and title, a body over the limit.
  const auto binary = upload(hub, "x.csv", std::string("PK\x03\x04\x01\x00", 6));
  EXPECT_EQ(binary.status, 400) << binary.body;
  const auto header = upload(hub, "x.csv", "name,song\nA,B\n");
  EXPECT_EQ(header.status, 400);
  EXPECT_NE(header.body.find("it has: name, song"), std::string::npos) << header.body;
  EXPECT_EQ(upload(hub, "big.txt", std::string(8192, 'a')).status, 413);
  EXPECT_EQ(upload_as_json(hub, "big.txt", std::string(8192, 'a')).status, 413);
  EXPECT_EQ(hub.call("GET", "/api/v1/imports").json["items"].size(), 4U)
      << "refused uploads leave nothing";
  // Invalid UTF-8 in an uploaded line: that line is an invalid item, its neighbours are read.
  const auto mixed = upload(hub, "mixed.txt", "Ana Moura - Desfado\nBad \xC3\x28 - Line\n");
  ASSERT_EQ(mixed.status, 202) << mixed.body;
  const auto read = wait_for_import(hub, mixed.json["id"].get<std::int64_t>());
  ASSERT_EQ(read["items"].size(), 2U) << read.dump(2);
  EXPECT_EQ(read["items"][0]["outcome"], "duplicate");
  EXPECT_EQ(read["items"][1]["outcome"], "invalid");
  EXPECT_NE(read["items"][1]["reason"].get<std::string>().find("UTF-8"), std::string::npos)
      << read["items"][1].dump();
}
