// One full watchlist round over N watched artists, none of which has changed: the Spotify
// requests it costs (counted by the Spotify stand-in) and the CPU time of the checking thread
// (harmonyd's part: HTTP client, JSON, SQLite; the stand-in runs on its own threads). The
// real ReleaseChecker, WatchlistRepository on SQLite and SpotifyService's rate-gated client
// (app token, pacer at its maximum of 1000 requests per 30 s) against the stand-in on loopback.
// Baseline in the same run: the same GET for every artist sent by a bare keep-alive HTTP
// client, nothing parsed or stored.
// Usage: bench_watchlist_round [artists] [rounds] [work-dir]
#include <time.h>

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "SpotifyService.hpp"
#include "fakes/SpotifyStandIn.hpp"
#include "store/LibraryRepository.hpp"
#include "store/WatchlistRepository.hpp"
#include "watchlist/ReleaseChecker.hpp"

namespace fs = std::filesystem;
using namespace harmony;
using namespace harmony::harmonyd;
using fakes::SpotifyStandIn;

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// A base62-looking id of 22 characters.
std::string id_of(char kind, int n) {
  std::string id = fmt::format("{}{:07}", kind, n);
  id.resize(22, 'q');
  return id;
}

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const int artists = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  const fs::path work = argc > 3 ? argv[3] : "/var/tmp/harmony-bench-watchlist";

  // The catalogue: every artist with two albums and a single of three tracks each.
  SpotifyStandIn::Options stand_in_options;
  stand_in_options.seed_catalogue = false;
  SpotifyStandIn spotify(stand_in_options);
  std::vector<std::string> ids;
  for (int a = 0; a < artists; ++a) {
    ids.push_back(id_of('A', a));
    spotify.add_artist(ids.back(), fmt::format("Bench Artist {}", a));
    for (int r = 0; r < 3; ++r) {
      SpotifyStandIn::Album album;
      album.id = id_of('R', a * 3 + r);
      album.name = fmt::format("Release {} of {}", r, a);
      album.artist_id = ids.back();
      album.album_type = r == 2 ? "single" : "album";
      for (int t = 1; t <= 3; ++t) {
        album.tracks.push_back({id_of('T', (a * 3 + r) * 3 + t), fmt::format("Track {}", t), t, 1,
                                200'000, fmt::format("QZB{:02}{:07}", t, a * 3 + r)});
      }
      spotify.add_album(std::move(album));
    }
  }

  fs::remove_all(work);
  fs::create_directories(work);
  auto opened = store::Store::open({(work / "harmony.db").string(), false});
  if (!opened) {
    die(opened.error().message);
  }
  store::Store& db = **opened;
  SystemClock clock;
  metrics::Registry registry;
  harmonyd::config::SpotifySettings settings;
  settings.client_id = spotify.options().client_id;
  settings.client_secret = log::Secret(spotify.options().client_secret);
  settings.accounts_url = spotify.accounts_url();
  settings.api_url = spotify.api_url();
  settings.requests_per_30s = 1000;  // the pacer's maximum: the round is CPU, not pacing
  SpotifyService service(settings, db, clock, registry);
  store::WatchlistRepository repository(db);
  store::LibraryRepository library(db);
  watchlist::ReleaseChecker checker(repository, service.catalog(), library, clock);

  for (const auto& id : ids) {
    watchlist::WatchedArtist artist;
    artist.key = watchlist::artist_key(id);
    artist.spotify_id = id;
    artist.name = id;
    artist.added_ms = watchlist::wall_ms(clock);
    if (auto added = repository.add(artist); !added || !*added) {
      die("cannot add " + id);
    }
  }
  // The first check of each artist records its releases as known (monitor: new).
  for (const auto& id : ids) {
    const auto report = checker.check(watchlist::artist_key(id));
    if (report.result != "first_scan") {
      die(fmt::format("first check of {}: {} {}", id, report.result, report.error));
    }
  }

  // The baseline's token: the app's client-credentials grant, as harmonyd asks for it.
  httplib::Client accounts(spotify.accounts_url());
  httplib::Headers basic = {httplib::make_basic_authentication_header(
      spotify.options().client_id, spotify.options().client_secret)};
  auto token_reply = accounts.Post("/api/token", basic, "grant_type=client_credentials",
                                   "application/x-www-form-urlencoded");
  if (!token_reply || token_reply->status != 200) {
    die("no app token from the stand-in");
  }
  const std::string token =
      nlohmann::json::parse(token_reply->body).value("access_token", std::string());
  const std::string api_url = spotify.api_url();
  httplib::Client api(api_url.substr(0, api_url.rfind("/v1")));
  api.set_keep_alive(true);

  std::vector<double> round_cpu;
  std::vector<double> baseline_cpu;
  std::vector<int> round_requests;
  for (int round = 0; round < rounds; ++round) {
    int before = spotify.api_request_count();
    double start = thread_cpu_seconds();
    for (const auto& id : ids) {
      const auto report = checker.check(watchlist::artist_key(id));
      if (report.result != "unchanged") {
        die(fmt::format("round check of {}: {} {}", id, report.result, report.error));
      }
    }
    round_cpu.push_back(thread_cpu_seconds() - start);
    round_requests.push_back(spotify.api_request_count() - before);

    start = thread_cpu_seconds();
    for (const auto& id : ids) {
      auto reply =
          api.Get(fmt::format("/v1/artists/{}/albums?include_groups=album,single&limit=10", id),
                  {{"Authorization", "Bearer " + token}});
      if (!reply || reply->status != 200) {
        die("baseline GET failed");
      }
    }
    baseline_cpu.push_back(thread_cpu_seconds() - start);
    std::printf("round %d: %d requests, check CPU %.3f s, bare GETs CPU %.3f s\n", round + 1,
                round_requests.back(), round_cpu.back(), baseline_cpu.back());
  }
  const double cpu = median(round_cpu);
  const double base = median(baseline_cpu);
  std::vector<double> requests(round_requests.begin(), round_requests.end());
  std::printf(
      "%d artists, none changed, %d rounds (medians): %.0f Spotify requests per round "
      "(target <= %d), round CPU %.3f s (target <= 2 s), bare GETs CPU %.3f s, ratio %.2f\n",
      artists, rounds, median(requests), 2 * artists, cpu, base, base > 0 ? cpu / base : 0.0);
  return 0;
}
