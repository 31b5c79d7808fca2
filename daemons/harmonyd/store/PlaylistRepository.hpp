#pragma once

#include "playlists/PlaylistStore.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// The playlist tables (migration 9): playlists::PlaylistStore on SQLite. record_items writes
// the items seen for the first time, their download_jobs rows and every item's presence in one
// transaction through the Store's single writer, so a crash (even SIGKILL) leaves a sync's
// items all recorded with their jobs or none of them. Activity goes into the shared activity
// table. Thread-safe.
class PlaylistRepository final : public playlists::PlaylistStore {
 public:
  explicit PlaylistRepository(Store& store) : m_store(store) {}

  Result<bool> add(const playlists::FollowedPlaylist& playlist) override;
  Result<std::optional<playlists::FollowedPlaylist>> find(const std::string& id) override;
  Result<std::vector<playlists::FollowedPlaylist>> list() override;
  Result<void> update(const playlists::FollowedPlaylist& playlist) override;
  Result<bool> remove(const std::string& id) override;
  Result<std::set<std::string>> seen_ids(const std::string& playlist_id) override;
  Result<playlists::RecordOutcome> record_items(const std::string& playlist_id,
                                                std::vector<playlists::PlaylistEntry>& fresh,
                                                const std::vector<std::string>& current,
                                                std::int64_t now_ms) override;
  Result<std::vector<playlists::PlaylistEntry>> entries(const std::string& playlist_id) override;
  Result<std::vector<std::string>> playlists_of_job(std::int64_t job_id) override;
  Result<void> add_activity(const std::string& type, const std::string& playlist_id,
                            const std::string& message, std::int64_t at_ms) override;

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
