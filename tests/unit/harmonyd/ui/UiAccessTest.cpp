#include <gtest/gtest.h>

#include "RoutedUi.hpp"

namespace harmony::harmonyd::ui {
namespace {

constexpr const char* k_key = "correct-horse-battery-staple";

TEST(UiAccess, RootRedirectsToTheUi) {
  RoutedUi ui({k_key});
  const http::Response response = ui.router.dispatch(RoutedUi::get("/"));
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("Location"), "/ui/");
}

TEST(UiAccess, PagesRedirectToLoginWhenKeysAreSetAndNoSessionIsPresented) {
  RoutedUi ui({k_key});
  for (const char* path : {"/ui/", "/ui/downloads", "/ui/system", "/ui/dead-letters"}) {
    const http::Response response = ui.router.dispatch(RoutedUi::get(path));
    EXPECT_EQ(response.status, 303) << path;
    EXPECT_EQ(response.header("Location"), "/ui/login") << path;
  }
}

TEST(UiAccess, HtmxPollWithoutSessionGetsAnHxRedirectInsteadOfAPage) {
  RoutedUi ui({k_key});
  http::Request request = RoutedUi::get("/ui/partials/dashboard");
  request.headers.emplace("HX-Request", "true");
  const http::Response response = ui.router.dispatch(request);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.header("HX-Redirect"), "/ui/login");
}

TEST(UiAccess, LoginWithTheRightKeySetsAStrictHttpOnlyCookieThatOpensPages) {
  RoutedUi ui({k_key});
  const http::Response login =
      ui.router.dispatch(RoutedUi::post("/ui/login", std::string("key=") + k_key));
  ASSERT_EQ(login.status, 303);
  const std::string cookie = login.header("Set-Cookie").value_or("");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  const http::Response page =
      ui.router.dispatch(RoutedUi::get("/ui/", cookie.substr(0, cookie.find(';'))));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Dashboard</h1>"), std::string::npos);
  EXPECT_EQ(page.body.find(k_key), std::string::npos) << "the key never reaches a page";
}

TEST(UiAccess, CookieIsSecureWhenUiCookiesSecureIsSet) {
  RoutedUi ui({k_key});
  ui.options.cookies_secure = true;
  const http::Response login =
      ui.router.dispatch(RoutedUi::post("/ui/login", std::string("key=") + k_key));
  EXPECT_NE(login.header("Set-Cookie").value_or("").find("; Secure"), std::string::npos);
}

TEST(UiAccess, WrongKeyIsRefusedAndTheSixthFailureWithinFiveMinutesGets429) {
  RoutedUi ui({k_key});
  std::vector<int> statuses;
  for (int i = 0; i < 7; ++i) {
    statuses.push_back(ui.router.dispatch(RoutedUi::post("/ui/login", "key=wrong")).status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 401, 401, 429, 429}));
  // Even the right key waits until the window has passed.
  EXPECT_EQ(ui.router.dispatch(RoutedUi::post("/ui/login", std::string("key=") + k_key)).status,
            429);
  ui.clock.advance(std::chrono::minutes(5));
  EXPECT_EQ(ui.router.dispatch(RoutedUi::post("/ui/login", std::string("key=") + k_key)).status,
            303);
}

TEST(UiAccess, ActionWithoutTheCsrfTokenIsRefusedWithAPageThatSaysSo) {
  RoutedUi ui({k_key});
  const auto [cookie, csrf] = ui.session(k_key);
  const http::Response response =
      ui.router.dispatch(RoutedUi::post("/ui/downloads", "query=A+%E2%80%93+B", cookie));
  EXPECT_EQ(response.status, 403);
  EXPECT_NE(response.body.find("CSRF"), std::string::npos);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(ui.console.jobs.jobs.empty());
}

TEST(UiAccess, ActionWithTheCsrfTokenCreatesTheJobAndRedirectsToIt) {
  RoutedUi ui({k_key});
  const auto [cookie, csrf] = ui.session(k_key);
  const http::Response response = ui.router.dispatch(RoutedUi::post(
      "/ui/downloads", "csrf=" + csrf + "&query=The+Beatles+%E2%80%93+Let+It+Be", cookie));
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("Location"), "/ui/downloads/1");
  ASSERT_EQ(ui.console.jobs.jobs.size(), 1U);
  EXPECT_EQ(ui.console.jobs.jobs[1].request.artist, "The Beatles");
  EXPECT_EQ(ui.console.jobs.jobs[1].request.title, "Let It Be");
}

TEST(UiAccess, ActionWithAJsonBodyIsRefusedWith415) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const http::Response response = ui.router.dispatch(
      RoutedUi::post("/ui/downloads", R"({"csrf":")" + csrf + R"("})", cookie, "application/json"));
  EXPECT_EQ(response.status, 415);
}

TEST(UiAccess, CrossSitePostIsRefusedEvenWithTheToken) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  http::Request request = RoutedUi::post("/ui/downloads", "csrf=" + csrf + "&query=A+-+B", cookie);
  request.headers.erase("Origin");
  request.headers.emplace("Origin", "http://evil.example");
  EXPECT_EQ(ui.router.dispatch(request).status, 403);
  EXPECT_TRUE(ui.console.jobs.jobs.empty());
}

TEST(UiAccess, OpenUiShowsTheBannerAndGivesAnAnonymousSessionWithACsrfToken) {
  RoutedUi ui;
  const http::Response page = ui.router.dispatch(RoutedUi::get("/ui/"));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("class=\"banner\""), std::string::npos);
  EXPECT_TRUE(page.header("Set-Cookie").has_value());
  EXPECT_NE(page.body.find("Require a key"), std::string::npos);
}

TEST(UiAccess, ExpiredSessionIsRefusedAfterTheIdleTtl) {
  RoutedUi ui({k_key});
  ui.options.session_ttl = std::chrono::minutes(30);
  const auto [cookie, csrf] = ui.session(k_key);
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/", cookie)).status, 200);
  ui.clock.advance(std::chrono::minutes(31));
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/", cookie)).status, 303);
  EXPECT_TRUE(ui.store.sessions.empty());
}

TEST(UiAccess, SessionWorksForApiReadsButAnApiWriteNeedsItsCsrfHeader) {
  RoutedUi ui({k_key});
  const auto [cookie, csrf] = ui.session(k_key);
  http::Request purge = RoutedUi::get("/api/v1/dlq", cookie);
  purge.method = "DELETE";
  purge.headers.emplace("Origin", "http://harmony.local:8080");
  EXPECT_EQ(ui.router.dispatch(purge).status, 401);
  purge.headers.emplace("X-CSRF-Token", csrf);
  EXPECT_EQ(ui.router.dispatch(purge).status, 200);
}

TEST(UiAccess, LogoutDeletesTheSession) {
  RoutedUi ui({k_key});
  const auto [cookie, csrf] = ui.session(k_key);
  const http::Response response =
      ui.router.dispatch(RoutedUi::post("/ui/logout", "csrf=" + csrf, cookie));
  EXPECT_EQ(response.status, 303);
  EXPECT_NE(response.header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
  EXPECT_TRUE(ui.store.sessions.empty());
}

}  // namespace
}  // namespace harmony::harmonyd::ui
