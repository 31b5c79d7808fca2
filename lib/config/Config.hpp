#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/Layer.hpp"
#include "core/Result.hpp"

namespace harmony::config {

// Layered settings. Layers are added lowest precedence first (YAML, then .env, then the
// environment), so the last layer holding a key wins. Getters validate and return
// ErrorKind::config errors that name the key, the offending value and its origin.
// Immutable after construction; safe to read from many threads.
class Config {
 public:
  Config() = default;
  void add_layer(Layer layer);

  // The winning entry for `key`, or nothing when no layer sets it.
  std::optional<Entry> find(const std::string& key) const;
  // Where `key` would come from: its origin, or "default" when unset.
  std::string origin_of(const std::string& key) const;

  Result<std::string> get_string(const std::string& key, const std::string& fallback) const;
  Result<std::int64_t> get_int(const std::string& key, std::int64_t fallback, std::int64_t min,
                               std::int64_t max) const;
  Result<double> get_double(const std::string& key, double fallback, double min, double max) const;
  // Accepts 1/true/yes/on and 0/false/no/off, any case.
  Result<bool> get_bool(const std::string& key, bool fallback) const;
  Result<std::chrono::milliseconds> get_duration(const std::string& key,
                                                 std::chrono::milliseconds fallback) const;
  // A comma-separated value as a list, items trimmed, empties dropped.
  Result<std::vector<std::string>> get_list(const std::string& key,
                                            const std::vector<std::string>& fallback) const;

  // Keys set in file layers (not the environment, which holds unrelated variables) that are
  // not in `known`, with where they were found, so a typo can be warned about by name.
  std::vector<std::pair<std::string, Origin>> unknown_keys(
      const std::set<std::string>& known) const;

 private:
  Error invalid(const std::string& key, const Entry& entry, std::string_view expected) const;

  std::vector<Layer> m_layers;
};

}  // namespace harmony::config
