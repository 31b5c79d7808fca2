// Login with an API key (HARMONY_API_KEYS) → a session cookie; 6 failures in 5 minutes from
// one client → 429 until the window passes. Without keys there is nothing to log in to.
#include <fmt/format.h>

#include "http/Security.hpp"
#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

http::Response login_page(UiContext& context, int status, std::string_view error) {
  nlohmann::json view{{"error", error.empty() ? nlohmann::json(nullptr) : nlohmann::json(error)}};
  Visit anonymous;
  anonymous.options = context.options();
  // The login page has no navigation (nothing is reachable yet) but the same layout.
  return render_page(context, anonymous, "Log in", "", "login", std::move(view), status);
}

http::Response too_many(UiContext& context, std::chrono::seconds wait) {
  http::Response response = error_page(
      context, 429, "Too many failed logins",
      fmt::format("Six keys were wrong within five minutes. Try again in {} s.", wait.count()));
  response.set_header("Retry-After", std::to_string(wait.count()));
  return response;
}

}  // namespace

http::Response login_form(UiContext& context, const http::Request& request) {
  const UiOptions options = context.options();
  if (!options.auth_enabled()) {
    return redirect("/ui/");
  }
  if (const auto session = context.sessions.resolve(request, options.session_ttl);
      session && session->authenticated) {
    return redirect("/ui/");
  }
  return login_page(context, 200, "");
}

http::Response login(UiContext& context, const http::Request& request) {
  const UiOptions options = context.options();
  if (!options.auth_enabled()) {
    return redirect("/ui/");
  }
  if (!same_origin(request)) {
    return error_page(context, 403, "Cross-site request refused",
                      "The login form was sent from another site. Open Harmony directly.");
  }
  const std::string client = request.remote_addr;
  if (const auto wait = context.throttle.blocked_for(client); wait.count() > 0) {
    return too_many(context, wait);
  }
  auto form = parse_form(request);
  if (!form) {
    return error_page(context, form_error_status(request), "Unreadable form", form.error().message);
  }
  const std::string key = form->get("key").value_or("");
  if (key.empty() || !http::constant_time_contains(options.api_keys, key)) {
    if (context.throttle.failed(client)) {
      return too_many(context, context.throttle.blocked_for(client));
    }
    return login_page(context, 401, "That key is not valid. Use one of HARMONY_API_KEYS.");
  }
  context.throttle.succeeded(client);
  context.sessions.close(request);  // a fresh token on login: no fixation
  auto session = context.sessions.open(true);
  if (!session) {
    return error_page(context, 503, "Session unavailable", session.error().message);
  }
  http::Response response = redirect("/ui/");
  response.set_header("Set-Cookie", SessionManager::cookie(*session, options.cookies_secure));
  return response;
}

http::Response logout(UiContext& context, const http::Request& request, const Visit& visit) {
  context.sessions.close(request);
  http::Response response = redirect(visit.options.auth_enabled() ? "/ui/login" : "/ui/");
  response.set_header("Set-Cookie", SessionManager::clearing_cookie(visit.options.cookies_secure));
  return response;
}

}  // namespace harmony::harmonyd::ui::pages
