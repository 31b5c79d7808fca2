#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "imports/ImportItem.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// The `imports` and `import_items` tables (migration 8). Thread-safe.
class ImportRepository {
 public:
  explicit ImportRepository(Store& store) : m_store(store) {}

  // A new import in `processing`; its id.
  Result<std::int64_t> create(const std::string& source, std::int64_t now_ms);
  // In one transaction: each item without an outcome becomes a download job (or a duplicate of
  // the download for the same recording), every item is stored, the import is marked done with
  // its summary, and the activity feed gets one entry. `items` gets the final outcomes.
  Result<void> finish(std::int64_t id, const std::string& format,
                      std::vector<imports::ImportItem>& items, nlohmann::json summary,
                      std::int64_t now_ms);
  Result<void> fail(std::int64_t id, const std::string& error, std::int64_t now_ms);
  // Newest first: id, source, format, status, times, summary, error.
  Result<std::vector<nlohmann::json>> list(std::size_t limit);
  // One import with its items; nullopt when unknown.
  Result<std::optional<nlohmann::json>> get(std::int64_t id);
  // One import with `item_count` and at most `limit` of its items from `offset` (0-based, line
  // order), read by the primary key; its summary holds the counts by outcome. nullopt when
  // unknown.
  Result<std::optional<nlohmann::json>> page(std::int64_t id, std::size_t offset,
                                             std::size_t limit);

 private:
  Result<std::optional<nlohmann::json>> read_page(std::int64_t id, std::size_t offset,
                                                  std::optional<std::size_t> limit);

  Store& m_store;
};

}  // namespace harmony::harmonyd::store
