#pragma once

#include <map>
#include <mutex>

#include "ui/SessionStore.hpp"

namespace harmony::fakes {

// ui::SessionStore over a map (the daemon keeps sessions in SQLite).
class FakeSessionStore final : public harmonyd::ui::SessionStore {
 public:
  using Session = harmonyd::ui::Session;

  Result<void> insert(const Session& session) override {
    const std::lock_guard lock(m_mutex);
    sessions[session.token] = session;
    return {};
  }
  Result<std::optional<Session>> find(const std::string& token) override {
    const std::lock_guard lock(m_mutex);
    const auto it = sessions.find(token);
    return it == sessions.end() ? std::optional<Session>() : std::optional<Session>(it->second);
  }
  Result<void> touch(const std::string& token, std::int64_t last_seen_ms) override {
    const std::lock_guard lock(m_mutex);
    if (const auto it = sessions.find(token); it != sessions.end()) {
      it->second.last_seen_ms = last_seen_ms;
    }
    return {};
  }
  Result<void> remove(const std::string& token) override {
    const std::lock_guard lock(m_mutex);
    sessions.erase(token);
    return {};
  }
  Result<std::int64_t> remove_idle(std::int64_t cutoff_ms) override {
    const std::lock_guard lock(m_mutex);
    return static_cast<std::int64_t>(std::erase_if(sessions, [cutoff_ms](const auto& entry) {
      return entry.second.last_seen_ms < cutoff_ms;
    }));
  }

  std::map<std::string, Session> sessions;

 private:
  std::mutex m_mutex;
};

}  // namespace harmony::fakes
