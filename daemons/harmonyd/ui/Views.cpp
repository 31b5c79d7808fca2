#include "ui/Views.hpp"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "ui/Assets.hpp"

namespace harmony::harmonyd::ui {
namespace {

constexpr NavItem k_navigation[] = {
    {"dashboard", "Dashboard", "/ui/"},    {"downloads", "Downloads", "/ui/downloads"},
    {"search", "Search", "/ui/search"},    {"watchlist", "Watchlist", "/ui/watchlist"},
    {"imports", "Imports", "/ui/imports"}, {"dead-letters", "Dead letters", "/ui/dead-letters"},
    {"spotify", "Spotify", "/ui/spotify"}, {"system", "System", "/ui/system"},
};

// Inline scripts and styles are refused, so an injected tag or handler cannot run; htmx's own
// indicator styles and eval are switched off in the layout's htmx-config to match.
constexpr std::string_view k_csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

http::Response html(int status, std::string body) {
  http::Response response =
      http::Response::text(status, std::move(body), "text/html; charset=utf-8");
  response.set_header("Content-Security-Policy", std::string(k_csp));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  // Not no-referrer: with it Chromium sends "Origin: null" on same-origin form posts.
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("Cache-Control", "no-store");
  return response;
}

nlohmann::json asset_view() {
  return {{"css_pico", asset_url("pico.classless.min.css")},
          {"css_harmony", asset_url("harmony.css")},
          {"js_htmx", asset_url("htmx.min.js")},
          {"js_harmony", asset_url("harmony.js")}};
}

std::string format_bytes(std::int64_t bytes) {
  if (bytes >= std::int64_t{1024} * 1024) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  if (bytes >= 1024) {
    return fmt::format("{:.0f} KB", static_cast<double>(bytes) / 1024.0);
  }
  return fmt::format("{} B", bytes);
}

nlohmann::json iso_time(std::int64_t ms) {
  if (ms == 0) {
    return nullptr;
  }
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  return fmt::format("{:%F %T} UTC", fmt::gmtime(seconds));
}

// The bytes of the chosen file seen so far, as a <progress> wants them (null without a file).
nlohmann::json progress_of(const hdm::Job& job) {
  const hdm::Candidate* candidate = job.chosen();
  if (candidate == nullptr) {
    return nullptr;
  }
  const std::int64_t size = candidate->file.size;
  const std::int64_t seen = std::clamp<std::int64_t>(
      job.state == hdm::JobState::done ? size : job.bytes_seen, 0, std::max<std::int64_t>(size, 0));
  return {{"value", seen},
          {"max", std::max<std::int64_t>(size, 1)},
          {"percent", size > 0 ? seen * 100 / size : 0}};
}

nlohmann::json breakdown_rows(const hdm::ScoreBreakdown& score) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [name, value] :
       {std::pair{"Title", score.title}, std::pair{"Artist", score.artist},
        std::pair{"Album", score.album}, std::pair{"Duration", score.duration},
        std::pair{"Format", score.format}, std::pair{"Peer", score.peer},
        std::pair{"Edition penalty", -score.edition_penalty},
        std::pair{"Peer failure penalty", -score.peer_failure_penalty}}) {
    // + 0.0 turns a negated zero penalty into 0.00 rather than -0.00.
    rows.push_back({{"name", name}, {"value", fmt::format("{:.2f}", value + 0.0)}});
  }
  return rows;
}

}  // namespace

std::span<const NavItem> navigation() {
  return k_navigation;
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string path_param(const http::Request& request, const std::string& name) {
  const auto it = request.path_params.find(name);
  return it == request.path_params.end() ? std::string() : it->second;
}

std::string ago(std::int64_t then_ms, std::int64_t now_ms) {
  if (then_ms == 0) {
    return "—";
  }
  const std::int64_t seconds = std::max<std::int64_t>(0, (now_ms - then_ms) / 1000);
  if (seconds < 60) {
    return fmt::format("{} s ago", seconds);
  }
  if (seconds < 3600) {
    return fmt::format("{} min ago", seconds / 60);
  }
  if (seconds < 86400) {
    return fmt::format("{} h ago", seconds / 3600);
  }
  return fmt::format("{} d ago", seconds / 86400);
}

http::Response render_page(UiContext& context, const Visit& visit, std::string_view title,
                           std::string_view active, std::string_view body_template,
                           nlohmann::json view, int status) {
  view["csrf"] = visit.session.csrf;
  nlohmann::json nav = nlohmann::json::array();
  for (const NavItem& item : navigation()) {
    nav.push_back({{"label", item.label}, {"href", item.href}, {"current", item.id == active}});
  }
  nlohmann::json layout = asset_view();
  layout["title"] = title;
  layout["nav"] = std::move(nav);
  layout["csrf"] = visit.session.csrf;
  const bool signed_in = !visit.session.token.empty();
  layout["open_ui"] = !visit.options.auth_enabled();
  layout["signed_in"] = signed_in;
  layout["logout"] = signed_in && visit.options.auth_enabled();
  layout["content"] = context.templates.render(body_template, view);
  return html(status, context.templates.render("layout", layout));
}

http::Response render_fragment(UiContext& context, std::string_view name,
                               const nlohmann::json& view) {
  return html(200, context.templates.render(name, view));
}

http::Response error_page(UiContext& context, int status, std::string_view title,
                          std::string_view message) {
  nlohmann::json view = asset_view();
  view["title"] = title;
  view["status"] = status;
  view["message"] = message;
  return html(status, context.templates.render("error", view));
}

http::Response redirect(std::string location) {
  http::Response response = http::Response::text(303, "");
  response.set_header("Location", std::move(location));
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response redirect_to_login(const http::Request& request) {
  if (request.header("HX-Request")) {
    http::Response response = http::Response::text(401, "");
    response.set_header("HX-Redirect", "/ui/login");
    return response;
  }
  return redirect("/ui/login");
}

nlohmann::json job_view(const hdm::Job& job, std::int64_t now_ms) {
  const hdm::JobState state = job.state;
  const bool active = !hdm::is_terminal(state) && state != hdm::JobState::failed;
  nlohmann::json view{
      {"id", job.id},
      {"state", hdm::to_string(state)},
      {"artist", job.request.artist},
      {"title", job.request.title},
      {"album", text_or_null(job.request.album)},
      {"attempts", job.attempts},
      {"last_error", text_or_null(job.last_error)},
      {"final_path", text_or_null(job.final_path)},
      {"active", active},
      {"can_retry", state == hdm::JobState::failed || state == hdm::JobState::dead_letter ||
                        state == hdm::JobState::cancelled},
      {"can_cancel", !hdm::is_terminal(state)},
      {"updated_ago", ago(job.updated_ms, now_ms)},
      {"timeline",
       nlohmann::json::array({{{"label", "Requested"}, {"at", iso_time(job.created_ms)}},
                              {{"label", fmt::format("In state {} since", hdm::to_string(state))},
                               {"at", iso_time(job.state_since_ms)}},
                              {{"label", "Last change"}, {"at", iso_time(job.updated_ms)}}})},
  };
  if (job.next_retry_ms != 0) {
    view["timeline"].push_back({{"label", "Next retry"}, {"at", iso_time(job.next_retry_ms)}});
  }
  nlohmann::json chosen = nullptr;
  if (const hdm::Candidate* candidate = job.chosen()) {
    chosen = {{"username", candidate->username},
              {"filename", candidate->file.filename},
              {"size", format_bytes(candidate->file.size)},
              {"format", candidate->score.format_label},
              {"total", fmt::format("{:.2f}", candidate->score.total)},
              {"breakdown", breakdown_rows(candidate->score)}};
  }
  view["progress"] = progress_of(job);
  view["chosen"] = std::move(chosen);
  view["candidates"] = job.candidates.size();
  return view;
}

nlohmann::json job_row(const hdm::Job& job, std::int64_t now_ms) {
  return {{"id", job.id},
          {"state", hdm::to_string(job.state)},
          {"artist", job.request.artist},
          {"title", job.request.title},
          {"attempts", job.attempts},
          {"updated_ago", ago(job.updated_ms, now_ms)},
          {"progress", progress_of(job)}};
}

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace harmony::harmonyd::ui
