#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "playlists/PlaylistSyncer.hpp"

namespace harmony::harmonyd::playlists {

// The playlists' thread: syncs one playlist at a time (so Spotify sees one playlist's requests
// at a time) — first those asked for (POST /api/v1/sync, /playlists/{id}/sync), then those whose
// next_sync_ms has come — and rewrites the M3U8 of playlists whose downloads finished. Sleeps
// until the next is due or it is woken. Each sync's report goes to `on_sync`. Thread-safe.
class PlaylistScheduler {
 public:
  using OnSync = std::function<void(const FollowedPlaylist& playlist, const SyncReport& report)>;

  PlaylistScheduler(PlaylistStore& store, PlaylistSyncer& syncer, OnSync on_sync = {});
  ~PlaylistScheduler();
  PlaylistScheduler(const PlaylistScheduler&) = delete;
  PlaylistScheduler& operator=(const PlaylistScheduler&) = delete;

  void start();
  void stop() noexcept;
  // Sync `id` as soon as the thread is free (again, when it is being synced right now).
  void request_sync(const std::string& id);
  // A download of playlist `id` was filed: rewrite its M3U8 soon.
  void request_rewrite(const std::string& id);
  std::uint64_t syncs_done() const noexcept { return m_syncs.load(); }

 private:
  void run();
  void sync(const std::string& id);
  void rewrite(const std::string& id);

  PlaylistStore& m_store;
  PlaylistSyncer& m_syncer;
  OnSync m_on_sync;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::set<std::string> m_requested;
  std::set<std::string> m_rewrites;
  std::atomic<std::uint64_t> m_syncs{0};
  std::thread m_thread;
};

}  // namespace harmony::harmonyd::playlists
