#include "PeerStatus.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

namespace harmony::harmonyctl {
namespace {

using nlohmann::json;

std::string text_of(const json& doc, const char* key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t integer_of(const json& doc, const char* key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

Result<json> parsed(std::string_view body, const std::string& what) {
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return make_error(ErrorKind::invalid, fmt::format("{} is not a JSON object", what));
  }
  return doc;
}

}  // namespace

Result<WatchdogFacts> parse_watchdog_health(std::string_view body, const std::string& target) {
  auto doc = parsed(body, "the watchdog's /health answer");
  if (!doc) {
    return std::move(doc).error();
  }
  const auto targets = doc->find("targets");
  if (targets == doc->end() || !targets->is_array()) {
    return make_error(ErrorKind::invalid, "the watchdog's /health answer has no \"targets\" list");
  }
  for (const json& entry : *targets) {
    if (!entry.is_object() || text_of(entry, "name") != target) {
      continue;
    }
    WatchdogFacts facts;
    facts.answered = true;
    facts.state = text_of(entry, "state");
    facts.restarts_today = static_cast<int>(integer_of(entry, "restarts_today"));
    facts.last_reason = text_of(entry, "last_reason");
    facts.last_at = integer_of(entry, "last_at");
    return facts;
  }
  return make_error(ErrorKind::invalid,
                    fmt::format("the watchdog does not supervise a target named '{}'", target));
}

Result<BridgeFacts> parse_bridge_status(std::string_view body, const std::string& path) {
  auto doc = parsed(body, path);
  if (!doc) {
    return std::move(doc).error();
  }
  BridgeFacts facts;
  facts.wanted = true;
  facts.present = true;
  facts.state = text_of(*doc, "state");
  facts.artist = text_of(*doc, "artist");
  facts.title = text_of(*doc, "title");
  if (const auto volume = doc->find("volume");
      volume != doc->end() && volume->is_number_integer()) {
    facts.volume = volume->get<int>();
  }
  facts.timestamp = integer_of(*doc, "timestamp");
  return facts;
}

}  // namespace harmony::harmonyctl
