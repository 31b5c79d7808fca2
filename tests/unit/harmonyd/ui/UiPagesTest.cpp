#include <gtest/gtest.h>

#include "RoutedUi.hpp"

namespace harmony::harmonyd::ui {
namespace {

using hdm::JobState;

hdm::Job job(std::int64_t id, JobState state, std::string artist, std::string title) {
  hdm::Job job;
  job.id = id;
  job.state = state;
  job.request.artist = std::move(artist);
  job.request.title = std::move(title);
  job.dedupe_key = std::to_string(id);
  return job;
}

TEST(UiPages, EveryPageHasAnEmptyStateThatSaysWhatToDoNext) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  for (const char* path : {"/ui/", "/ui/downloads", "/ui/dead-letters"}) {
    const http::Response page = ui.router.dispatch(RoutedUi::get(path, cookie));
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_NE(page.body.find("class=\"empty\""), std::string::npos) << path;
  }
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/system", cookie)).status, 200);
}

TEST(UiPages, HostileJobFieldsAndFileNamesAreEscapedByTheEngine) {
  RoutedUi ui;
  hdm::Job hostile =
      job(1, JobState::queued_remote, "<script>alert(1)</script>", "\"onmouseover=\"alert(2)");
  hdm::Candidate candidate;
  candidate.username = "<img src=x onerror=alert(3)>";
  candidate.file.filename = "@@x\\javascript:alert(4)\\'quoted' & <b>.flac";
  candidate.file.size = 100;
  hostile.candidates.push_back(candidate);
  ui.console.jobs.jobs[1] = hostile;
  const auto [cookie, csrf] = ui.session();
  for (const char* path : {"/ui/", "/ui/downloads", "/ui/downloads/1"}) {
    const std::string body = ui.router.dispatch(RoutedUi::get(path, cookie)).body;
    EXPECT_EQ(body.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(body.find("\"onmouseover"), std::string::npos) << path;
    EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << path;
  }
  const std::string detail = ui.router.dispatch(RoutedUi::get("/ui/downloads/1", cookie)).body;
  EXPECT_NE(detail.find("&lt;img src=x onerror=alert(3)&gt;"), std::string::npos);
  EXPECT_NE(detail.find("&apos;quoted&apos; &amp; &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(detail.find("href=\"javascript:"), std::string::npos);
}

TEST(UiPages, PagesCarryAStrictContentSecurityPolicy) {
  RoutedUi ui;
  const http::Response page = ui.router.dispatch(RoutedUi::get("/ui/"));
  const std::string csp = page.header("Content-Security-Policy").value_or("");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page.header("X-Frame-Options"), "DENY");
}

TEST(UiPages, DownloadsFilterByStateAndPageWithACursor) {
  RoutedUi ui;
  for (std::int64_t id = 1; id <= 120; ++id) {
    ui.console.jobs.jobs[id] = job(id, id % 2 == 0 ? JobState::done : JobState::failed, "Artist",
                                   "Song " + std::to_string(id));
  }
  const auto [cookie, csrf] = ui.session();
  http::Request request = RoutedUi::get("/ui/partials/downloads", cookie);
  request.query.emplace("state", "done");
  const std::string first = ui.router.dispatch(request).body;
  EXPECT_NE(first.find("data-job=\"2\""), std::string::npos);
  EXPECT_EQ(first.find("data-job=\"1\""), std::string::npos);
  EXPECT_NE(first.find("/ui/downloads?state=done&amp;cursor=100"), std::string::npos);
  request.query.emplace("cursor", "100");
  const std::string second = ui.router.dispatch(request).body;
  EXPECT_NE(second.find("data-job=\"102\""), std::string::npos);
  EXPECT_EQ(second.find("data-job=\"100\""), std::string::npos);
}

TEST(UiPages, FinishedJobFragmentTellsHtmxToStopPolling) {
  RoutedUi ui;
  ui.console.jobs.jobs[1] = job(1, JobState::done, "A", "B");
  ui.console.jobs.jobs[2] = job(2, JobState::downloading, "A", "C");
  const auto [cookie, csrf] = ui.session();
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/partials/downloads/1", cookie)).status, 286);
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/partials/downloads/2", cookie)).status, 200);
}

TEST(UiPages, DeadLettersAreGroupedByReasonRequeuedAndPurged) {
  RoutedUi ui;
  for (std::int64_t id = 1; id <= 3; ++id) {
    ui.console.jobs.jobs[id] = job(id, JobState::dead_letter, "A", "Song " + std::to_string(id));
    ui.console.jobs.jobs[id].last_error = id == 1 ? "no results" : "peer offline";
  }
  const auto [cookie, csrf] = ui.session();
  const std::string page = ui.router.dispatch(RoutedUi::get("/ui/dead-letters", cookie)).body;
  EXPECT_NE(page.find("no results <small>(1)</small>"), std::string::npos);
  EXPECT_NE(page.find("peer offline <small>(2)</small>"), std::string::npos);
  const http::Response requeued =
      ui.router.dispatch(RoutedUi::post("/ui/dead-letters/2/requeue", "csrf=" + csrf, cookie));
  EXPECT_EQ(requeued.status, 303);
  EXPECT_EQ(ui.console.jobs.jobs[2].state, JobState::searching);
  EXPECT_EQ(
      ui.router.dispatch(RoutedUi::post("/ui/dead-letters/purge", "csrf=" + csrf, cookie)).status,
      303);
  EXPECT_EQ(ui.console.jobs.jobs.size(), 1U);
}

TEST(UiPages, RequestFormExplainsAMalformedRequestAndKeepsWhatWasTyped) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const http::Response response = ui.router.dispatch(
      RoutedUi::post("/ui/downloads", "csrf=" + csrf + "&query=no+separator+%3Cb%3E", cookie));
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(response.body.find("Artist – Title"), std::string::npos);
  EXPECT_NE(response.body.find("value=\"no separator &lt;b&gt;\""), std::string::npos);
}

TEST(UiPages, UnknownUiPathGetsAnHtmlNotFoundPage) {
  RoutedUi ui;
  const http::Response response = ui.router.dispatch(RoutedUi::get("/ui/nowhere"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
}

TEST(UiAssets, AreServedWithAnEtagAnd304WhenUnchanged) {
  RoutedUi ui;
  http::Request request = RoutedUi::get("/ui/assets/htmx.min.js");
  const http::Response plain = ui.router.dispatch(request);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.content_type, "text/javascript; charset=utf-8");
  EXPECT_GT(plain.body.size(), 10000U);
  const std::string etag = plain.header("ETag").value_or("");
  EXPECT_FALSE(etag.empty());
  request.headers.emplace("If-None-Match", etag);
  EXPECT_EQ(ui.router.dispatch(request).status, 304);
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/assets/pico.classless.min.css")).content_type,
            "text/css; charset=utf-8");
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/assets/nope.js")).status, 404);
}

}  // namespace
}  // namespace harmony::harmonyd::ui
