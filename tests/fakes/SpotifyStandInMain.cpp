// spotify-standin: the Spotify stand-in (SpotifyStandIn.hpp) as a process, for tests that are
// not C++ (the browser tier, bench/imports). Serves the seeded catalogue plus the artists listed
// in a JSON file and prints one JSON line {"accounts_url","api_url","client_id","client_secret"}
// on stdout once it listens; each line written to its stdin is answered with its counters
// ({"api_requests","searches","token_requests"}); runs until stdin closes or SIGTERM.
//
//   spotify-standin --redirect-uri URI [--artists FILE] [--tracks N]
//
// FILE is an array of {"id","name"} (22-character base62 ids); each artist gets one album
// "<name> – First Light" of N tracks (1–10, default 2) named "Light Song <n>", so a watch of it
// has a release to show.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "fakes/SpotifyStandIn.hpp"
#include "fakes/StandInProcess.hpp"

namespace {

using harmony::fakes::SpotifyStandIn;

int run(int argc, char** argv) {
  SpotifyStandIn::Options options;
  std::string artists_file;
  int tracks = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--redirect-uri") {
      options.redirect_uris = {value};
    } else if (flag == "--artists") {
      artists_file = value;
    } else if (flag == "--tracks") {
      tracks = std::atoi(value.c_str());
      if (tracks < 1 || tracks > 10) {
        std::cerr << "spotify-standin: --tracks is 1 to 10\n";
        return 64;
      }
    } else {
      std::cerr << "spotify-standin: unknown option " << flag << "\n";
      return 64;
    }
  }
  if (options.redirect_uris.empty()) {
    std::cerr << "usage: spotify-standin --redirect-uri URI [--artists FILE] [--tracks N]\n";
    return 64;
  }
  nlohmann::json artists = nlohmann::json::array();
  if (!artists_file.empty()) {
    std::ifstream in(artists_file);
    artists = nlohmann::json::parse(in, nullptr, false);
    if (!artists.is_array()) {
      std::cerr << "spotify-standin: " << artists_file << " is not a JSON array of artists\n";
      return 64;
    }
  }
  SpotifyStandIn standin(options);
  int serial = 0;
  for (const auto& artist : artists) {
    const std::string id = artist.value("id", "");
    const std::string name = artist.value("name", "");
    if (id.size() != 22 || name.empty()) {
      std::cerr << "spotify-standin: an artist needs a 22-character id and a name: "
                << artist.dump() << "\n";
      return 64;
    }
    standin.add_artist(id, name);
    ++serial;
    SpotifyStandIn::Album album;
    album.id = id.substr(0, 19) + "alb";
    album.name = name + " – First Light";
    album.artist_id = id;
    album.release_date = "2026-11-20";
    for (int t = 1; t <= tracks; ++t) {
      // 22-character ids; ISRCs stay 12 characters and distinct for up to 8,999 artists.
      const std::string number = std::to_string(t);
      album.tracks.push_back({id.substr(0, 19 - number.size()) + "trk" + number,
                              "Light Song " + number, t, 1, 200'000,
                              "QZSTB26" + std::to_string(10000 + serial * 10 + t)});
    }
    standin.add_album(std::move(album));
  }
  return harmony::fakes::announce_and_serve(
      nlohmann::json{{"accounts_url", standin.accounts_url()},
                     {"api_url", standin.api_url()},
                     {"client_id", standin.options().client_id},
                     {"client_secret", standin.options().client_secret}},
      [&standin] {
        int searches = 0;
        for (const auto& request : standin.api_requests()) {
          searches += request.target.rfind("/v1/search", 0) == 0 ? 1 : 0;
        }
        return nlohmann::json{{"api_requests", standin.api_request_count()},
                              {"searches", searches},
                              {"token_requests", standin.token_requests("")}};
      });
}

}  // namespace

int main(int argc, char** argv) noexcept {
  return harmony::fakes::stand_in_main("spotify-standin", [&] { return run(argc, argv); });
}
