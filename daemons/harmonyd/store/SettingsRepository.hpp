#pragma once

#include <optional>
#include <string>

#include "core/Result.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// The `settings` table: small named values harmonyd keeps across restarts (worker
// heartbeats, UI preferences). Writes go through the Store's single writer.
class SettingsRepository {
 public:
  explicit SettingsRepository(Store& store) : m_store(store) {}

  std::future<Result<void>> put(std::string key, std::string value);
  Result<std::optional<std::string>> get(const std::string& key);
  Result<std::int64_t> count();

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
