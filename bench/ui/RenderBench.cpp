// Server-side render time of each UI page with 10,000 jobs, 1,000 watched artists and an import
// of 10,000 lines (pages are paged: 50 downloads, 100 dead letters, 8 recent, 50 artists, 50
// imports, 200 import lines), through the real route table, gate,
// templates and a FakeDownloads store in memory, so the number is the UI's own cost. Baseline in
// the same run: the API's JSON for the same 50 jobs (Job::to_json + dump). Prints median and p95
// per page, and the embedded assets' raw and gzip sizes. Usage: bench_ui_render [iterations
// (default 400)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fakes/FakeClock.hpp"
#include "fakes/FakeConsole.hpp"
#include "fakes/FakeSessionStore.hpp"
#include "http/Router.hpp"
#include "ui/EmbeddedFile.hpp"
#include "ui/MustacheTemplates.hpp"
#include "ui/UiRoutes.hpp"

namespace {

using namespace harmony;
using harmonyd::hdm::JobState;

harmonyd::hdm::Job make_job(std::int64_t id) {
  harmonyd::hdm::Job job;
  job.id = id;
  job.request.artist = fmt::format("Artist {}", id % 300);
  job.request.title = fmt::format("A song title number {}", id);
  job.request.album = "Some Album";
  job.state =
      id % 10 == 0 ? JobState::dead_letter : (id % 7 == 0 ? JobState::downloading : JobState::done);
  job.last_error = id % 10 == 0 ? fmt::format("no candidate above the threshold ({})", id % 3) : "";
  job.final_path = "/music/Artist/Some Album (1970)/06 - A song.flac";
  job.created_ms = 1'700'000'000'000 + id;
  job.updated_ms = job.created_ms + 1000;
  job.state_since_ms = job.updated_ms;
  harmonyd::hdm::Candidate candidate;
  candidate.username = "peer";
  candidate.file.filename = "@@share\\Artist\\Some Album\\06 - A song.flac";
  candidate.file.size = 30'000'000;
  candidate.score.total = 0.91;
  candidate.score.format_label = "flac";
  job.candidates.push_back(candidate);
  job.bytes_seen = 15'000'000;
  return job;
}

struct Stat {
  double median_ms;
  double p95_ms;
};

template <typename F>
Stat measure(int iterations, F&& run) {
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    samples.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[samples.size() * 95 / 100]};
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::max(20, std::atoi(argv[1])) : 400;
  fakes::FakeConsole console;
  fakes::FakeDownloads& downloads = console.jobs;
  for (std::int64_t id = 1; id <= 10'000; ++id) {
    downloads.jobs[id] = make_job(id);
  }
  for (int i = 0; i < 1'000; ++i) {
    harmonyd::watchlist::WatchedArtist artist;
    artist.key = fmt::format("spotify:{:0>22}", i);
    artist.name = fmt::format("Watched Artist {}", i);
    artist.last_checked_ms = 1'700'000'000'000 + i;
    artist.last_result = "unchanged";
    console.watched.artists.push_back(std::move(artist));
  }
  for (int i = 0; i < 20; ++i) {
    console.watched.entries.push_back(
        {i + 1, 1'700'000'000'000 + i, "release_found", "spotify:0", "New release: Some Album"});
  }
  for (int i = 0; i < 40; ++i) {
    console.environment_json["keys"][fmt::format("KEY_{}", i)] = {{"value", "value"},
                                                                  {"origin", "default"}};
  }
  // 50 imports; each answers with the same 10,000 items, a third of them matched on Spotify.
  for (int i = 0; i < 50; ++i) {
    console.imported.submitted.emplace_back("", fmt::format("list-{}.csv", i));
  }
  for (int line = 1; line <= 10'000; ++line) {
    nlohmann::json item{
        {"line", line},
        {"kind", "track"},
        {"text", fmt::format("Artist {} - A song title number {}", line % 300, line)},
        {"request",
         {{"artist", fmt::format("Artist {}", line % 300)},
          {"title", fmt::format("A song title number {}", line)},
          {"source", "import"}}},
        {"unmatched", line % 3 == 1},
        {"outcome", line % 5 == 0 ? "duplicate" : "queued"},
        {"reason", line % 5 == 0 ? "line 1 asks for the same recording" : ""},
        {"download_id", line},
        {"match", nullptr}};
    if (line % 3 == 0) {
      item["match"] = {{"spotify_id", "0TestTrack01AAAAAAAAAA"},
                       {"isrc", "QZTST2600001"},
                       {"album", "Some Album"},
                       {"year", 1970},
                       {"duration_ms", 180'000},
                       {"score", 0.92},
                       {"threshold", 0.75}};
    }
    console.imported.items.push_back(std::move(item));
  }
  console.imported.summary = {{"lines", 10'000},
                              {"items", 10'000},
                              {"matched", 3'333},
                              {"outcomes", {{"duplicate", 2'000}, {"queued", 8'000}}}};
  auto templates = harmonyd::ui::MustacheTemplates::load();
  if (!templates) {
    std::fprintf(stderr, "%s\n", templates.error().message.c_str());
    return 70;
  }
  fakes::FakeClock clock;
  fakes::FakeSessionStore store;
  harmonyd::ui::SessionManager sessions(store, clock);
  harmonyd::ui::LoginThrottle throttle(clock);
  harmonyd::ui::UiContext context{
      console, **templates, sessions, throttle, [] {
        return harmonyd::ui::UiOptions{{}, std::chrono::hours(8), false, true};
      }};
  http::Router router;
  for (auto& route : harmonyd::ui::routes(context)) {
    router.add(std::move(route));
  }
  // One anonymous session, as a browser would hold after its first visit.
  const auto session = sessions.open(false).value();
  auto request = [&](const std::string& path, const std::string& query = "") {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.headers.emplace("Cookie", std::string("harmony_session=") + session.token);
    if (!query.empty()) {
      r.query.emplace("state", query);
    }
    return r;
  };

  std::printf("| Page (10,000 jobs) | bytes | median ms | p95 ms |\n|---|---|---|---|\n");
  const std::vector<std::pair<std::string, http::Request>> pages = {
      {"Dashboard `/ui/`", request("/ui/")},
      {"Dashboard live fragment", request("/ui/partials/dashboard")},
      {"Downloads `/ui/downloads` (50)", request("/ui/downloads")},
      {"Downloads filtered `?state=downloading`", request("/ui/downloads", "downloading")},
      {"Downloads fragment", request("/ui/partials/downloads")},
      {"Download `/ui/downloads/7`", request("/ui/downloads/7")},
      {"Dead letters (100 of 1,000)", request("/ui/dead-letters")},
      {"System", request("/ui/system")},
      {"Watchlist `/ui/watchlist` (50 of 1,000 artists)", request("/ui/watchlist")},
      {"Search (Spotify not configured)", request("/ui/search")},
      {"Spotify (not configured)", request("/ui/spotify")},
      {"Imports `/ui/imports` (50 imports)", request("/ui/imports")},
      {"Import `/ui/imports/1` (200 of 10,000 lines)", request("/ui/imports/1")},
      {"Import fragment (polled 1/s while processing)", request("/ui/partials/imports/1")},
  };
  for (const auto& [name, req] : pages) {
    std::size_t bytes = 0;
    const Stat stat = measure(iterations, [&] {
      const http::Response response = router.dispatch(req);
      bytes = response.body.size();
      if (response.status != 200 && response.status != 286) {
        std::fprintf(stderr, "%s answered %d\n", name.c_str(), response.status);
        std::exit(70);
      }
    });
    std::printf("| %s | %zu | %.3f | %.3f |\n", name.c_str(), bytes, stat.median_ms, stat.p95_ms);
  }
  const Stat baseline = measure(iterations, [&] {
    auto page = downloads.list(std::nullopt, 50, std::nullopt).value();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& job : page.jobs) {
      items.push_back(job.to_json());
    }
    volatile std::size_t size = nlohmann::json{{"items", items}}.dump().size();
    (void)size;
  });
  std::printf("| Baseline: API JSON of the same 50 jobs | – | %.3f | %.3f |\n", baseline.median_ms,
              baseline.p95_ms);
  // What GET /api/v1/imports/1 spends on the same import: every item, serialised.
  const Stat import_json = measure(iterations, [&] {
    volatile std::size_t size = console.imported.get(1).value().dump().size();
    (void)size;
  });
  std::printf("| Baseline: API JSON of the same import (10,000 lines) | – | %.3f | %.3f |\n",
              import_json.median_ms, import_json.p95_ms);
  // The import page's source: the stand-in's page(1, 0, 200) copies the 200 items shown, as the
  // daemon's store reads them by the primary key; the totals come with the import's summary.
  const Stat import_page = measure(iterations, [&] {
    volatile std::size_t items = console.imported.page(1, 0, 200).value()["items"].size();
    (void)items;
  });
  std::printf(
      "| Imports stand-in: `page(1, 0, 200)` copying 200 items (part of both import rows) | – | "
      "%.3f | %.3f |\n",
      import_page.median_ms, import_page.p95_ms);
  // The dashboard's jobs-by-state comes from the store; the in-memory stand-in counts by walking
  // all 10,000 jobs, so this part of the dashboard is the stand-in's cost, not the UI's.
  const Stat counts = measure(iterations, [&] {
    volatile std::size_t states = downloads.counts().value().size();
    (void)states;
  });
  std::printf(
      "| Store stand-in: `counts()` over 10,000 jobs (part of both dashboard rows) | – | %.3f "
      "| %.3f |\n",
      counts.median_ms, counts.p95_ms);

  // The build writes each asset's gzip -9 next to the generated sources (cmake/EmbedFiles.cmake).
  std::size_t raw = 0;
  std::size_t gzip = 0;
  std::printf("\n| Asset | bytes | gzip bytes |\n|---|---|---|\n");
  for (const auto& asset : harmonyd::ui::embedded_assets()) {
    std::error_code error;
    const auto compressed = std::filesystem::file_size(
        std::filesystem::path(HARMONY_UI_GZIP_DIR) / (std::string(asset.name) + ".gz"), error);
    std::printf("| %.*s | %zu | %zu |\n", static_cast<int>(asset.name.size()), asset.name.data(),
                asset.bytes.size(), error ? std::size_t{0} : static_cast<std::size_t>(compressed));
    raw += asset.bytes.size();
    gzip += error ? 0 : compressed;
  }
  std::printf("| **total** | %zu | **%zu** |\n", raw, gzip);
  return 0;
}
