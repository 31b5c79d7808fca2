// The stand-in's seeded catalogue and how its objects look in JSON (Spotify's object shapes).
#include <fmt/format.h>

#include "fakes/SpotifyStandInState.hpp"

namespace harmony::fakes {
namespace {

using nlohmann::json;

// A 22-character base62 id derived from a number, like Spotify's.
std::string spotify_id(const char* prefix, int n) {
  std::string id = fmt::format("{}{:0>{}}", prefix, n, 22 - std::char_traits<char>::length(prefix));
  return id.substr(0, 22);
}

}  // namespace

void SpotifyStandIn::State::seed() {
  artists[k_artist] = "Nova Tideline";
  artists[k_other_artist] = "The Quiet Meridian";
  int track_serial = 0;
  for (int a = 0; a < 13; ++a) {
    Album album;
    album.id = a == 0 ? std::string(k_album) : spotify_id("alb", a);
    album.name = a == 0 ? "Harbour Lights" : fmt::format("Tideline Sessions Vol. {}", a);
    album.artist_id = k_artist;
    album.album_type = a % 4 == 3 ? "single" : "album";
    album.release_date = fmt::format("{}-03-{:02}", 2010 + a, a + 1);
    album.upc = fmt::format("{:012}", 600000000000LL + a);
    const int count = a == 0 ? 12 : (album.album_type == "single" ? 1 : 3);
    for (int t = 1; t <= count; ++t) {
      ++track_serial;
      album.tracks.push_back({spotify_id("trk", track_serial),
                              a == 0 ? fmt::format("Harbour Song {}", t)
                                     : fmt::format("Session Piece {}", track_serial),
                              t, t > 10 ? 2 : 1, 180'000 + t * 1'000,
                              fmt::format("QZTST26{:05}", track_serial)});
    }
    albums.push_back(std::move(album));
  }
  Album other{spotify_id("alb", 99),
              "Meridian Hours",
              k_other_artist,
              "album",
              "1999",
              "year",
              "600000000099",
              {}};
  other.tracks.push_back({spotify_id("trk", 999), "Quiet Hour", 1, 1, 240'000, "QZTST2600999"});
  albums.push_back(std::move(other));
  playlists.push_back({k_playlist,
                       "Stand-in Mix",
                       options.user.id,
                       {albums[0].tracks[0].id, albums[0].tracks[1].id, spotify_id("trk", 999)}});
}

json SpotifyStandIn::State::artist_json(const std::string& id) const {
  return {{"id", id},
          {"name", artists.at(id)},
          {"type", "artist"},
          {"uri", "spotify:artist:" + id},
          {"genres", json::array()},
          {"external_urls", {{"spotify", "https://open.spotify.com/artist/" + id}}}};
}

json SpotifyStandIn::State::album_summary_json(const Album& album) const {
  return {{"id", album.id},
          {"name", album.name},
          {"type", "album"},
          {"album_type", album.album_type},
          {"total_tracks", album.tracks.size()},
          {"release_date", album.release_date},
          {"release_date_precision", album.release_date_precision},
          {"uri", "spotify:album:" + album.id},
          {"artists", json::array({{{"id", album.artist_id},
                                    {"name", artists.at(album.artist_id)},
                                    {"type", "artist"}}})}};
}

json SpotifyStandIn::State::track_json(const Album& album, const Track& track,
                                       bool with_album) const {
  json body{{"id", track.id},
            {"name", track.name},
            {"type", "track"},
            {"track_number", track.track_number},
            {"disc_number", track.disc_number},
            {"duration_ms", track.duration_ms},
            {"explicit", false},
            {"uri", "spotify:track:" + track.id},
            {"artists", json::array({{{"id", album.artist_id},
                                      {"name", artists.at(album.artist_id)},
                                      {"type", "artist"}}})}};
  // Full track objects (search, playlist items) carry the album and ISRC; the simplified ones
  // inside an album carry neither, as on Spotify.
  if (with_album) {
    body["album"] = album_summary_json(album);
    body["external_ids"] = {{"isrc", track.isrc}};
  }
  return body;
}

const SpotifyStandIn::Album* SpotifyStandIn::State::find_album(const std::string& id) const {
  for (const Album& album : albums) {
    if (album.id == id) {
      return &album;
    }
  }
  return nullptr;
}

}  // namespace harmony::fakes
