#include "watchlist/ReleaseChecker.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "integrations/spotify/Failure.hpp"
#include "integrations/spotify/Records.hpp"
#include "integrations/spotify/TrackRequest.hpp"
#include "library/MatchKey.hpp"
#include "library/RequestIdentity.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd::watchlist {
namespace {

constexpr int k_page = spotify::SpotifyCatalog::k_artist_albums_page_max;

}  // namespace

std::vector<std::string> request_groups(const std::vector<std::string>& release_types) {
  const auto has = [&](std::string_view type) {
    return std::find(release_types.begin(), release_types.end(), type) != release_types.end();
  };
  std::vector<std::string> groups;
  for (const auto& pair : {std::pair{"album", "single"}, std::pair{"compilation", "appears_on"}}) {
    std::string group;
    for (const char* type : {pair.first, pair.second}) {
      if (has(type)) {
        group += group.empty() ? type : fmt::format(",{}", type);
      }
    }
    if (!group.empty()) {
      groups.push_back(group);
    }
  }
  return groups;
}

struct ReleaseChecker::Scan {
  std::set<std::string> known;
  std::set<std::string> seen;  // candidates already taken (Spotify may list a release twice)
  std::vector<spotify::AlbumSummary> candidates;
  std::map<std::string, int> totals;
  bool complete = true;    // every group read to its end
  bool rescanned = false;  // a total changed or the weekly full scan was due
};

ReleaseChecker::ReleaseChecker(WatchlistStore& store, spotify::SpotifyCatalog& catalog,
                               library::TrackStore& library, const Clock& clock,
                               CheckOptions options)
    : m_store(store),
      m_catalog(catalog),
      m_library(library),
      m_clock(clock),
      m_options(options),
      m_rng(options.seed) {}

std::int64_t ReleaseChecker::now_ms() const {
  return watchlist::wall_ms(m_clock);
}

void ReleaseChecker::note(const std::string& type, const std::string& artist_key,
                          const std::string& message) {
  ActivityEntry entry;
  entry.at_ms = now_ms();
  entry.type = type;
  entry.artist_key = artist_key;
  entry.message = message;
  if (auto added = m_store.add_activity(entry); !added) {
    log::warning("cannot record watchlist activity", {{"ERROR", added.error().message}});
  }
}

std::int64_t ReleaseChecker::next_regular_check(std::int64_t now) {
  // ±10 % jitter keeps watches added together from staying together.
  const auto interval = m_options.interval.count();
  std::uniform_int_distribution<std::int64_t> jitter(-interval / 10, interval / 10);
  return now + interval + jitter(m_rng);
}

CheckReport ReleaseChecker::check(const std::string& key) {
  CheckReport report;
  auto found = m_store.find(key);
  if (!found || !*found) {
    report.result = found ? "not_watched" : "failed";
    report.error = found ? fmt::format("{} is not watched", key) : found.error().message;
    return report;
  }
  WatchedArtist artist = std::move(**found);
  const std::int64_t now = now_ms();
  unsigned pause_fields = 0;  // written only when this check paused or resumed the watch
  if (artist.paused) {
    if (artist.resume_at_ms == 0 || now < artist.resume_at_ms) {
      report.result = "skipped_paused";
      return report;
    }
    artist.paused = false;
    artist.pause_reason.clear();
    artist.resume_at_ms = 0;
    pause_fields = k_watch_pause;
    note("artist_resumed", artist.key, fmt::format("{} resumed (resume_at passed)", artist.name));
  }
  auto known = m_store.known_release_ids(key);
  if (!known) {
    fail(artist, known.error(), report, pause_fields);
    return report;
  }
  Scan scan;
  scan.known = std::move(*known);
  const bool first_scan = artist.last_full_scan_ms == 0;
  const bool due_full =
      first_scan || now - artist.last_full_scan_ms >=
                        static_cast<std::int64_t>(m_options.full_scan_every.count());
  for (const auto& group : request_groups(artist.release_types)) {
    if (auto scanned = scan_group(artist, group, due_full, scan, report); !scanned) {
      fail(artist, scanned.error(), report, pause_fields);
      return report;
    }
  }
  for (const auto& summary : scan.candidates) {
    if (auto taken = take_release(artist, summary, first_scan, report); !taken) {
      fail(artist, taken.error(), report, pause_fields);
      return report;
    }
  }
  artist.totals = scan.totals;
  if (scan.complete) {
    artist.last_full_scan_ms = now;
  }
  artist.last_checked_ms = now;
  artist.failures = 0;
  artist.last_error.clear();
  artist.next_check_ms = next_regular_check(now);
  report.result = first_scan              ? "first_scan"
                  : report.releases_found ? "new_releases"
                  : scan.rescanned        ? "rescanned"
                                          : "unchanged";
  artist.last_result = report.result;
  if (auto saved = m_store.update(artist, k_watch_check | k_watch_schedule | pause_fields);
      !saved) {
    report.result = "failed";
    report.error = saved.error().message;
  }
  return report;
}

Result<void> ReleaseChecker::scan_group(WatchedArtist& artist, const std::string& group, bool full,
                                        Scan& scan, CheckReport& report) {
  const auto take = [&](std::vector<spotify::AlbumSummary>& items) {
    for (auto& item : items) {
      if (!scan.known.count(item.id) && scan.seen.insert(item.id).second &&
          static_cast<int>(scan.candidates.size()) < m_options.max_releases) {
        scan.candidates.push_back(std::move(item));
      }
    }
  };
  ++report.requests;
  auto page = m_catalog.artist_albums_page(artist.spotify_id, group, k_page, 0);
  if (!page) {
    return std::move(page).error();
  }
  scan.totals[group] = page->total;
  const auto stored = artist.totals.find(group);
  const bool changed = stored == artist.totals.end() || stored->second != page->total;
  bool more = page->has_next;
  take(page->items);
  if (!full && !changed) {
    scan.complete = scan.complete && !more;
    return {};
  }
  scan.rescanned = true;
  for (int offset = k_page; more && offset < m_options.max_releases; offset += k_page) {
    ++report.requests;
    auto next = m_catalog.artist_albums_page(artist.spotify_id, group, k_page, offset);
    if (!next) {
      return std::move(next).error();
    }
    more = next->has_next && !next->items.empty();
    take(next->items);
  }
  return {};
}

Result<void> ReleaseChecker::take_release(const WatchedArtist& artist,
                                          const spotify::AlbumSummary& summary, bool first_scan,
                                          CheckReport& report) {
  KnownRelease release;
  release.artist_key = artist.key;
  release.release_id = summary.id;
  release.name = summary.name;
  release.album_type = summary.album_type;
  release.release_date = summary.release_date;
  release.total_tracks = summary.total_tracks;
  release.found_ms = now_ms();
  std::vector<ReleaseTrack> tracks;
  if (artist.monitor == Monitor::none) {
    release.state = "not_monitored";
  } else if (artist.monitor == Monitor::new_releases && first_scan) {
    release.state = "existing";
  } else {
    release.state = "wanted";
    // One request for the album and its first 50 tracks, one per track for the ISRC.
    auto album = m_catalog.album(summary.id, true);
    if (!album) {
      return std::move(album).error();
    }
    report.requests += 1 + static_cast<int>(album->tracks.size());
    HARMONY_TRY_ASSIGN(tracks, plan_tracks(artist, *album, report));
  }
  auto recorded = m_store.record_release(release, tracks);
  if (!recorded) {
    return std::move(recorded).error();
  }
  if (release.state != "wanted") {
    return {};
  }
  ++report.releases_found;
  report.tracks_queued += recorded->queued;
  report.duplicates += recorded->duplicates;
  note("release_found", artist.key,
       fmt::format("{}: {} '{}' ({}), {} tracks, {} queued", artist.name, release.album_type,
                   release.name, release.release_date, tracks.size(), recorded->queued));
  for (const auto& track : tracks) {
    if (track.decision == "queued") {
      note("track_queued", artist.key,
           fmt::format("{} – {} (download {})", track.request.artist, track.request.title,
                       track.job_id));
    }
  }
  return {};
}

Result<std::vector<ReleaseTrack>> ReleaseChecker::plan_tracks(const WatchedArtist& artist,
                                                              const spotify::Album& album,
                                                              CheckReport& report) {
  std::vector<ReleaseTrack> tracks;
  for (const auto& track : album.tracks) {
    ReleaseTrack planned;
    planned.spotify_id = track.id;
    planned.request = spotify::track_request(track, &album.summary);
    auto& request = planned.request;
    if (request.artist.empty()) {
      request.artist = artist.name;
    }
    request.source = "watchlist";
    if (request.title.empty() || request.artist.empty()) {
      planned.decision = "skipped";
      planned.reason = "Spotify sent the track without a title or artist";
      ++report.skipped;
      tracks.push_back(std::move(planned));
      continue;
    }
    auto owned = m_library.find(library::identity_of(request));
    if (!owned) {
      return std::move(owned).error();
    }
    if (*owned) {
      planned.decision = "in_library";
      planned.reason = (*owned)->path;
      ++report.in_library;
    } else {
      planned.decision = "queue";
    }
    tracks.push_back(std::move(planned));
  }
  return tracks;
}

void ReleaseChecker::fail(WatchedArtist& artist, const Error& error, CheckReport& report,
                          unsigned pause_fields) {
  const std::int64_t now = now_ms();
  report.error = error.message;
  artist.last_checked_ms = now;
  artist.last_error = error.message.substr(0, 500);
  if (error.kind == ErrorKind::not_found) {
    report.result = "artist_not_found";
    artist.paused = true;
    artist.pause_reason = "artist_not_found";
    artist.resume_at_ms = 0;
    pause_fields = k_watch_pause;
    note("artist_paused", artist.key,
         fmt::format("{} paused: Spotify has no such artist any more", artist.name));
  } else if (spotify::failure_of(error) == spotify::Failure::rate_limited) {
    // Not the artist's fault: no retry budget spent; the shared latch holds every request, the
    // next check continues with the releases still unknown.
    report.result = "rate_limited";
    artist.next_check_ms = now + std::chrono::milliseconds(m_options.rate_limited_wait).count();
  } else {
    report.result = "failed";
    ++artist.failures;
    if (artist.failures > m_options.retry_budget) {
      artist.failures = 0;
      artist.next_check_ms = next_regular_check(now);
    } else {
      auto wait = m_options.retry_base * (std::int64_t{1} << std::min(artist.failures - 1, 20));
      wait = std::min(wait, m_options.retry_cap);
      std::uniform_int_distribution<std::int64_t> jitter(0, wait.count() / 5);
      artist.next_check_ms = now + wait.count() + jitter(m_rng);
    }
    note("check_failed", artist.key, fmt::format("{}: {}", artist.name, artist.last_error));
  }
  artist.last_result = report.result;
  if (auto saved = m_store.update(artist, k_watch_check | k_watch_schedule | pause_fields);
      !saved) {
    log::error("cannot save a watched artist",
               {{"ARTIST", artist.key}, {"ERROR", saved.error().message}});
  }
}

}  // namespace harmony::harmonyd::watchlist
