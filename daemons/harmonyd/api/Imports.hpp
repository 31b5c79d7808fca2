#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Result.hpp"

namespace harmony::harmonyd::api {

// What /api/v1/imports needs (the daemon's ImportService implements it; route tests use
// tests/fakes/FakeImports.hpp). Thread-safe.
class Imports {
 public:
  virtual ~Imports() = default;
  // Parses `text` now (a whole-input problem is ErrorKind::invalid: nothing is stored) and
  // queues the rest in the background; the new import's id. `file_name` picks the parser by its
  // extension ("" for pasted text).
  virtual Result<std::int64_t> submit(std::string text, std::string file_name) = 0;
  // Newest first, without items.
  virtual Result<std::vector<nlohmann::json>> list(std::size_t limit) = 0;
  // One import with every item; ErrorKind::not_found when unknown.
  virtual Result<nlohmann::json> get(std::int64_t id) = 0;
  // One import with only its items from `offset` (0-based, in line order), at most `limit` of
  // them, and `item_count`, the number it has in all; what a page of it shows. Its `summary`
  // holds the counts by outcome. ErrorKind::not_found when unknown.
  virtual Result<nlohmann::json> page(std::int64_t id, std::size_t offset, std::size_t limit) = 0;
};

}  // namespace harmony::harmonyd::api
