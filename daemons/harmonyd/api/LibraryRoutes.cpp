// /api/v1/library: index statistics, a rescan on request, and the "already in the library"
// lookup that watchlists and imports use.
#include <charconv>

#include <fmt/format.h>

#include "api/Routes.hpp"
#include "library/MatchKey.hpp"

namespace harmony::harmonyd::api {
namespace {

constexpr std::size_t k_max_text = 512;

nlohmann::json report_json(const library::ScanReport& report) {
  return {{"scanned", report.scanned},       {"added", report.added},
          {"updated", report.updated},       {"removed", report.removed},
          {"unreadable", report.unreadable}, {"skipped_dirs", report.skipped_dirs},
          {"complete", report.complete},     {"duration_ms", report.duration.count()}};
}

nlohmann::json track_json(const library::LibraryTrack& track) {
  return {{"path", track.path},   {"artist", track.artist},
          {"title", track.title}, {"album", track.album},
          {"isrc", track.isrc},   {"duration_ms", track.duration.count()}};
}

Result<std::string> query_text(const http::Request& request, const char* key) {
  const auto it = request.query.find(key);
  if (it == request.query.end()) {
    return std::string();
  }
  if (it->second.size() > k_max_text) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' is longer than {} bytes", key, k_max_text));
  }
  return it->second;
}

Result<library::TrackIdentity> lookup_identity(const http::Request& request) {
  library::TrackIdentity identity;
  HARMONY_TRY_ASSIGN(identity.artist, query_text(request, "artist"));
  HARMONY_TRY_ASSIGN(identity.title, query_text(request, "title"));
  HARMONY_TRY_ASSIGN(identity.isrc, query_text(request, "isrc"));
  if (!identity.isrc.empty() && library::normalise_isrc(identity.isrc).empty()) {
    return make_error(ErrorKind::invalid,
                      "'isrc' must be an ISRC such as GBAYE0601690 (hyphens allowed)");
  }
  if (identity.isrc.empty() && (identity.artist.empty() || identity.title.empty())) {
    return make_error(ErrorKind::invalid,
                      "give 'isrc', or 'artist' and 'title' (and optionally 'duration_ms')");
  }
  std::string duration;
  HARMONY_TRY_ASSIGN(duration, query_text(request, "duration_ms"));
  if (!duration.empty()) {
    std::int64_t ms = 0;
    const auto [end, ec] = std::from_chars(duration.data(), duration.data() + duration.size(), ms);
    if (ec != std::errc() || end != duration.data() + duration.size() || ms < 1 ||
        ms > 86'400'000) {
      return make_error(ErrorKind::invalid, "'duration_ms' must be an integer from 1 to 86400000");
    }
    identity.duration = std::chrono::milliseconds(ms);
  }
  return identity;
}

}  // namespace

http::Response v1_library_stats(ApiServices& services, const http::Request&) {
  auto stats = services.library().stats();
  if (!stats) {
    return http::Response::from_error(stats.error());
  }
  const auto& indexer = stats->indexer;
  nlohmann::json body = {{"music_dir", stats->music_dir},
                         {"tracks", stats->counts.tracks},
                         {"unreadable", stats->counts.unreadable},
                         {"artists", stats->counts.artists},
                         {"albums", stats->counts.albums},
                         {"total_bytes", stats->counts.total_bytes},
                         {"scanning", indexer.scanning},
                         {"scans", indexer.scans},
                         {"failed_scans", indexer.failed_scans},
                         {"last_scan", nullptr},
                         {"last_finished_ms", nullptr},
                         {"last_error", indexer.last_error}};
  if (indexer.last) {
    body["last_scan"] = report_json(*indexer.last);
  }
  if (indexer.last_finished_ms) {
    body["last_finished_ms"] = *indexer.last_finished_ms;
  }
  return http::Response::json(200, body);
}

http::Response v1_library_scan(ApiServices& services, const http::Request&) {
  services.library().request_scan();
  return http::Response::json(202, {{"scan", "requested"}});
}

http::Response v1_library_lookup(ApiServices& services, const http::Request& request) {
  auto identity = lookup_identity(request);
  if (!identity) {
    return http::Response::from_error(identity.error());
  }
  auto found = services.library().lookup(*identity);
  if (!found) {
    return http::Response::from_error(found.error());
  }
  if (!found->has_value()) {
    return http::Response::json(200, {{"found", false}});
  }
  return http::Response::json(200, {{"found", true}, {"track", track_json(**found)}});
}

}  // namespace harmony::harmonyd::api
