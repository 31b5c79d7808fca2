// Spotify: the connection (not configured / not connected / connected as whom / rate limited),
// connect (a fresh authorization URL to open; harmonyd's callback page leads back here), the
// manual completion form for a browser on another machine, and disconnect.
#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_max_redirect_url = std::size_t{16} * 1024;

nlohmann::json text_of(const nlohmann::json& json, const char* key) {
  const auto it = json.find(key);
  return it != json.end() && it->is_string() && !it->get_ref<const std::string&>().empty()
             ? *it
             : nlohmann::json(nullptr);
}

nlohmann::json spotify_view(UiContext& context) {
  const nlohmann::json status = context.console.spotify().status();
  const std::string state = status.value("status", "unconfigured");
  nlohmann::json view{{"status", state},
                      {"unconfigured", state == "unconfigured"},
                      {"connected", status.contains("user") && status["user"].is_object()},
                      {"reason", text_of(status, "reason")},
                      {"redirect_uri", text_of(status, "redirect_uri")},
                      {"callback_served", status.value("callback_served", false)},
                      {"token_expires_at", text_of(status, "token_expires_at")},
                      {"rate_limited_until", text_of(status, "rate_limited_until")}};
  if (view["connected"].get<bool>()) {
    const auto& user = status["user"];
    view["user_name"] = user.value("display_name", std::string());
    view["user_id"] = user.value("id", std::string());
    std::string scopes;
    for (const auto& scope : status.value("scopes", nlohmann::json::array())) {
      scopes += scopes.empty() ? "" : " ";
      scopes += scope.get<std::string>();
    }
    view["scopes"] = scopes;
  }
  return view;
}

http::Response spotify_page(UiContext& context, const Visit& visit, const nlohmann::json& extra,
                            int status) {
  nlohmann::json view = spotify_view(context);
  view.update(extra);
  return render_page(context, visit, "Spotify", "spotify", "spotify", std::move(view), status);
}

}  // namespace

http::Response spotify(UiContext& context, const http::Request&, const Visit& visit) {
  return spotify_page(context, visit, nlohmann::json::object(), 200);
}

http::Response spotify_connect(UiContext& context, const http::Request&, const Visit& visit) {
  auto started = context.console.spotify().oauth_start();
  if (!started) {
    return spotify_page(context, visit, {{"connect_error", started.error().message}}, 503);
  }
  // The URL is shown as a link to follow rather than a redirect: the page's form-action policy
  // would refuse a form that redirects to another site, and the person sees where they go.
  return spotify_page(context, visit,
                      {{"authorization_url", started->value("authorization_url", std::string())},
                       {"expires_at", text_of(*started, "expires_at")}},
                      200);
}

http::Response spotify_manual(UiContext& context, const http::Request& request,
                              const Visit& visit) {
  const std::string url = visit.form.get("redirect_url").value_or("");
  if (url.empty() || url.size() > k_max_redirect_url) {
    return spotify_page(context, visit,
                        {{"manual_error",
                          "Paste the whole address the browser ended on after "
                          "Spotify's consent page (it starts with the redirect "
                          "URI and holds code= and state=)."}},
                        422);
  }
  auto done = context.console.spotify().oauth_manual(url, request.remote_addr);
  if (!done) {
    return spotify_page(context, visit, {{"manual_error", done.error().message}}, 400);
  }
  return redirect("/ui/spotify");
}

http::Response spotify_disconnect(UiContext& context, const http::Request&, const Visit& visit) {
  if (auto forgotten = context.console.spotify().forget_user(); !forgotten) {
    return spotify_page(context, visit, {{"connect_error", forgotten.error().message}}, 409);
  }
  return redirect("/ui/spotify");
}

}  // namespace harmony::harmonyd::ui::pages
