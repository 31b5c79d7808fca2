#include "StatusJson.hpp"

#include <nlohmann/json.hpp>

namespace harmony::bridge {

std::string status_json(const SpeakerState& state, Clock::WallTime now) {
  nlohmann::json doc;
  doc["state"] = to_string(state.playback);
  doc["artist"] = state.artists;
  doc["title"] = state.title;
  doc["album"] = state.album;
  doc["duration"] = state.duration_ms ? *state.duration_ms / 1000 : 0;
  doc["duration_ms"] = state.duration_ms.value_or(0);
  doc["position"] = state.position_s.value_or(0);
  doc["volume"] = state.volume ? nlohmann::json(*state.volume) : nlohmann::json(nullptr);
  doc["shuffle"] = state.shuffle;
  doc["repeat"] = state.repeat_mode;
  doc["session"] = to_string(state.session);
  doc["timestamp"] =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  // The parser already guarantees valid UTF-8; `replace` keeps a future bug from throwing here.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace harmony::bridge
