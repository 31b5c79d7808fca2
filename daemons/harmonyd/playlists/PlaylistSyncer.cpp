#include "playlists/PlaylistSyncer.hpp"

#include <fmt/format.h>

#include "integrations/spotify/Failure.hpp"
#include "integrations/spotify/TrackRequest.hpp"
#include "library/MatchKey.hpp"
#include "library/RequestIdentity.hpp"
#include "log/Log.hpp"
#include "playlists/M3uWriter.hpp"

namespace harmony::harmonyd::playlists {
namespace {

constexpr int k_page = spotify::SpotifyPlaylists::k_page_max;

}  // namespace

PlaylistSyncer::PlaylistSyncer(PlaylistStore& store, spotify::SpotifyPlaylists& spotify,
                               library::TrackStore& library, const Clock& clock,
                               SyncOptions options)
    : m_store(store),
      m_spotify(spotify),
      m_library(library),
      m_clock(clock),
      m_options(std::move(options)) {}

std::int64_t PlaylistSyncer::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             m_clock.wall_now().time_since_epoch())
      .count();
}

Result<std::vector<spotify::PlaylistItem>> PlaylistSyncer::fetch(const FollowedPlaylist& playlist) {
  std::vector<spotify::PlaylistItem> items;
  for (int offset = 0; offset < m_options.max_items; offset += k_page) {
    auto page = playlist.id == k_liked ? m_spotify.liked_tracks(k_page, offset)
                                       : m_spotify.playlist_items(playlist.id, k_page, offset);
    if (!page) {
      return std::move(page).error();
    }
    for (auto& item : page->items) {
      if (static_cast<int>(items.size()) < m_options.max_items) {
        items.push_back(std::move(item));
      }
    }
    if (!page->has_next || page->items.empty()) {
      break;
    }
  }
  return items;
}

Result<void> PlaylistSyncer::plan(const spotify::PlaylistItem& item, PlaylistEntry& entry,
                                  SyncReport& report) {
  const spotify::Track& track = item.item;
  entry.spotify_id = track.id;
  entry.request = spotify::track_request(track, track.album ? &*track.album : nullptr);
  auto& request = entry.request;
  request.source = "playlist";
  if (request.title.empty() || request.artist.empty()) {
    entry.decision = "skipped";
    entry.reason = "Spotify sent the item without a title or artist";
    ++report.skipped;
    return {};
  }
  auto owned = m_library.find(library::identity_of(request));
  if (!owned) {
    return std::move(owned).error();
  }
  if (*owned) {
    entry.decision = "in_library";
    entry.library_path = (*owned)->path;
    ++report.in_library;
  } else {
    entry.decision = "queue";
  }
  return {};
}

void PlaylistSyncer::failed(FollowedPlaylist& playlist, const Error& error, SyncReport& report) {
  const auto why = spotify::failure_of(error);
  const std::int64_t now = now_ms();
  report.error = error.message;
  playlist.next_sync_ms = now + m_options.interval.count();
  if (why == spotify::Failure::forbidden) {
    report.result = "refused";
    playlist.message = fmt::format(
        "Spotify refuses this playlist's items to this app: in Development Mode an app may "
        "read only playlists the connected user owns or collaborates on{}. Copy it into a "
        "playlist of your own to follow it.",
        playlist.owner.empty() ? std::string()
                               : fmt::format(" (this one is {}'s)", playlist.owner));
  } else if (error.kind == ErrorKind::not_found) {
    report.result = "not_found";
    playlist.message = "Spotify has no such playlist any more (deleted, or made private)";
  } else if (why == spotify::Failure::unauthenticated) {
    report.result = "unauthenticated";
    playlist.message =
        "No Spotify user is connected: connect one (GET /api/v1/oauth/start) to "
        "read playlists and Liked Songs";
  } else if (why == spotify::Failure::rate_limited) {
    report.result = "rate_limited";
    // The scheduler tries again after rate_limited_wait; while Retry-After lasts, that try is
    // refused by the rate gate without a request, and the one after it goes through.
    playlist.message = fmt::format(
        "Spotify asked us to wait (429); the next try is in {} s, and no request is sent to "
        "Spotify before its Retry-After has passed",
        std::chrono::duration_cast<std::chrono::seconds>(m_options.rate_limited_wait).count());
    playlist.next_sync_ms = now + m_options.rate_limited_wait.count();
  } else {
    report.result = "failed";
    playlist.message = error.message.substr(0, 500);
  }
  playlist.state = report.result;
  playlist.last_synced_ms = now;
}

SyncReport PlaylistSyncer::sync(const std::string& id) {
  SyncReport report;
  auto found = m_store.find(id);
  if (!found || !*found) {
    report.result = "failed";
    report.error = found ? fmt::format("playlist {} is not followed", id) : found.error().message;
    return report;
  }
  FollowedPlaylist playlist = std::move(**found);
  auto stored = [&]() -> Result<void> {
    if (auto saved = m_store.update(playlist); !saved) {
      report.result = "failed";
      report.error = saved.error().message;
      return saved;
    }
    return {};
  };
  auto items = fetch(playlist);
  auto seen = items ? m_store.seen_ids(id) : Result<std::set<std::string>>(items.error());
  if (!items || !seen) {
    failed(playlist, !items ? items.error() : seen.error(), report);
    (void)stored();
    return report;
  }
  std::vector<PlaylistEntry> fresh;
  std::vector<std::string> current;
  std::set<std::string> listed;
  for (const auto& item : *items) {
    if (item.item.id.empty() || !listed.insert(item.item.id).second) {
      continue;  // a local file (no Spotify id) or the same track listed twice
    }
    current.push_back(item.item.id);
    if (seen->count(item.item.id)) {
      continue;
    }
    PlaylistEntry entry;
    if (auto planned = plan(item, entry, report); !planned) {
      failed(playlist, planned.error(), report);
      (void)stored();
      return report;
    }
    fresh.push_back(std::move(entry));
  }
  report.seen = static_cast<int>(current.size());
  report.added = static_cast<int>(fresh.size());
  auto recorded = m_store.record_items(id, fresh, current, now_ms());
  if (!recorded) {
    failed(playlist, recorded.error(), report);
    (void)stored();
    return report;
  }
  report.queued = recorded->queued;
  report.duplicates = recorded->duplicates;
  report.removed = recorded->removed;
  report.result = "synced";
  playlist.state = "synced";
  playlist.message.clear();
  playlist.items_total = report.seen;
  playlist.last_synced_ms = now_ms();
  playlist.next_sync_ms = playlist.last_synced_ms + m_options.interval.count();
  if (!stored()) {
    return report;
  }
  if (auto written = write_playlist_file(playlist); !written) {
    log::error("cannot write a playlist file",
               {{"PLAYLIST", playlist.id}, {"ERROR", written.error().message}});
  }
  return report;
}

std::filesystem::path PlaylistSyncer::file_of(const FollowedPlaylist& playlist) {
  return m3u8_path(m_options.music_dir, playlist.name.empty() ? playlist.id : playlist.name);
}

Result<void> PlaylistSyncer::write_playlist_file(const FollowedPlaylist& playlist) {
  auto entries = m_store.entries(playlist.id);
  if (!entries) {
    return std::move(entries).error();
  }
  const auto path = file_of(playlist);
  return write_m3u8(path, render_m3u8(*entries, m_options.music_dir, path.parent_path()));
}

}  // namespace harmony::harmonyd::playlists
