#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/Pipeline.hpp"
#include "api/Routes.hpp"
#include "fakes/FakeApiServices.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeConsole.hpp"
#include "fakes/FakeSessionStore.hpp"
#include "ui/Gate.hpp"
#include "ui/MustacheTemplates.hpp"
#include "ui/UiRoutes.hpp"

namespace harmony::harmonyd::ui {

// harmonyd's route table (API and UI) behind harmonyd's real pipeline (with the session alternative
// in the auth step and the page-error middleware outermost), over FakeConsole and an in-memory
// session store: requests go through router.dispatch() without sockets.
struct RoutedUi {
  fakes::FakeConsole console;
  fakes::FakeApiServices api_services;
  fakes::FakeClock clock;
  fakes::FakeSessionStore store;
  SessionManager sessions{store, clock};
  LoginThrottle throttle{clock};
  std::unique_ptr<MustacheTemplates> templates = MustacheTemplates::load().value();
  UiOptions options;
  UiContext context{console, *templates, sessions, throttle, [this] { return options; }};
  metrics::Registry registry;
  std::shared_ptr<http::SecurityPolicy> policy = std::make_shared<http::SecurityPolicy>();
  http::Router router;

  explicit RoutedUi(std::vector<std::string> api_keys = {}) {
    options.api_keys = api_keys;
    options.downloads_enabled = true;
    policy->api_keys = std::move(api_keys);
    policy->rate_limit.enabled = false;
    router.use(page_errors(context));
    api::install_pipeline(
        router, registry, [this] { return std::shared_ptr<const http::SecurityPolicy>(policy); },
        clock, session_authenticator(context));
    for (http::Route& route : api::routes(api_services)) {
      router.add(std::move(route));
    }
    for (http::Route& route : routes(context)) {
      router.add(std::move(route));
    }
  }

  static http::Request get(const std::string& path, const std::string& cookie = "") {
    http::Request request;
    request.method = "GET";
    request.path = path;
    request.remote_addr = "192.0.2.7";
    request.headers.emplace("Host", "harmony.local:8080");
    if (!cookie.empty()) {
      request.headers.emplace("Cookie", cookie);
    }
    return request;
  }
  static http::Request post(const std::string& path, const std::string& body,
                            const std::string& cookie = "",
                            const std::string& type = "application/x-www-form-urlencoded") {
    http::Request request = get(path, cookie);
    request.method = "POST";
    request.body = body;
    request.headers.emplace("Content-Type", type);
    request.headers.emplace("Origin", "http://harmony.local:8080");
    return request;
  }

  // Logs in (or, without keys, visits the dashboard); the cookie and the CSRF token.
  std::pair<std::string, std::string> session(const std::string& key = "") {
    const http::Response response = key.empty() ? router.dispatch(get("/ui/"))
                                                : router.dispatch(post("/ui/login", "key=" + key));
    const std::string set_cookie = response.header("Set-Cookie").value_or("");
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const std::string token = cookie.substr(cookie.find('=') + 1);
    const auto found = store.sessions.find(token);
    return {cookie, found == store.sessions.end() ? "" : found->second.csrf};
  }
};

}  // namespace harmony::harmonyd::ui
