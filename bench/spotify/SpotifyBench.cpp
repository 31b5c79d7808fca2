// harmonyd's Spotify client against the Spotify stand-in, harmonyd as a process:
//  1. while latched (a 429 with Retry-After: 60), how many requests reach the stand-in from 50
//     concurrent callers (target 0), and how fast they get their 503;
//  2. the latency harmonyd adds to a catalogue call: GET /api/v1/spotify/search through harmonyd
//     vs the same search sent straight to the stand-in with an app token (the baseline), both
//     sequential, same run. Prints medians and p95 in milliseconds.
// A third series, GET /api/v1/spotify/status (no Spotify call), shows harmonyd's own HTTP cost.
// Usage: bench_spotify [samples=400]; build with the release preset for figures to publish.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fakes/SpotifyStandIn.hpp"
#include "support/Eventually.hpp"
#include "support/Process.hpp"

namespace {

using namespace harmony;
using Ms = std::chrono::duration<double, std::milli>;

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

template <typename Call>
std::vector<double> time_calls(int samples, Call call) {
  std::vector<double> times;
  for (int i = 0; i < samples; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (!call()) {
      fmt::print(stderr, "a call failed\n");
      std::exit(1);
    }
    times.push_back(Ms(std::chrono::steady_clock::now() - start).count());
  }
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  const int samples = argc > 1 ? std::max(20, std::atoi(argv[1])) : 400;
  fakes::SpotifyStandIn spotify;
  testing::TempDir root;
  const int port = testing::free_loopback_port();
  const std::map<std::string, std::string> env{
      {"APP_PORT", std::to_string(port)},
      {"APP_HOST", "127.0.0.1"},
      {"CONFIG_DIR", root.path() + "/config"},
      {"DOWNLOADS_DIR", root.path() + "/downloads"},
      {"MUSIC_DIR", root.path() + "/music"},
      {"RATE_LIMIT_ENABLED", "false"},
      {"SPOTIFY_REQUESTS_PER_30S", "1000"},
      {"SPOTIFY_CLIENT_ID", spotify.options().client_id},
      {"SPOTIFY_CLIENT_SECRET", spotify.options().client_secret},
      {"SPOTIFY_REDIRECT_URI",
       fmt::format("http://127.0.0.1:{}/callback", testing::free_loopback_port())},
      {"SPOTIFY_ACCOUNTS_URL", spotify.accounts_url()},
      {"SPOTIFY_API_URL", spotify.api_url()}};
  testing::Process harmonyd(testing::build_path("daemons/harmonyd/harmonyd"), {}, env);
  if (!testing::eventually([port] { return testing::port_accepts(port); },
                           std::chrono::seconds(15))) {
    fmt::print(stderr, "harmonyd did not start:\n{}\n", harmonyd.output());
    return 1;
  }
  httplib::Client daemon("127.0.0.1", port);
  daemon.set_read_timeout(30, 0);
  const std::string search = "/api/v1/spotify/search?type=track&limit=10&q=harbour";

  // Baseline: the stand-in's own latency for the same search with an app token.
  httplib::Client accounts(spotify.accounts_url());
  accounts.set_basic_auth(spotify.options().client_id, spotify.options().client_secret);
  auto token = accounts.Post("/api/token", "grant_type=client_credentials",
                             "application/x-www-form-urlencoded");
  const std::string bearer = nlohmann::json::parse(token->body)["access_token"];
  httplib::Client direct(spotify.api_url().substr(0, spotify.api_url().size() - 3));
  const httplib::Headers auth{{"Authorization", "Bearer " + bearer}};
  const auto ok = [](const httplib::Result& r) { return r && r->status == 200; };
  // Warm both paths (connections, app token) before measuring.
  for (int i = 0; i < 20; ++i) {
    (void)ok(daemon.Get(search));
    (void)ok(direct.Get("/v1/search?type=track&limit=10&q=harbour", auth));
  }
  // Interleaved rounds so load changes on the machine hit both sides alike.
  std::vector<double> through;
  std::vector<double> baseline;
  std::vector<double> local;  // a harmonyd route that never calls Spotify: HTTP + pipeline only
  for (int round = 0; round < 4; ++round) {
    auto l = time_calls(samples / 4, [&] { return ok(daemon.Get("/api/v1/spotify/status")); });
    local.insert(local.end(), l.begin(), l.end());
    auto d = time_calls(samples / 4, [&] { return ok(daemon.Get(search)); });
    auto b = time_calls(samples / 4, [&] {
      return ok(direct.Get("/v1/search?type=track&limit=10&q=harbour", auth));
    });
    through.insert(through.end(), d.begin(), d.end());
    baseline.insert(baseline.end(), b.begin(), b.end());
  }
  fmt::print("catalogue call (search, {} samples each)\n", through.size());
  fmt::print("  stand-in direct : median {:.3f} ms, p95 {:.3f} ms\n", percentile(baseline, 0.5),
             percentile(baseline, 0.95));
  fmt::print("  through harmonyd: median {:.3f} ms, p95 {:.3f} ms\n", percentile(through, 0.5),
             percentile(through, 0.95));
  fmt::print("  harmonyd status (no Spotify call): median {:.3f} ms, p95 {:.3f} ms\n",
             percentile(local, 0.5), percentile(local, 0.95));
  fmt::print("  added           : median {:.3f} ms, p95 {:.3f} ms\n",
             percentile(through, 0.5) - percentile(baseline, 0.5),
             percentile(through, 0.95) - percentile(baseline, 0.95));

  // Latched: one 429 with Retry-After: 60, then 50 concurrent callers.
  spotify.throttle(std::chrono::seconds(60));
  (void)daemon.Get(search);  // receives the 429 and latches
  const int before = spotify.api_request_count();
  std::atomic<int> refused{0};
  std::vector<double> waits(50);
  std::vector<std::thread> callers;
  for (int i = 0; i < 50; ++i) {
    callers.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", port);
      const auto start = std::chrono::steady_clock::now();
      auto response = client.Get(search);
      waits[static_cast<std::size_t>(i)] = Ms(std::chrono::steady_clock::now() - start).count();
      if (response && response->status == 503 && response->has_header("Retry-After")) {
        ++refused;
      }
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  fmt::print("latched (Retry-After: 60), 50 concurrent callers\n");
  fmt::print("  requests that reached the stand-in: {}\n", spotify.api_request_count() - before);
  fmt::print("  503 with Retry-After: {} of 50; answer median {:.3f} ms, p95 {:.3f} ms\n",
             refused.load(), percentile(waits, 0.5), percentile(waits, 0.95));
  harmonyd.signal(SIGTERM);
  harmonyd.wait_for_exit(std::chrono::seconds(10));
  return spotify.api_request_count() == before && refused == 50 ? 0 : 1;
}
