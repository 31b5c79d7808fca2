#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hdm/Job.hpp"
#include "http/Message.hpp"
#include "ui/Gate.hpp"

namespace harmony::harmonyd::ui {

// One entry of the navigation bar: an entry here plus its rows in UiRoutes.cpp is all a new
// page needs.
struct NavItem {
  std::string_view id;
  std::string_view label;
  std::string_view href;
};
std::span<const NavItem> navigation();

// A full page: templates/<body_template> inside templates/layout with the navigation (`active`
// marked), the open-UI banner and the session's CSRF token. HTML with a strict CSP, no caching.
http::Response render_page(UiContext& context, const Visit& visit, std::string_view title,
                           std::string_view active, std::string_view body_template,
                           nlohmann::json view, int status = 200);
// A fragment for htmx (no layout).
http::Response render_fragment(UiContext& context, std::string_view name,
                               const nlohmann::json& view);
// A page that explains what went wrong and what to do, outside the navigation.
http::Response error_page(UiContext& context, int status, std::string_view title,
                          std::string_view message);
http::Response redirect(std::string location);
// 303 to /ui/login (htmx requests get HX-Redirect instead, so a poll does not swap the login
// page into a fragment).
http::Response redirect_to_login(const http::Request& request);

// A job as the pages show it: request fields, state, progress, chosen candidate with its
// score breakdown, timeline, and which actions apply.
nlohmann::json job_view(const hdm::Job& job, std::int64_t now_ms);
// A job as a list row shows it (id, artist, title, state, attempts, progress, changed): the
// lists render 50–100 rows per request, so they skip job_view's breakdown and timeline.
nlohmann::json job_row(const hdm::Job& job, std::int64_t now_ms);
std::int64_t wall_ms();
// Empty text is null in a view, so a {{#section}} around it renders nothing.
nlohmann::json text_or_null(const std::string& text);
// A path parameter of the route ("" when absent).
std::string path_param(const http::Request& request, const std::string& name);
// "3 s ago", "5 min ago", … relative to `now_ms`; "—" for 0.
std::string ago(std::int64_t then_ms, std::int64_t now_ms);

}  // namespace harmony::harmonyd::ui
