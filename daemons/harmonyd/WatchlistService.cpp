#include "WatchlistService.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::harmonyd {
namespace {

watchlist::CheckOptions check_options(const WatchlistOptions& options) {
  watchlist::CheckOptions check;
  check.interval = options.interval;
  return check;
}

Error no_watch(const std::string& key) {
  return make_error(ErrorKind::not_found,
                    fmt::format("'{}' is not on the watchlist (GET /api/v1/watchlist lists it)",
                                key.substr(0, 80)));
}

}  // namespace

WatchlistService::WatchlistService(WatchlistOptions options, store::Store& store,
                                   spotify::SpotifyCatalog& catalog, library::TrackStore& library,
                                   const Clock& clock)
    : m_options(options),
      m_catalog(catalog),
      m_clock(clock),
      m_store(store),
      m_download_activity(m_store, clock),
      m_checker(m_store, catalog, library, clock, check_options(options)),
      m_scheduler(
          m_store, m_checker, clock,
          [this](const std::string&, const watchlist::CheckReport& report) { checked(report); }) {}

WatchlistService::~WatchlistService() {
  stop();
}

std::int64_t WatchlistService::now_ms() const {
  return watchlist::wall_ms(m_clock);
}

void WatchlistService::note(const std::string& type, const watchlist::WatchedArtist& artist,
                            const std::string& message) {
  if (auto added = m_store.add_activity({0, now_ms(), type, artist.key, message}); !added) {
    log::warning("cannot record watchlist activity", {{"ERROR", added.error().message}});
  }
}

void WatchlistService::checked(const watchlist::CheckReport& report) {
  if (m_metrics != nullptr) {
    m_metrics
        ->counter("harmony_watchlist_checks_total", "Watchlist checks finished, by result.",
                  {{"result", report.result}})
        .inc();
    m_metrics
        ->counter("harmony_watchlist_releases_found_total",
                  "New releases of watched artists recorded for download.")
        .inc(report.releases_found);
    m_metrics
        ->counter("harmony_watchlist_tracks_queued_total",
                  "Download jobs created by watchlist checks.")
        .inc(report.tracks_queued);
  }
  // The activity feed is pruned at most once an hour, by the scheduler's thread.
  const std::int64_t now = now_ms();
  if (now - m_pruned_at.load() >= 3'600'000) {
    m_pruned_at = now;
    if (auto pruned = m_store.prune_activity(now - m_options.activity_retention.count()); !pruned) {
      log::warning("cannot prune the activity feed", {{"ERROR", pruned.error().message}});
    }
  }
}

void WatchlistService::register_metrics(metrics::Registry& registry) {
  m_metrics = &registry;
  for (const char* state : {"active", "paused"}) {
    registry.gauge_callback(
        "harmony_watchlist_artists", "Watched artists, by state.",
        [this, paused = std::string_view(state) == "paused"] {
          auto artists = m_store.list();
          if (!artists) {
            return 0.0;
          }
          return static_cast<double>(std::count_if(
              artists->begin(), artists->end(),
              [paused](const watchlist::WatchedArtist& a) { return a.paused == paused; }));
        },
        {{"state", state}});
  }
  for (const char* result : {"unchanged", "new_releases", "failed", "rate_limited"}) {
    registry.counter("harmony_watchlist_checks_total", "Watchlist checks finished, by result.",
                     {{"result", result}});
  }
  registry.counter("harmony_watchlist_releases_found_total",
                   "New releases of watched artists recorded for download.");
  registry.counter("harmony_watchlist_tracks_queued_total",
                   "Download jobs created by watchlist checks.");
}

Result<watchlist::WatchedArtist> WatchlistService::existing(const std::string& key) {
  auto found = m_store.find(key);
  if (!found) {
    return std::move(found).error();
  }
  if (!*found) {
    return no_watch(key);
  }
  return std::move(**found);
}

Result<watchlist::WatchedArtist> WatchlistService::save(watchlist::WatchedArtist artist,
                                                        unsigned fields) {
  if (auto saved = m_store.update(artist, fields); !saved) {
    return std::move(saved).error();
  }
  m_scheduler.wake();
  return artist;
}

Result<std::pair<watchlist::WatchedArtist, bool>> WatchlistService::watch(
    const api::WatchRequest& request) {
  std::string id;
  HARMONY_TRY_ASSIGN(id, watchlist::parse_artist_reference(request.artist));
  const std::string key = watchlist::artist_key(id);
  auto found = m_store.find(key);
  if (!found) {
    return std::move(found).error();
  }
  if (*found) {
    return std::make_pair(std::move(**found), false);
  }
  auto artist = m_catalog.artist(id);
  if (!artist) {
    if (artist.error().kind == ErrorKind::not_found) {
      return make_error(ErrorKind::not_found,
                        fmt::format("Spotify has no artist {} (check the id or URL)", id));
    }
    return std::move(artist).error();
  }
  watchlist::WatchedArtist watched;
  watched.key = key;
  watched.spotify_id = id;
  watched.name = artist->name.substr(0, 500);
  watched.priority = request.priority.value_or(watched.priority);
  watched.monitor = request.monitor.value_or(watched.monitor);
  if (request.release_types) {
    watched.release_types = *request.release_types;
  }
  watched.added_ms = now_ms();
  watched.next_check_ms = watched.added_ms;  // the first check (recording what exists) runs now
  auto added = m_store.add(watched);
  if (!added) {
    return std::move(added).error();
  }
  if (!*added) {  // watched meanwhile by a concurrent request
    return std::make_pair(std::move(watched), false);
  }
  note("artist_added", watched,
       fmt::format("{} watched (monitor {})", watched.name, watchlist::to_string(watched.monitor)));
  m_scheduler.wake();
  return std::make_pair(std::move(watched), true);
}

Result<api::WatchDetail> WatchlistService::detail(const std::string& key) {
  api::WatchDetail detail;
  HARMONY_TRY_ASSIGN(detail.artist, existing(key));
  HARMONY_TRY_ASSIGN(detail.releases, m_store.releases(key));
  return detail;
}

Result<watchlist::WatchedArtist> WatchlistService::change(const std::string& key,
                                                          const api::WatchPatch& patch) {
  watchlist::WatchedArtist artist;
  HARMONY_TRY_ASSIGN(artist, existing(key));
  artist.priority = patch.priority.value_or(artist.priority);
  artist.monitor = patch.monitor.value_or(artist.monitor);
  if (patch.release_types && *patch.release_types != artist.release_types) {
    artist.release_types = *patch.release_types;
    artist.totals.clear();  // other groups: the next check reads everything
    artist.next_check_ms = now_ms();
  }
  return save(std::move(artist), watchlist::k_watch_settings | watchlist::k_watch_schedule);
}

Result<watchlist::WatchedArtist> WatchlistService::pause(const std::string& key,
                                                         const std::string& reason,
                                                         std::int64_t resume_at_ms) {
  watchlist::WatchedArtist artist;
  HARMONY_TRY_ASSIGN(artist, existing(key));
  artist.paused = true;
  artist.pause_reason = reason.empty() ? "paused" : reason;
  artist.resume_at_ms = resume_at_ms;
  note("artist_paused", artist,
       resume_at_ms == 0 ? fmt::format("{} paused ({})", artist.name, artist.pause_reason)
                         : fmt::format("{} paused ({}) until {} ms", artist.name,
                                       artist.pause_reason, resume_at_ms));
  return save(std::move(artist), watchlist::k_watch_pause);
}

Result<watchlist::WatchedArtist> WatchlistService::resume(const std::string& key) {
  watchlist::WatchedArtist artist;
  HARMONY_TRY_ASSIGN(artist, existing(key));
  if (artist.paused) {
    artist.paused = false;
    artist.pause_reason.clear();
    artist.resume_at_ms = 0;
    artist.next_check_ms = std::min(artist.next_check_ms, now_ms());
    note("artist_resumed", artist, fmt::format("{} resumed", artist.name));
  }
  return save(std::move(artist), watchlist::k_watch_pause | watchlist::k_watch_schedule);
}

Result<watchlist::WatchedArtist> WatchlistService::check_now(const std::string& key) {
  watchlist::WatchedArtist artist;
  HARMONY_TRY_ASSIGN(artist, existing(key));
  if (artist.paused) {
    return make_error(ErrorKind::invalid,
                      fmt::format("{} is paused ({}); POST /api/v1/watchlist/{}/resume first",
                                  artist.key, artist.pause_reason, artist.key));
  }
  m_scheduler.request_check(key);  // before the write: a running check must not undo it
  artist.next_check_ms = 0;
  return save(std::move(artist), watchlist::k_watch_schedule);
}

Result<void> WatchlistService::unwatch(const std::string& key) {
  auto removed = m_store.remove(key);
  if (!removed) {
    return std::move(removed).error();
  }
  if (!*removed) {
    return no_watch(key);
  }
  return {};
}

}  // namespace harmony::harmonyd
