#include "store/SettingsRepository.hpp"

#include <chrono>

namespace harmony::harmonyd::store {

std::future<Result<void>> SettingsRepository::put(std::string key, std::string value) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return m_store.write([key = std::move(key), value = std::move(value),
                        now](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare(
        "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    if (!stmt) {
      return std::move(stmt).error();
    }
    return stmt->bind(1, key).bind(2, value).bind(3, static_cast<std::int64_t>(now)).run();
  });
}

Result<std::optional<std::string>> SettingsRepository::get(const std::string& key) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::optional<std::string>> {
    auto stmt = db.prepare("SELECT value FROM settings WHERE key = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    auto row = stmt->bind(1, key).step();
    if (!row) {
      return std::move(row).error();
    }
    return *row ? std::optional<std::string>(stmt->column_text(0)) : std::nullopt;
  });
}

Result<std::int64_t> SettingsRepository::count() {
  return m_store.read(
      [](sqlite::Database& db) { return db.query_int("SELECT count(*) FROM settings"); });
}

}  // namespace harmony::harmonyd::store
