#include "playlists/PlaylistScheduler.hpp"

#include <algorithm>

#include "log/Log.hpp"

namespace harmony::harmonyd::playlists {
namespace {

// Longest sleep between looks at the schedule, so a clock jump is noticed without a wake-up.
constexpr std::int64_t k_max_sleep_ms = 5'000;

}  // namespace

PlaylistScheduler::PlaylistScheduler(PlaylistStore& store, PlaylistSyncer& syncer, OnSync on_sync)
    : m_store(store), m_syncer(syncer), m_on_sync(std::move(on_sync)) {}

PlaylistScheduler::~PlaylistScheduler() {
  stop();
}

void PlaylistScheduler::start() {
  if (!m_thread.joinable()) {
    m_thread = std::thread([this] { run(); });
  }
}

void PlaylistScheduler::stop() noexcept {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void PlaylistScheduler::request_sync(const std::string& id) {
  {
    const std::lock_guard lock(m_mutex);
    m_requested.insert(id);
  }
  m_wake.notify_all();
}

void PlaylistScheduler::request_rewrite(const std::string& id) {
  {
    const std::lock_guard lock(m_mutex);
    m_rewrites.insert(id);
  }
  m_wake.notify_all();
}

void PlaylistScheduler::sync(const std::string& id) {
  const SyncReport report = m_syncer.sync(id);
  ++m_syncs;
  if (report.result != "synced") {
    log::warning("playlist sync did not complete",
                 {{"PLAYLIST", id}, {"RESULT", report.result}, {"ERROR", report.error}});
  }
  auto playlist = m_store.find(id);
  if (m_on_sync && playlist && *playlist) {
    m_on_sync(**playlist, report);
  }
}

void PlaylistScheduler::rewrite(const std::string& id) {
  auto playlist = m_store.find(id);
  if (!playlist || !*playlist) {
    return;  // unfollowed meanwhile
  }
  if (auto written = m_syncer.write_playlist_file(**playlist); !written) {
    log::error("cannot write a playlist file",
               {{"PLAYLIST", id}, {"ERROR", written.error().message}});
  }
}

void PlaylistScheduler::run() {
  while (true) {
    std::string requested;
    std::set<std::string> rewrites;
    {
      const std::lock_guard lock(m_mutex);
      if (m_stop) {
        return;
      }
      if (!m_requested.empty()) {
        requested = *m_requested.begin();
        m_requested.erase(m_requested.begin());
      }
      rewrites.swap(m_rewrites);
    }
    for (const auto& id : rewrites) {
      rewrite(id);
    }
    std::int64_t sleep_ms = k_max_sleep_ms;
    if (!requested.empty()) {
      sync(requested);
      sleep_ms = 0;
    } else if (auto playlists = m_store.list(); !playlists) {
      log::error("cannot read the followed playlists", {{"ERROR", playlists.error().message}});
    } else {
      const std::int64_t now = m_syncer.now_ms();
      const FollowedPlaylist* due = nullptr;
      for (const auto& playlist : *playlists) {
        if (playlist.next_sync_ms <= now &&
            (due == nullptr || playlist.next_sync_ms < due->next_sync_ms)) {
          due = &playlist;
        }
        sleep_ms = std::clamp<std::int64_t>(playlist.next_sync_ms - now, 0, sleep_ms);
      }
      if (due != nullptr) {
        sync(due->id);
        sleep_ms = 0;
      }
    }
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(std::max<std::int64_t>(sleep_ms, 1)),
                    [this] { return m_stop || !m_requested.empty() || !m_rewrites.empty(); });
    if (m_stop) {
      return;
    }
  }
}

}  // namespace harmony::harmonyd::playlists
