#include "api/WatchlistJson.hpp"

#include <cstdio>
#include <ctime>

#include <fmt/format.h>

namespace harmony::harmonyd::api::watchlist_json {

using watchlist::WatchedArtist;

std::string iso_time(std::int64_t ms) {
  if (ms == 0) {
    return {};
  }
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<std::int64_t> parse_iso_time(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  std::string rest = text.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest[0] == '.') {
    const auto digits = rest.find_first_not_of("0123456789", 1);
    rest = digits == std::string::npos ? "" : rest.substr(digits);
  }
  if (rest != "Z" && rest != "+00:00") {
    return std::nullopt;
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

nlohmann::json artist_json(const WatchedArtist& a) {
  return {{"artist_key", a.key},
          {"spotify_id", a.spotify_id},
          {"name", a.name},
          {"priority", a.priority},
          {"monitor", watchlist::to_string(a.monitor)},
          {"release_types", a.release_types},
          {"state", a.paused ? "paused" : "active"},
          {"pause_reason", a.pause_reason},
          {"resume_at", iso_time(a.resume_at_ms)},
          {"added_at", iso_time(a.added_ms)},
          {"last_checked_at", iso_time(a.last_checked_ms)},
          {"last_full_scan_at", iso_time(a.last_full_scan_ms)},
          {"next_check_at", a.paused ? "" : iso_time(a.next_check_ms)},
          {"last_result", a.last_result},
          {"last_error", a.last_error},
          {"failures", a.failures},
          {"totals", a.totals}};
}

nlohmann::json release_json(const watchlist::ReleaseView& view) {
  nlohmann::json tracks = nlohmann::json::array();
  for (const auto& t : view.tracks) {
    nlohmann::json track = {
        {"spotify_id", t.spotify_id},
        {"artist", t.request.artist},
        {"title", t.request.title},
        {"decision", t.decision},
        {"reason", t.reason},
        {"download_id", t.job_id == 0 ? nlohmann::json() : nlohmann::json(t.job_id)},
        {"download_state", t.job_state}};
    if (t.request.track_number) {
      track["track_number"] = *t.request.track_number;
    }
    if (t.request.disc_number) {
      track["disc_number"] = *t.request.disc_number;
    }
    if (!t.request.isrc.empty()) {
      track["isrc"] = t.request.isrc;
    }
    tracks.push_back(std::move(track));
  }
  const auto& r = view.release;
  const bool wanted = r.state == "wanted";
  return {{"release_id", r.release_id},
          {"name", r.name},
          {"album_type", r.album_type},
          {"release_date", r.release_date},
          {"total_tracks", r.total_tracks},
          {"state", !wanted ? r.state : (view.missing == 0 ? "complete" : "incomplete")},
          {"complete", view.complete},
          {"missing", view.missing},
          {"found_at", iso_time(r.found_ms)},
          {"tracks", std::move(tracks)}};
}

}  // namespace harmony::harmonyd::api::watchlist_json
