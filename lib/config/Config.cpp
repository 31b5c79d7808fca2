#include "config/Config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/Duration.hpp"
#include "log/Redact.hpp"

namespace harmony::config {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

void Config::add_layer(Layer layer) {
  m_layers.push_back(std::move(layer));
}

std::optional<Entry> Config::find(const std::string& key) const {
  for (auto layer = m_layers.rbegin(); layer != m_layers.rend(); ++layer) {
    if (auto it = layer->entries.find(key); it != layer->entries.end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

std::string Config::origin_of(const std::string& key) const {
  auto entry = find(key);
  return entry ? entry->origin.describe() : std::string("default");
}

Error Config::invalid(const std::string& key, const Entry& entry, std::string_view expected) const {
  // The value is quoted unless it may be a secret; bounded so a huge value cannot flood a log.
  const std::string shown =
      log::is_secret_key(key) ? std::string(log::k_redacted) : entry.value.substr(0, 64);
  return make_error(ErrorKind::config,
                    fmt::format("invalid value '{}' for key '{}' in {}: expected {}", shown, key,
                                entry.origin.describe(), expected));
}

Result<std::string> Config::get_string(const std::string& key, const std::string& fallback) const {
  auto entry = find(key);
  return entry ? entry->value : fallback;
}

Result<std::int64_t> Config::get_int(const std::string& key, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max) const {
  auto entry = find(key);
  if (!entry) {
    return fallback;
  }
  const std::string_view text = trim(entry->value);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return invalid(key, *entry, fmt::format("a whole number from {} to {}", min, max));
  }
  return value;
}

Result<double> Config::get_double(const std::string& key, double fallback, double min,
                                  double max) const {
  auto entry = find(key);
  if (!entry) {
    return fallback;
  }
  const std::string_view text = trim(entry->value);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !(value >= min && value <= max)) {
    return invalid(key, *entry, fmt::format("a number from {} to {}", min, max));
  }
  return value;
}

Result<bool> Config::get_bool(const std::string& key, bool fallback) const {
  auto entry = find(key);
  if (!entry) {
    return fallback;
  }
  const std::string text = lower(trim(entry->value));
  if (text == "1" || text == "true" || text == "yes" || text == "on") {
    return true;
  }
  if (text == "0" || text == "false" || text == "no" || text == "off") {
    return false;
  }
  return invalid(key, *entry, "true or false (also 1/0, yes/no, on/off)");
}

Result<std::chrono::milliseconds> Config::get_duration(const std::string& key,
                                                       std::chrono::milliseconds fallback) const {
  auto entry = find(key);
  if (!entry) {
    return fallback;
  }
  auto parsed = parse_duration(trim(entry->value));
  if (!parsed) {
    return invalid(key, *entry, "a duration such as 500ms, 5s, 2m or 1h");
  }
  return *parsed;
}

Result<std::vector<std::string>> Config::get_list(const std::string& key,
                                                  const std::vector<std::string>& fallback) const {
  auto entry = find(key);
  if (!entry) {
    return fallback;
  }
  std::vector<std::string> items;
  std::string_view rest = entry->value;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    if (!item.empty()) {
      items.emplace_back(item);
    }
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return items;
}

std::vector<std::pair<std::string, Origin>> Config::unknown_keys(
    const std::set<std::string>& known) const {
  std::vector<std::pair<std::string, Origin>> unknown;
  for (const Layer& layer : m_layers) {
    if (layer.name == "environment") {
      continue;
    }
    for (const auto& [key, entry] : layer.entries) {
      if (!known.contains(key)) {
        unknown.emplace_back(key, entry.origin);
      }
    }
  }
  return unknown;
}

}  // namespace harmony::config
