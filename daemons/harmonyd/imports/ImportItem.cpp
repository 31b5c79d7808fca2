#include "imports/ImportItem.hpp"

#include "hdm/Job.hpp"

namespace harmony::harmonyd::imports {

nlohmann::json to_json(const ImportItem& item) {
  nlohmann::json json = {
      {"line", item.line},
      {"kind", item.kind},
      {"text", item.text},
      {"request", hdm::request_to_json(item.request)},
      {"unmatched", item.unmatched},
      {"outcome", item.outcome},
      {"reason", item.reason},
      {"download_id", item.job_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(item.job_id)}};
  if (item.match) {
    const auto& m = *item.match;
    json["match"] = {{"spotify_id", m.spotify_id},
                     {"isrc", m.isrc},
                     {"album", m.album},
                     {"year", m.year ? nlohmann::json(*m.year) : nlohmann::json(nullptr)},
                     {"duration_ms", m.duration_ms},
                     {"score", m.score},
                     {"threshold", m.threshold}};
  } else {
    json["match"] = nullptr;
  }
  return json;
}

ImportItem item_from_json(const nlohmann::json& json) {
  ImportItem item;
  if (!json.is_object()) {
    return item;
  }
  item.line = json.value("line", std::size_t{0});
  item.kind = json.value("kind", "");
  item.text = json.value("text", "");
  item.request = hdm::request_from_json(json.value("request", nlohmann::json::object()));
  item.unmatched = json.value("unmatched", false);
  item.outcome = json.value("outcome", "");
  item.reason = json.value("reason", "");
  item.job_id = json.contains("download_id") && json["download_id"].is_number_integer()
                    ? json["download_id"].get<std::int64_t>()
                    : 0;
  if (json.contains("match") && json["match"].is_object()) {
    const auto& m = json["match"];
    SpotifyMatch match;
    match.spotify_id = m.value("spotify_id", "");
    match.isrc = m.value("isrc", "");
    match.album = m.value("album", "");
    if (m.contains("year") && m["year"].is_number_integer()) {
      match.year = m["year"].get<int>();
    }
    match.duration_ms = m.value("duration_ms", std::int64_t{0});
    match.score = m.value("score", 0.0);
    match.threshold = m.value("threshold", 0.0);
    item.match = match;
  }
  return item;
}

}  // namespace harmony::harmonyd::imports
