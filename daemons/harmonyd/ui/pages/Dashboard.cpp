// The dashboard: readiness with each check's fix, what to configure first, and a live part
// (jobs by state, connections, recent activity) that htmx refreshes every second.
#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_recent = 8;

std::string status_label(const std::string& status) {
  if (status == "ok") {
    return "OK";
  }
  if (status == "fail") {
    return "Failing";
  }
  return "Not configured";
}

nlohmann::json check_rows(const nlohmann::json& readiness) {
  std::map<std::string, std::string> fixes;
  for (const auto& issue : readiness.value("issues", nlohmann::json::array())) {
    fixes[issue.value("component", "")] = issue.value("message", "");
  }
  nlohmann::json rows = nlohmann::json::array();
  // A named copy: items() of a temporary would dangle inside the loop.
  const nlohmann::json checks = readiness.value("checks", nlohmann::json::object());
  for (const auto& [name, check] : checks.items()) {
    const std::string status = check.value("status", "");
    std::string fix = fixes.contains(name) ? fixes[name] : "";
    if (fix.empty() && status == "not_configured") {
      fix = "Optional; see What to configure first.";
    }
    rows.push_back({{"name", name},
                    {"status", status},
                    {"status_label", status_label(status)},
                    {"fix", fix.empty() ? "Nothing to do." : fix}});
  }
  return rows;
}

nlohmann::json setup_steps(const nlohmann::json& readiness, const UiOptions& options,
                           std::int64_t jobs) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& issue : readiness.value("issues", nlohmann::json::array())) {
    steps.push_back({{"title", fmt::format("Fix {}", issue.value("component", "a check"))},
                     {"text", issue.value("message", "")}});
  }
  if (!options.downloads_enabled) {
    steps.push_back({{"title", "Connect slskd"},
                     {"text",
                      "Set SLSKD_URL (e.g. http://127.0.0.1:5030) and SLSKD_API_KEY in "
                      "CONFIG_DIR/.env or harmony.yml, then restart harmonyd. Downloads stay off "
                      "until then."}});
  }
  if (!options.auth_enabled()) {
    steps.push_back({{"title", "Require a key"},
                     {"text",
                      "Set HARMONY_API_KEYS to one or more long random keys; the UI then "
                      "asks for one at login."}});
  }
  const auto checks = readiness.value("checks", nlohmann::json::object());
  if (checks.contains("spotify") && checks["spotify"].value("status", "") == "not_configured") {
    steps.push_back({{"title", "Optional: Spotify"},
                     {"text",
                      "Set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET to search Spotify "
                      "and follow artists."}});
  }
  if (options.downloads_enabled && jobs == 0) {
    steps.push_back({{"title", "Request your first track"},
                     {"text", "Open Downloads and enter “Artist – Title”."}});
  }
  return steps;
}

std::string connection_hint(const std::string& status, std::string_view keys) {
  if (status == "ok") {
    return "connected";
  }
  if (status == "fail") {
    return "not reachable: see System for the check's detail";
  }
  return fmt::format("not configured ({})", keys);
}

nlohmann::json live_view(UiContext& context) {
  const std::int64_t now = wall_ms();
  api::Downloads& downloads = context.console.downloads();
  nlohmann::json counts = nlohmann::json::array();
  std::int64_t total = 0;
  if (auto found = downloads.counts()) {
    for (const auto& [state, count] : *found) {
      counts.push_back({{"state", state}, {"count", count}});
      total += count;
    }
  }
  nlohmann::json recent = nlohmann::json::array();
  if (auto jobs = downloads.recent(k_recent)) {
    for (const auto& job : *jobs) {
      recent.push_back(job_row(job, now));
    }
  }
  const nlohmann::json status = context.console.status();
  const nlohmann::json links = status.value("connections", nlohmann::json::object());
  const std::string slskd = links.value("slskd", "not_configured");
  const std::string spotify = links.value("spotify", "not_configured");
  return {{"counts", std::move(counts)},
          {"total", total},
          {"has_jobs", total > 0},
          {"recent", recent},
          {"has_recent", !recent.empty()},
          {"slskd", slskd},
          {"slskd_hint", connection_hint(slskd, "SLSKD_URL, SLSKD_API_KEY")},
          {"spotify", spotify},
          {"spotify_hint", connection_hint(spotify, "SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET")},
          {"version", status.value("version", "")}};
}

}  // namespace

http::Response dashboard(UiContext& context, const http::Request&, const Visit& visit) {
  const nlohmann::json readiness = context.console.readiness();
  nlohmann::json live = live_view(context);
  live["csrf"] = visit.session.csrf;
  const nlohmann::json steps = setup_steps(readiness, visit.options, live["total"]);
  nlohmann::json view{{"ready", readiness.value("status", "") == "ok"},
                      {"checks", check_rows(readiness)},
                      {"setup", steps},
                      {"has_setup", !steps.empty()},
                      {"live", context.templates.render("dashboard_live", live)}};
  return render_page(context, visit, "Dashboard", "dashboard", "dashboard", std::move(view));
}

http::Response dashboard_live(UiContext& context, const http::Request&, const Visit& visit) {
  nlohmann::json live = live_view(context);
  live["csrf"] = visit.session.csrf;
  return render_fragment(context, "dashboard_live", live);
}

}  // namespace harmony::harmonyd::ui::pages
