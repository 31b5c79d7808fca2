// Watchlist: the followed artists (paged), adding one by its Spotify reference or from Search,
// per-artist settings (priority, monitor mode), pause/resume, check now, unwatch, the releases
// each check found with complete/missing tracks per album, and the activity log.
#include <charconv>

#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_page = 50;
constexpr std::size_t k_activity = 20;
constexpr std::size_t k_max_reference = 200;
constexpr std::size_t k_max_reason = 200;

std::size_t offset_of(const http::Request& request) {
  const std::string text = request.query_value("offset").value_or("0");
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : 0;
}

std::string artist_url(const std::string& key) {
  return "/ui/watchlist/" + key;  // spotify:<base62 id>: nothing to encode
}

nlohmann::json artist_row(const watchlist::WatchedArtist& artist, std::int64_t now) {
  return {{"key", artist.key},
          {"url", artist_url(artist.key)},
          {"name", artist.name.empty() ? artist.key : artist.name},
          {"priority", artist.priority},
          {"monitor", watchlist::to_string(artist.monitor)},
          {"paused", artist.paused},
          {"pause_reason", artist.pause_reason.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json(artist.pause_reason)},
          {"checked_ago", ago(artist.last_checked_ms, now)},
          {"last_result", artist.last_result.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(artist.last_result)},
          {"last_error", artist.last_error.empty() ? nlohmann::json(nullptr)
                                                   : nlohmann::json(artist.last_error)}};
}

nlohmann::json activity_rows(UiContext& context, std::int64_t now) {
  nlohmann::json rows = nlohmann::json::array();
  if (auto page = context.console.watchlist().activity("", k_activity, std::nullopt)) {
    for (const auto& entry : page->entries) {
      rows.push_back(
          {{"type", entry.type},
           {"message", entry.message},
           {"url", entry.artist_key.empty() ? nlohmann::json(nullptr)
                                            : nlohmann::json(artist_url(entry.artist_key))},
           {"ago", ago(entry.at_ms, now)}});
    }
  }
  return rows;
}

nlohmann::json list_view(UiContext& context, std::size_t offset) {
  const std::int64_t now = wall_ms();
  nlohmann::json view{{"artists", nlohmann::json::array()}};
  auto artists = context.console.watchlist().list();
  if (!artists) {
    view["error"] = artists.error().message;
  } else {
    const std::size_t first = std::min(offset, artists->size());
    const std::size_t last = std::min(first + k_page, artists->size());
    for (std::size_t i = first; i < last; ++i) {
      view["artists"].push_back(artist_row((*artists)[i], now));
    }
    view["total"] = artists->size();
    if (last < artists->size()) {
      view["next_url"] = fmt::format("/ui/watchlist?offset={}", last);
    }
    if (first > 0) {
      view["previous_url"] =
          fmt::format("/ui/watchlist?offset={}", first - std::min(first, k_page));
    }
  }
  view["has_artists"] = !view["artists"].empty();
  nlohmann::json activity = activity_rows(context, now);
  view["has_activity"] = !activity.empty();
  view["activity"] = std::move(activity);
  return view;
}

http::Response list_page(UiContext& context, const Visit& visit, std::size_t offset,
                         const nlohmann::json& extra = nlohmann::json::object(), int status = 200) {
  nlohmann::json view = list_view(context, offset);
  view.update(extra);
  return render_page(context, visit, "Watchlist", "watchlist", "watchlist", std::move(view),
                     status);
}

nlohmann::json release_rows(const std::vector<watchlist::ReleaseView>& releases) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& view : releases) {
    const auto& r = view.release;
    nlohmann::json tracks = nlohmann::json::array();
    for (const auto& t : view.tracks) {
      tracks.push_back(
          {{"title", t.request.title},
           {"decision", t.decision},
           {"reason", t.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.reason)},
           {"job_id", t.job_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(t.job_id)},
           {"job_state", t.job_state}});
    }
    const bool wanted = r.state == "wanted";
    rows.push_back({{"id", r.release_id},
                    {"name", r.name},
                    {"album_type", r.album_type},
                    {"release_date", r.release_date},
                    {"state", !wanted ? r.state : (view.missing == 0 ? "complete" : "incomplete")},
                    {"wanted", wanted},
                    {"complete", view.complete},
                    {"missing", view.missing},
                    {"has_tracks", !tracks.empty()},
                    {"tracks", std::move(tracks)}});
  }
  return rows;
}

std::string key_of(const http::Request& request) {
  const std::string text = path_param(request, "key").substr(0, k_max_reference);
  auto id = watchlist::parse_artist_reference(text);
  return id ? watchlist::artist_key(*id) : text;
}

http::Response watch_error(UiContext& context, const Error& error) {
  const int status = error.kind == ErrorKind::not_found ? 404
                     : error.kind == ErrorKind::invalid ? 409
                                                        : 503;
  return error_page(context, status, "The watch could not be changed", error.message);
}

http::Response after_change(UiContext& context, const Result<watchlist::WatchedArtist>& changed) {
  return changed ? redirect(artist_url(changed->key)) : watch_error(context, changed.error());
}

}  // namespace

http::Response watchlist_page(UiContext& context, const http::Request& request,
                              const Visit& visit) {
  return list_page(context, visit, offset_of(request));
}

http::Response watch_add(UiContext& context, const http::Request&, const Visit& visit) {
  api::WatchRequest watch;
  watch.artist = visit.form.get("artist").value_or("");
  if (watch.artist.size() > k_max_reference) {
    watch.artist.resize(k_max_reference);
  }
  if (const auto monitor = visit.form.get("monitor"); monitor && !monitor->empty()) {
    watch.monitor = watchlist::parse_monitor(*monitor);
    if (!watch.monitor) {
      return list_page(
          context, visit, 0,
          {{"add_error", "the monitor mode must be new, all or none"}, {"reference", watch.artist}},
          422);
    }
  }
  auto id = watchlist::parse_artist_reference(watch.artist);
  if (!id) {
    return list_page(context, visit, 0,
                     {{"add_error", id.error().message}, {"reference", watch.artist}}, 422);
  }
  auto added = context.console.watchlist().watch(watch);
  if (!added) {
    return list_page(context, visit, 0,
                     {{"add_error", added.error().message}, {"reference", watch.artist}},
                     added.error().kind == ErrorKind::not_found ? 404 : 503);
  }
  // Already watched: its page is where the person wanted to go anyway.
  return redirect(artist_url(added->first.key));
}

http::Response watch_artist(UiContext& context, const http::Request& request, const Visit& visit) {
  auto detail = context.console.watchlist().detail(key_of(request));
  if (!detail) {
    return error_page(context, detail.error().kind == ErrorKind::not_found ? 404 : 503,
                      "Artist not watched",
                      "This artist is not on the watchlist. Find it with Search and watch it.");
  }
  nlohmann::json view = artist_row(detail->artist, wall_ms());
  int complete = 0;
  int missing = 0;
  for (const auto& release : detail->releases) {
    complete += release.complete;
    missing += release.missing;
  }
  nlohmann::json releases = release_rows(detail->releases);
  view["has_releases"] = !releases.empty();
  view["releases"] = std::move(releases);
  view["tracks_complete"] = complete;
  view["tracks_missing"] = missing;
  view["checked"] = detail->artist.last_checked_ms != 0;
  nlohmann::json monitors = nlohmann::json::array();
  for (const auto mode :
       {watchlist::Monitor::new_releases, watchlist::Monitor::all, watchlist::Monitor::none}) {
    monitors.push_back(
        {{"value", watchlist::to_string(mode)}, {"selected", mode == detail->artist.monitor}});
  }
  view["monitors"] = std::move(monitors);
  const std::string title = view["name"].get<std::string>();  // before view is moved
  return render_page(context, visit, title, "watchlist", "watch_artist", std::move(view));
}

http::Response watch_settings(UiContext& context, const http::Request& request,
                              const Visit& visit) {
  api::WatchPatch patch;
  const std::string priority = visit.form.get("priority").value_or("");
  if (!priority.empty()) {
    int value = -1;
    const auto [end, ec] =
        std::from_chars(priority.data(), priority.data() + priority.size(), value);
    if (ec != std::errc() || end != priority.data() + priority.size() ||
        value < watchlist::k_min_priority || value > watchlist::k_max_priority) {
      return error_page(context, 422, "Priority not changed",
                        fmt::format("The priority must be a whole number from {} to {}.",
                                    watchlist::k_min_priority, watchlist::k_max_priority));
    }
    patch.priority = value;
  }
  if (const auto monitor = visit.form.get("monitor"); monitor && !monitor->empty()) {
    patch.monitor = watchlist::parse_monitor(*monitor);
    if (!patch.monitor) {
      return error_page(context, 422, "Monitor mode not changed",
                        "The monitor mode must be new, all or none.");
    }
  }
  return after_change(context, context.console.watchlist().change(key_of(request), patch));
}

http::Response watch_pause(UiContext& context, const http::Request& request, const Visit& visit) {
  std::string reason = visit.form.get("reason").value_or("");
  if (reason.size() > k_max_reason) {
    reason.resize(k_max_reason);
  }
  return after_change(context, context.console.watchlist().pause(key_of(request), reason, 0));
}

http::Response watch_resume(UiContext& context, const http::Request& request, const Visit&) {
  return after_change(context, context.console.watchlist().resume(key_of(request)));
}

http::Response watch_check(UiContext& context, const http::Request& request, const Visit&) {
  return after_change(context, context.console.watchlist().check_now(key_of(request)));
}

http::Response watch_remove(UiContext& context, const http::Request& request, const Visit&) {
  auto removed = context.console.watchlist().unwatch(key_of(request));
  return removed ? redirect("/ui/watchlist") : watch_error(context, removed.error());
}

}  // namespace harmony::harmonyd::ui::pages
