// Downloads: the request form, the job list (filter by state, cursor paging, live progress),
// one job's page (score breakdown, timeline, final path, error) with retry and cancel.
#include <charconv>

#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_page = 50;
constexpr std::size_t k_max_text = 512;  // as the API: artist, title, album

constexpr hdm::JobState k_states[] = {
    hdm::JobState::requested,     hdm::JobState::searching,   hdm::JobState::selecting,
    hdm::JobState::queued_remote, hdm::JobState::downloading, hdm::JobState::verifying,
    hdm::JobState::tagging,       hdm::JobState::filing,      hdm::JobState::done,
    hdm::JobState::failed,        hdm::JobState::dead_letter, hdm::JobState::cancelled};

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> path_id(const http::Request& request) {
  const auto it = request.path_params.find("id");
  return it == request.path_params.end() ? std::nullopt : parse_id(it->second);
}

struct Listing {
  std::optional<hdm::JobState> state;
  std::optional<std::int64_t> cursor;
  std::string query;  // "state=…&cursor=…" as given, for the poll URL
};

Listing listing(const http::Request& request) {
  Listing result;
  const std::string state = request.query_value("state").value_or("");
  result.state = hdm::parse_job_state(state);
  if (const auto cursor = request.query_value("cursor")) {
    result.cursor = parse_id(*cursor);
  }
  if (result.state) {
    result.query = fmt::format("state={}", hdm::to_string(*result.state));
  }
  if (result.cursor) {
    result.query += fmt::format("{}cursor={}", result.query.empty() ? "" : "&", *result.cursor);
  }
  return result;
}

nlohmann::json table_view(UiContext& context, const Listing& list) {
  auto page = context.console.downloads().list(list.state, k_page, list.cursor);
  const std::int64_t now = wall_ms();
  nlohmann::json jobs = nlohmann::json::array();
  nlohmann::json view = nlohmann::json::object();
  if (!page) {
    view["error"] = page.error().message;
  } else {
    for (const auto& job : page->jobs) {
      jobs.push_back(job_row(job, now));
    }
    const std::string state_part =
        list.state ? fmt::format("state={}", hdm::to_string(*list.state)) : "";
    if (page->next_cursor) {
      view["next_url"] = fmt::format("/ui/downloads?{}{}cursor={}", state_part,
                                     state_part.empty() ? "" : "&", *page->next_cursor);
    }
    if (list.cursor) {
      view["first_url"] = fmt::format("/ui/downloads?{}", state_part);
    }
  }
  view["has_jobs"] = !jobs.empty();
  view["jobs"] = std::move(jobs);
  view["empty"] = list.state ? fmt::format("No downloads are {}.", hdm::to_string(*list.state))
                             : "No downloads yet. Request a track with the form above.";
  return view;
}

nlohmann::json downloads_view(UiContext& context, const http::Request& request) {
  const Listing list = listing(request);
  nlohmann::json states = nlohmann::json::array({{{"value", ""}, {"label", "All states"}}});
  for (const hdm::JobState state : k_states) {
    states.push_back({{"value", hdm::to_string(state)},
                      {"label", hdm::to_string(state)},
                      {"selected", list.state == state}});
  }
  return {{"states", std::move(states)},
          {"poll_url", "/ui/partials/downloads" + (list.query.empty() ? "" : "?" + list.query)},
          {"table", context.templates.render("downloads_table", table_view(context, list))}};
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// "Artist – Title" (en dash, em dash or " - "), or the separate fields.
Result<hdm::TrackRequest> track_request(const Form& form) {
  hdm::TrackRequest track;
  track.artist = trimmed(form.get("artist").value_or(""));
  track.title = trimmed(form.get("title").value_or(""));
  track.album = trimmed(form.get("album").value_or(""));
  const std::string query = trimmed(form.get("query").value_or(""));
  if (!query.empty() && track.artist.empty() && track.title.empty()) {
    for (const std::string_view separator : {" – ", " — ", " - "}) {
      const auto at = query.find(separator);
      if (at != std::string::npos) {
        track.artist = trimmed(query.substr(0, at));
        track.title = trimmed(query.substr(at + separator.size()));
        break;
      }
    }
    if (track.artist.empty() || track.title.empty()) {
      return make_error(ErrorKind::invalid,
                        "write the request as “Artist – Title”, e.g. “The Beatles – Let It Be”");
    }
  }
  if (track.artist.empty() || track.title.empty()) {
    return make_error(ErrorKind::invalid, "artist and title are both needed");
  }
  for (const auto& [name, value] :
       {std::pair{"artist", &track.artist}, std::pair{"title", &track.title},
        std::pair{"album", &track.album}}) {
    if (value->size() > k_max_text) {
      return make_error(ErrorKind::invalid,
                        fmt::format("the {} is longer than {} bytes", name, k_max_text));
    }
  }
  return track;
}

// Where an action returns to: a /ui/ path the form named, else the job's page.
std::string back_to(const Visit& visit, std::int64_t id) {
  std::string back = visit.form.get("back").value_or("");
  if (back.starts_with("/ui/") && back.find("//") == std::string::npos &&
      back.find('\\') == std::string::npos) {
    return back;
  }
  return fmt::format("/ui/downloads/{}", id);
}

http::Response job_action_error(UiContext& context, const Error& error) {
  const int status = error.kind == ErrorKind::not_found     ? 404
                     : error.kind == ErrorKind::invalid     ? 409
                     : error.kind == ErrorKind::unavailable ? 503
                                                            : 500;
  return error_page(context, status, "The download could not be changed", error.message);
}

}  // namespace

http::Response downloads(UiContext& context, const http::Request& request, const Visit& visit) {
  nlohmann::json view = downloads_view(context, request);
  view["downloads_enabled"] = visit.options.downloads_enabled;
  return render_page(context, visit, "Downloads", "downloads", "downloads", std::move(view));
}

http::Response downloads_table(UiContext& context, const http::Request& request, const Visit&) {
  return render_fragment(context, "downloads_table", table_view(context, listing(request)));
}

http::Response download_request(UiContext& context, const http::Request& request,
                                const Visit& visit) {
  auto track = track_request(visit.form);
  Result<std::pair<hdm::Job, hdm::SubmitOutcome>> submitted =
      track ? context.console.downloads().submit(std::move(*track))
            : Result<std::pair<hdm::Job, hdm::SubmitOutcome>>(track.error());
  if (submitted) {
    return redirect(fmt::format("/ui/downloads/{}", submitted->first.id));
  }
  nlohmann::json view = downloads_view(context, request);
  view["downloads_enabled"] = visit.options.downloads_enabled;
  view["request_error"] = submitted.error().message;
  view["query"] = visit.form.get("query").value_or("").substr(0, 2 * k_max_text);
  const int status = submitted.error().kind == ErrorKind::unavailable ? 503 : 422;
  return render_page(context, visit, "Downloads", "downloads", "downloads", std::move(view),
                     status);
}

http::Response job(UiContext& context, const http::Request& request, const Visit& visit) {
  const auto id = path_id(request);
  auto found = id ? context.console.downloads().find(*id)
                  : Result<hdm::Job>(make_error(ErrorKind::not_found, "not a download id"));
  if (!found) {
    return error_page(context, found.error().kind == ErrorKind::not_found ? 404 : 503,
                      "Download not found",
                      "There is no such download. It may have been purged; see Downloads.");
  }
  nlohmann::json detail = job_view(*found, wall_ms());
  detail["csrf"] = visit.session.csrf;
  nlohmann::json view{{"id", found->id},
                      {"poll", !hdm::is_terminal(found->state)},
                      {"detail", context.templates.render("job_detail", detail)}};
  return render_page(context, visit, fmt::format("Download {}", found->id), "downloads", "job",
                     std::move(view));
}

http::Response job_detail(UiContext& context, const http::Request& request, const Visit& visit) {
  const auto id = path_id(request);
  auto found = id ? context.console.downloads().find(*id)
                  : Result<hdm::Job>(make_error(ErrorKind::not_found, "not a download id"));
  if (!found) {
    return error_page(context, 404, "Download not found", found.error().message);
  }
  nlohmann::json detail = job_view(*found, wall_ms());
  detail["csrf"] = visit.session.csrf;
  http::Response response = render_fragment(context, "job_detail", detail);
  if (hdm::is_terminal(found->state)) {
    response.status = 286;  // htmx: swap this, then stop polling
  }
  return response;
}

http::Response job_retry(UiContext& context, const http::Request& request, const Visit& visit) {
  const auto id = path_id(request);
  auto retried = id ? context.console.downloads().retry(*id)
                    : Result<hdm::Job>(make_error(ErrorKind::not_found, "not a download id"));
  return retried ? redirect(back_to(visit, retried->id))
                 : job_action_error(context, retried.error());
}

http::Response job_cancel(UiContext& context, const http::Request& request, const Visit& visit) {
  const auto id = path_id(request);
  auto cancelled = id ? context.console.downloads().cancel(*id)
                      : Result<hdm::Job>(make_error(ErrorKind::not_found, "not a download id"));
  return cancelled ? redirect(back_to(visit, cancelled->id))
                   : job_action_error(context, cancelled.error());
}

}  // namespace harmony::harmonyd::ui::pages
