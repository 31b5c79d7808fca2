#pragma once

#include <functional>

#include "api/Playlists.hpp"
#include "core/Clock.hpp"
#include "integrations/spotify/SpotifyPlaylists.hpp"
#include "library/TrackStore.hpp"
#include "metrics/Registry.hpp"
#include "playlists/PlaylistScheduler.hpp"
#include "playlists/PlaylistSyncer.hpp"
#include "store/PlaylistRepository.hpp"
#include "store/Store.hpp"
#include "watchlist/ReportingJobStore.hpp"

namespace harmony::harmonyd {

// Followed playlists as the daemon runs them: playlists and their items in SQLite, one thread
// syncing one playlist at a time through the app's rate-gated Spotify client, new items written
// as download jobs, and MUSIC_DIR/Playlists/<name>.m3u8 rewritten after each sync and whenever
// one of a playlist's downloads is filed (it observes ended jobs). Built by the App;
// PLAYLIST_SYNC_INTERVAL takes effect after a restart.
class PlaylistService final : public api::Playlists, public watchlist::JobOutcomeObserver {
 public:
  using Configured = std::function<Result<void>()>;

  PlaylistService(const playlists::SyncOptions& options, store::Store& store,
                  spotify::SpotifyPlaylists& spotify, Configured configured,
                  library::TrackStore& library, const Clock& clock);
  ~PlaylistService() override;
  PlaylistService(const PlaylistService&) = delete;
  PlaylistService& operator=(const PlaylistService&) = delete;

  void start() { m_scheduler.start(); }
  void stop() noexcept { m_scheduler.stop(); }
  void register_metrics(metrics::Registry& registry);

  Result<nlohmann::json> spotify_playlists() override;
  Result<std::pair<nlohmann::json, bool>> follow(const std::string& reference) override;
  Result<nlohmann::json> list() override;
  Result<nlohmann::json> get(const std::string& id) override;
  Result<void> unfollow(const std::string& id) override;
  Result<nlohmann::json> sync(const std::string& id) override;
  // A download ended: when it was filed, the playlists holding it get their M3U8 rewritten.
  void ended(const hdm::Job& job) override;

 private:
  Result<playlists::FollowedPlaylist> existing(const std::string& id);
  nlohmann::json to_json(const playlists::FollowedPlaylist& playlist) const;
  void synced(const playlists::FollowedPlaylist& playlist, const playlists::SyncReport& report);

  playlists::SyncOptions m_options;
  spotify::SpotifyPlaylists& m_spotify;
  Configured m_configured;
  store::PlaylistRepository m_store;
  playlists::PlaylistSyncer m_syncer;
  playlists::PlaylistScheduler m_scheduler;
  metrics::Registry* m_metrics = nullptr;
};

}  // namespace harmony::harmonyd
