// spotify-standin: the Spotify stand-in (SpotifyStandIn.hpp) as a process, for tests that are
// not C++ (the browser tier). Serves the seeded catalogue plus the artists listed in a JSON file
// and prints one JSON line {"accounts_url","api_url","client_id","client_secret"} on stdout once
// it listens; runs until stdin closes or SIGTERM.
//
//   spotify-standin --redirect-uri URI [--artists FILE]
//
// FILE is an array of {"id","name"} (22-character base62 ids); each artist gets one album
// "<name> – First Light" of two tracks, so a watch of it has a release to show.
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
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--redirect-uri") {
      options.redirect_uris = {value};
    } else if (flag == "--artists") {
      artists_file = value;
    } else {
      std::cerr << "spotify-standin: unknown option " << flag << "\n";
      return 64;
    }
  }
  if (options.redirect_uris.empty()) {
    std::cerr << "usage: spotify-standin --redirect-uri URI [--artists FILE]\n";
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
    for (int t = 1; t <= 2; ++t) {
      album.tracks.push_back({id.substr(0, 18) + "trk" + std::to_string(t),
                              "Light Song " + std::to_string(t), t, 1, 200'000,
                              "QZSTB26" + std::to_string(10000 + serial * 10 + t)});
    }
    standin.add_album(std::move(album));
  }
  return harmony::fakes::announce_and_serve(
      nlohmann::json{{"accounts_url", standin.accounts_url()},
                     {"api_url", standin.api_url()},
                     {"client_id", standin.options().client_id},
                     {"client_secret", standin.options().client_secret}});
}

}  // namespace

int main(int argc, char** argv) noexcept {
  return harmony::fakes::stand_in_main("spotify-standin", [&] { return run(argc, argv); });
}
