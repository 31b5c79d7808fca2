// System: readiness in detail, the configuration (/env, redacted) with each value's origin,
// version and uptime, and where the metrics are.
#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {

http::Response system(UiContext& context, const http::Request&, const Visit& visit) {
  const nlohmann::json readiness = context.console.readiness();
  const nlohmann::json status = context.console.status();
  const nlohmann::json env = context.console.environment();
  nlohmann::json checks = nlohmann::json::array();
  // Named copies: items() of a temporary would dangle inside the loop.
  const nlohmann::json readiness_checks = readiness.value("checks", nlohmann::json::object());
  const nlohmann::json env_keys = env.value("keys", nlohmann::json::object());
  for (const auto& [name, check] : readiness_checks.items()) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& [key, value] : check.items()) {
      if (key != "status") {
        details.push_back(
            {{"key", key}, {"value", value.is_string() ? value.get<std::string>() : value.dump()}});
      }
    }
    checks.push_back({{"name", name}, {"status", check.value("status", "")}, {"details", details}});
  }
  nlohmann::json issues = readiness.value("issues", nlohmann::json::array());
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& [key, shown] : env_keys.items()) {
    keys.push_back(
        {{"key", key}, {"value", shown.value("value", "")}, {"origin", shown.value("origin", "")}});
  }
  const double uptime = status.value("uptime_seconds", 0.0);
  nlohmann::json view{
      {"ready", readiness.value("status", "") == "ok"},
      {"checks", std::move(checks)},
      {"issues", issues},
      {"has_issues", !issues.empty()},
      {"keys", std::move(keys)},
      {"warnings", env.value("warnings", nlohmann::json::array())},
      {"version", status.value("version", "")},
      {"uptime", fmt::format("{:.0f} s", uptime)},
      {"profile", env.value("profile", "")},
      {"config_file", env.value("config_file", "")},
      {"started_at", env.contains("build") ? env["build"].value("started_at", "") : ""},
      {"auth_enabled", visit.options.auth_enabled()},
  };
  return render_page(context, visit, "System", "system", "system", std::move(view));
}

}  // namespace harmony::harmonyd::ui::pages
