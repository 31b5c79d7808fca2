#pragma once

#include "store/Store.hpp"
#include "ui/SessionStore.hpp"

namespace harmony::harmonyd::store {

// The `ui_sessions` table (migration 3): the web UI's sessions on SQLite, so a restart keeps
// people logged in. Writes go through the Store's single writer. Thread-safe.
class SessionRepository final : public ui::SessionStore {
 public:
  explicit SessionRepository(Store& store) : m_store(store) {}

  Result<void> insert(const ui::Session& session) override;
  Result<std::optional<ui::Session>> find(const std::string& token) override;
  Result<void> touch(const std::string& token, std::int64_t last_seen_ms) override;
  Result<void> remove(const std::string& token) override;
  Result<std::int64_t> remove_idle(std::int64_t cutoff_ms) override;

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
