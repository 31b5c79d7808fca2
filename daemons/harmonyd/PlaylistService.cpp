#include "PlaylistService.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "api/WatchlistJson.hpp"
#include "log/Log.hpp"
#include "playlists/M3uWriter.hpp"

namespace harmony::harmonyd {
namespace {

using api::watchlist_json::iso_time;
using nlohmann::json;

Error not_followed(const std::string& id) {
  return make_error(ErrorKind::not_found,
                    fmt::format("playlist '{}' is not followed (GET /api/v1/playlists lists them)",
                                id.substr(0, 80)));
}

json entry_json(const playlists::PlaylistEntry& e) {
  return {{"spotify_id", e.spotify_id},
          {"position", e.position},
          {"present", e.present},
          {"artist", e.request.artist},
          {"title", e.request.title},
          {"album", e.request.album},
          {"duration_ms", e.request.duration_ms.value_or(0)},
          {"decision", e.decision},
          {"reason", e.reason},
          {"job_id", e.job_id == 0 ? json(nullptr) : json(e.job_id)},
          {"job_state", e.job_state.empty() ? json(nullptr) : json(e.job_state)},
          {"filed", !e.library_path.empty() || e.job_state == "done"}};
}

}  // namespace

PlaylistService::PlaylistService(const playlists::SyncOptions& options, store::Store& store,
                                 spotify::SpotifyPlaylists& spotify, Configured configured,
                                 library::TrackStore& library, const Clock& clock)
    : m_options(options),
      m_spotify(spotify),
      m_configured(std::move(configured)),
      m_store(store),
      m_syncer(m_store, spotify, library, clock, options),
      m_scheduler(m_store, m_syncer,
                  [this](const playlists::FollowedPlaylist& playlist,
                         const playlists::SyncReport& report) { synced(playlist, report); }) {}

PlaylistService::~PlaylistService() {
  stop();
}

json PlaylistService::to_json(const playlists::FollowedPlaylist& p) const {
  return {
      {"id", p.id},
      {"name", p.name},
      {"owner", p.owner},
      {"state", p.state},
      {"message", p.message},
      {"items_total", p.items_total},
      {"added_at", iso_time(p.added_ms)},
      {"last_synced_at", iso_time(p.last_synced_ms)},
      {"next_sync_at", iso_time(p.next_sync_ms)},
      {"file", playlists::m3u8_path(m_options.music_dir, p.name.empty() ? p.id : p.name).string()}};
}

void PlaylistService::synced(const playlists::FollowedPlaylist& playlist,
                             const playlists::SyncReport& report) {
  if (m_metrics != nullptr) {
    m_metrics
        ->counter("harmony_playlist_syncs_total", "Playlist syncs finished, by result.",
                  {{"result", report.result}})
        .inc();
    m_metrics
        ->counter("harmony_playlist_items_seen_total", "Items seen for the first time by syncs.")
        .inc(report.added);
    m_metrics
        ->counter("harmony_playlist_items_queued_total", "Download jobs created by playlist syncs.")
        .inc(report.queued);
    for (const auto& [reason, count] :
         {std::pair{"duplicate", report.duplicates}, std::pair{"in_library", report.in_library},
          std::pair{"skipped", report.skipped}}) {
      m_metrics
          ->counter("harmony_playlist_items_skipped_total",
                    "New playlist items not queued, by reason.", {{"reason", reason}})
          .inc(count);
    }
  }
  const std::string message =
      report.result == "synced"
          ? fmt::format(
                "{}: {} items, {} new, {} queued, {} already requested, {} in the "
                "library, {} skipped, {} removed on Spotify",
                playlist.name, report.seen, report.added, report.queued, report.duplicates,
                report.in_library, report.skipped, report.removed)
          : fmt::format("{}: {} ({})", playlist.name, report.result, playlist.message);
  if (auto added = m_store.add_activity(
          report.result == "synced" ? "playlist_synced" : "playlist_sync_failed", playlist.id,
          message, m_syncer.now_ms());
      !added) {
    log::warning("cannot record playlist activity", {{"ERROR", added.error().message}});
  }
}

void PlaylistService::register_metrics(metrics::Registry& registry) {
  m_metrics = &registry;
  registry.gauge_callback("harmony_playlists_followed", "Followed playlists.", [this] {
    auto playlists = m_store.list();
    return playlists ? static_cast<double>(playlists->size()) : 0.0;
  });
  for (const char* result : {"synced", "refused", "failed", "rate_limited"}) {
    registry.counter("harmony_playlist_syncs_total", "Playlist syncs finished, by result.",
                     {{"result", result}});
  }
  registry.counter("harmony_playlist_items_seen_total", "Items seen for the first time by syncs.");
  registry.counter("harmony_playlist_items_queued_total",
                   "Download jobs created by playlist syncs.");
  for (const char* reason : {"duplicate", "in_library", "skipped"}) {
    registry.counter("harmony_playlist_items_skipped_total",
                     "New playlist items not queued, by reason.", {{"reason", reason}});
  }
}

Result<playlists::FollowedPlaylist> PlaylistService::existing(const std::string& id) {
  auto found = m_store.find(id);
  if (!found) {
    return std::move(found).error();
  }
  if (!*found) {
    return not_followed(id);
  }
  return std::move(**found);
}

Result<json> PlaylistService::spotify_playlists() {
  if (auto configured = m_configured(); !configured) {
    return std::move(configured).error();
  }
  auto liked = m_spotify.liked_tracks(1, 0);
  if (!liked) {
    return std::move(liked).error();
  }
  auto followed = m_store.list();
  if (!followed) {
    return std::move(followed).error();
  }
  const auto is_followed = [&](const std::string& id) {
    return std::any_of(followed->begin(), followed->end(),
                       [&](const playlists::FollowedPlaylist& p) { return p.id == id; });
  };
  json items = json::array();
  items.push_back({{"id", playlists::k_liked},
                   {"name", "Liked Songs"},
                   {"owner", nullptr},
                   {"collaborative", false},
                   {"items_total", liked->total},
                   {"followed", is_followed(playlists::k_liked)}});
  // Every page, 50 at a time, bounded so a huge account cannot keep us paging.
  for (int offset = 0; offset < 2000; offset += spotify::SpotifyPlaylists::k_page_max) {
    auto page = m_spotify.my_playlists(spotify::SpotifyPlaylists::k_page_max, offset);
    if (!page) {
      return std::move(page).error();
    }
    for (const auto& p : page->items) {
      items.push_back({{"id", p.id},
                       {"name", p.name},
                       {"owner", p.owner_name.empty() ? p.owner_id : p.owner_name},
                       {"collaborative", p.collaborative},
                       {"items_total", p.total_items},
                       {"followed", is_followed(p.id)}});
    }
    if (!page->has_next || page->items.empty()) {
      break;
    }
  }
  return json{{"items", std::move(items)}};
}

Result<std::pair<json, bool>> PlaylistService::follow(const std::string& reference) {
  std::string id;
  HARMONY_TRY_ASSIGN(id, playlists::parse_playlist_reference(reference));
  auto found = m_store.find(id);
  if (!found) {
    return std::move(found).error();
  }
  if (*found) {
    return std::make_pair(to_json(**found), false);
  }
  if (auto configured = m_configured(); !configured) {
    return std::move(configured).error();
  }
  playlists::FollowedPlaylist playlist;
  playlist.id = id;
  if (id == playlists::k_liked) {
    auto liked = m_spotify.liked_tracks(1, 0);  // proves a user is connected
    if (!liked) {
      return std::move(liked).error();
    }
    playlist.name = "Liked Songs";
  } else {
    auto summary = m_spotify.playlist(id);
    if (!summary) {
      if (summary.error().kind == ErrorKind::not_found) {
        return make_error(ErrorKind::not_found,
                          fmt::format("Spotify has no playlist {} (check the link, or it is "
                                      "private to another user)",
                                      id));
      }
      return std::move(summary).error();
    }
    playlist.name = summary->name.empty() ? id : summary->name;
    playlist.owner = summary->owner_name.empty() ? summary->owner_id : summary->owner_name;
    playlist.items_total = summary->total_items;
  }
  playlist.added_ms = m_syncer.now_ms();
  playlist.next_sync_ms = playlist.added_ms;  // the first sync runs now
  auto added = m_store.add(playlist);
  if (!added) {
    return std::move(added).error();
  }
  if (*added) {
    (void)m_store.add_activity("playlist_followed", id, fmt::format("{} followed", playlist.name),
                               playlist.added_ms);
    m_scheduler.request_sync(id);
  }
  return std::make_pair(to_json(playlist), *added);
}

Result<json> PlaylistService::list() {
  auto playlists = m_store.list();
  if (!playlists) {
    return std::move(playlists).error();
  }
  json items = json::array();
  for (const auto& p : *playlists) {
    items.push_back(to_json(p));
  }
  return json{{"items", std::move(items)}};
}

Result<json> PlaylistService::get(const std::string& id) {
  playlists::FollowedPlaylist playlist;
  HARMONY_TRY_ASSIGN(playlist, existing(id));
  auto entries = m_store.entries(id);
  if (!entries) {
    return std::move(entries).error();
  }
  json body = to_json(playlist);
  body["items"] = json::array();
  for (const auto& entry : *entries) {
    body["items"].push_back(entry_json(entry));
  }
  return body;
}

Result<void> PlaylistService::unfollow(const std::string& id) {
  playlists::FollowedPlaylist playlist;
  HARMONY_TRY_ASSIGN(playlist, existing(id));
  auto removed = m_store.remove(id);
  if (!removed) {
    return std::move(removed).error();
  }
  if (!*removed) {
    return not_followed(id);
  }
  // The list file is ours to remove; the music it pointed to stays in the library.
  std::error_code ignored;
  std::filesystem::remove(
      playlists::m3u8_path(m_options.music_dir, playlist.name.empty() ? id : playlist.name),
      ignored);
  (void)m_store.add_activity("playlist_unfollowed", id, fmt::format("{} unfollowed", playlist.name),
                             m_syncer.now_ms());
  return {};
}

Result<json> PlaylistService::sync(const std::string& id) {
  if (auto configured = m_configured(); !configured) {
    return std::move(configured).error();
  }
  json ids = json::array();
  if (!id.empty()) {
    playlists::FollowedPlaylist playlist;
    HARMONY_TRY_ASSIGN(playlist, existing(id));
    ids.push_back(id);
  } else {
    auto playlists = m_store.list();
    if (!playlists) {
      return std::move(playlists).error();
    }
    for (const auto& p : *playlists) {
      ids.push_back(p.id);
    }
  }
  for (const auto& requested : ids) {
    m_scheduler.request_sync(requested.get<std::string>());
  }
  return json{{"message", "Sync triggered"}, {"playlists", std::move(ids)}};
}

void PlaylistService::ended(const hdm::Job& job) {
  if (job.state != hdm::JobState::done) {
    return;
  }
  auto holding = m_store.playlists_of_job(job.id);
  if (!holding) {
    log::warning("cannot find the playlists of a download",
                 {{"JOB", std::to_string(job.id)}, {"ERROR", holding.error().message}});
    return;
  }
  for (const auto& id : *holding) {
    m_scheduler.request_rewrite(id);
  }
}

}  // namespace harmony::harmonyd
