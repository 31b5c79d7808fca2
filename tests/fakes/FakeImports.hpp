#pragma once

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/Imports.hpp"

namespace harmony::fakes {

// api::Imports that records what it was given, for route tests: `submitted` holds each text and
// file name; get() answers the import with that id, `status`, `summary` and `items`, page() the
// same with only the items asked for (each call's offset and limit kept in `pages_read`).
// `refusal`, when set, is what submit() answers instead.
class FakeImports final : public harmonyd::api::Imports {
 public:
  Result<std::int64_t> submit(std::string text, std::string file_name) override {
    const std::lock_guard lock(m_mutex);
    if (refusal) {
      return *refusal;
    }
    submitted.emplace_back(std::move(text), std::move(file_name));
    return static_cast<std::int64_t>(submitted.size());
  }
  Result<std::vector<nlohmann::json>> list(std::size_t) override {
    const std::lock_guard lock(m_mutex);
    std::vector<nlohmann::json> all;
    for (std::size_t i = submitted.size(); i > 0; --i) {
      all.push_back({{"id", i}, {"source", submitted[i - 1].second}, {"status", status}});
    }
    return all;
  }
  Result<nlohmann::json> get(std::int64_t id) override {
    const std::lock_guard lock(m_mutex);
    auto found = import_without_items(id);
    if (found) {
      (*found)["items"] = items;
    }
    return found;
  }
  Result<nlohmann::json> page(std::int64_t id, std::size_t offset, std::size_t limit) override {
    const std::lock_guard lock(m_mutex);
    pages_read.emplace_back(offset, limit);
    auto found = import_without_items(id);
    if (found) {
      const std::size_t first = std::min(offset, items.size());
      const std::size_t last = first + std::min(limit, items.size() - first);
      (*found)["items"] = nlohmann::json::array();
      for (std::size_t i = first; i < last; ++i) {
        (*found)["items"].push_back(items[i]);
      }
      (*found)["item_count"] = items.size();
    }
    return found;
  }

  std::vector<std::pair<std::string, std::string>> submitted;
  std::string status = "done";
  nlohmann::json summary = nlohmann::json::object();
  nlohmann::json items = nlohmann::json::array();
  std::vector<std::pair<std::size_t, std::size_t>> pages_read;
  std::optional<Error> refusal;

 private:
  Result<nlohmann::json> import_without_items(std::int64_t id) const {
    if (id < 1 || static_cast<std::size_t>(id) > submitted.size()) {
      return make_error(ErrorKind::not_found, "there is no such import");
    }
    return nlohmann::json{{"id", id},
                          {"source", submitted[static_cast<std::size_t>(id) - 1].second},
                          {"status", status},
                          {"summary", summary}};
  }
  std::mutex m_mutex;
};

}  // namespace harmony::fakes
