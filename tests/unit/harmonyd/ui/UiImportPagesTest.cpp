// The Imports page over FakeImports: paste and upload forms (CSRF in a form field or a
// multipart part), the list, and an import's per-line results.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "RoutedUi.hpp"

namespace harmony::harmonyd::ui {
namespace {

// A multipart upload as the server hands it to the route: the body already split into parts.
http::Request upload(const std::string& cookie, const std::string& csrf, const std::string& name,
                     const std::string& content) {
  http::Request request =
      RoutedUi::post("/ui/imports/upload", "", cookie, "multipart/form-data; boundary=x");
  if (!csrf.empty()) {
    request.parts.push_back({"csrf", "", "", csrf});
  }
  request.parts.push_back({"file", name, "text/csv", content});
  return request;
}

nlohmann::json item(int line, std::string outcome) {
  return {{"line", line},
          {"kind", "track"},
          {"text", "x"},
          {"request", {{"artist", "Ana Moura"}, {"title", fmt::format("Song {}", line)}}},
          {"unmatched", false},
          {"outcome", std::move(outcome)},
          {"reason", ""},
          {"download_id", nullptr},
          {"match", nullptr}};
}

TEST(UiImportPages, AnEmptyImportListSaysWhatToDoNextAndTheNavigationLinksIt) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const auto response = ui.router.dispatch(RoutedUi::get("/ui/imports", cookie));
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("id=\"imports-empty\""), std::string::npos);
  EXPECT_NE(response.body.find("href=\"/ui/imports\" aria-current=\"page\""), std::string::npos);
  EXPECT_NE(response.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(response.body.find(fmt::format("name=\"csrf\" value=\"{}\"", csrf)), std::string::npos);
}

TEST(UiImportPages, PastedLinesAreSubmittedAndLeadToTheImportsPage) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const auto response = ui.router.dispatch(RoutedUi::post(
      "/ui/imports", fmt::format("csrf={}&text=Ana+Moura+-+Desfado%0AMariza+-+Loucura", csrf),
      cookie));
  EXPECT_EQ(response.status, 303) << response.body;
  EXPECT_EQ(response.header("Location"), "/ui/imports/1");
  ASSERT_EQ(ui.console.imported.submitted.size(), 1U);
  EXPECT_EQ(ui.console.imported.submitted[0].first, "Ana Moura - Desfado\nMariza - Loucura");
  EXPECT_EQ(ui.console.imported.submitted[0].second, "");
}

TEST(UiImportPages, AnUploadCarryingItsCsrfPartSubmitsTheFileUnderItsName) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const auto response = ui.router.dispatch(upload(cookie, csrf, "list.csv", "artist,title\nA,B\n"));
  EXPECT_EQ(response.status, 303) << response.body;
  ASSERT_EQ(ui.console.imported.submitted.size(), 1U);
  EXPECT_EQ(ui.console.imported.submitted[0].second, "list.csv");
  EXPECT_EQ(ui.console.imported.submitted[0].first, "artist,title\nA,B\n");
}

TEST(UiImportPages, AnUploadWithoutTheCsrfTokenOrFromAnotherSiteIsRefused) {
  RoutedUi ui({"k1"});
  const auto [cookie, csrf] = ui.session("k1");
  EXPECT_EQ(ui.router.dispatch(upload(cookie, "", "list.csv", "a")).status, 403);
  EXPECT_EQ(ui.router.dispatch(upload(cookie, "wrong", "list.csv", "a")).status, 403);
  http::Request cross = upload(cookie, csrf, "list.csv", "a");
  cross.headers["Origin"] = "http://evil.example";
  EXPECT_EQ(ui.router.dispatch(cross).status, 403);
  // The paste form's urlencoded body is not an upload.
  EXPECT_EQ(ui.router.dispatch(RoutedUi::post("/ui/imports/upload", "csrf=" + csrf, cookie)).status,
            415);
  EXPECT_TRUE(ui.console.imported.submitted.empty());
  EXPECT_EQ(ui.router.dispatch(upload(cookie, csrf, "list.csv", "a")).status, 303);
}

TEST(UiImportPages, ARefusedFileShowsTheReasonOnThePageAndAnEmptyOneIsNotSent) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const auto empty = ui.router.dispatch(upload(cookie, csrf, "list.csv", " \r\n"));
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("list.csv"), std::string::npos) << empty.body;
  EXPECT_NE(empty.body.find("is empty."), std::string::npos) << empty.body;
  ui.console.imported.refusal =
      make_error(ErrorKind::invalid, "the file looks binary (a NUL byte at 5); send text");
  const auto binary = ui.router.dispatch(upload(cookie, csrf, "x.csv", "PK\x03\x04"));
  EXPECT_EQ(binary.status, 400);
  EXPECT_NE(binary.body.find("id=\"import-error\""), std::string::npos);
  EXPECT_NE(binary.body.find("the file looks binary"), std::string::npos);
  EXPECT_TRUE(ui.console.imported.submitted.empty());
}

TEST(UiImportPages, AnImportShowsEveryLineWithItsMatchDownloadAndReasonEscaped) {
  RoutedUi ui;
  ui.console.imported.submitted.emplace_back("", "list.csv");
  auto matched = item(2, "queued");
  matched["download_id"] = 17;
  matched["match"] = {{"spotify_id", "s"}, {"isrc", "PTXX1"}, {"album", "Desfado"}, {"year", 2012},
                      {"duration_ms", 1},  {"score", 0.9},    {"threshold", 0.75}};
  auto unmatched = item(3, "queued");
  unmatched["unmatched"] = true;
  auto invalid = item(4, "invalid");
  invalid["request"] = nlohmann::json::object();
  invalid["text"] = "<script>alert(1)</script>";
  invalid["reason"] = "no \" - \" between <b>artist</b> and title";
  ui.console.imported.items = {matched, unmatched, invalid};
  const auto [cookie, csrf] = ui.session();
  const auto response = ui.router.dispatch(RoutedUi::get("/ui/imports/1", cookie));
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string& body = response.body;
  EXPECT_NE(body.find("data-line=\"2\" data-outcome=\"queued\""), std::string::npos);
  EXPECT_NE(body.find("Desfado (2012)"), std::string::npos);
  EXPECT_NE(body.find("score 0.90 of 0.75 needed"), std::string::npos);
  EXPECT_NE(body.find("href=\"/ui/downloads/17\""), std::string::npos);
  EXPECT_NE(body.find("data-line=\"3\""), std::string::npos);
  EXPECT_NE(body.find("class=\"badge unmatched\""), std::string::npos);
  EXPECT_EQ(body.find("<script>alert"), std::string::npos);
  EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(body.find("&lt;b&gt;artist&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(body.find("hx-get="), std::string::npos) << "a finished import is not polled";
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/imports/2", cookie)).status, 404);
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/imports/x", cookie)).status, 404);
}

TEST(UiImportPages, AnImportStillProcessingPollsItsFragmentUntilDone) {
  RoutedUi ui;
  ui.console.imported.submitted.emplace_back("", "");
  ui.console.imported.status = "processing";
  const auto [cookie, csrf] = ui.session();
  const std::string page = ui.router.dispatch(RoutedUi::get("/ui/imports/1", cookie)).body;
  EXPECT_NE(page.find("hx-get=\"/ui/partials/imports/1?page=1\""), std::string::npos) << page;
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/partials/imports/1", cookie)).status, 200);
  ui.console.imported.status = "done";
  EXPECT_EQ(ui.router.dispatch(RoutedUi::get("/ui/partials/imports/1", cookie)).status, 286);
}

TEST(UiImportPages, LongImportsArePagedTwoHundredLinesAtATime) {
  RoutedUi ui;
  ui.console.imported.submitted.emplace_back("", "");
  for (int line = 1; line <= 450; ++line) {
    ui.console.imported.items.push_back(item(line, "queued"));
  }
  const auto [cookie, csrf] = ui.session();
  const std::string first = ui.router.dispatch(RoutedUi::get("/ui/imports/1", cookie)).body;
  EXPECT_NE(first.find("data-line=\"200\""), std::string::npos);
  EXPECT_EQ(first.find("data-line=\"201\""), std::string::npos);
  EXPECT_NE(first.find("href=\"/ui/imports/1?page=2\""), std::string::npos);
  EXPECT_NE(first.find("Items 1–200 of 450"), std::string::npos) << first;
  http::Request last = RoutedUi::get("/ui/imports/1", cookie);
  last.query.emplace("page", "3");
  const std::string third = ui.router.dispatch(last).body;
  EXPECT_NE(third.find("data-line=\"450\""), std::string::npos);
  EXPECT_EQ(third.find("data-line=\"400\""), std::string::npos);
  EXPECT_EQ(third.find("page=4"), std::string::npos);
  EXPECT_NE(third.find("Items 401–450 of 450"), std::string::npos) << third;
  using Read = std::pair<std::size_t, std::size_t>;
  EXPECT_EQ(ui.console.imported.pages_read, (std::vector<Read>{{0, 200}, {400, 200}}))
      << "each page reads only the lines it shows";
}

TEST(UiImportPages, AnImportsTotalsComeFromItsSummaryNotFromItsItems) {
  RoutedUi ui;
  ui.console.imported.submitted.emplace_back("", "");
  ui.console.imported.summary = {{"items", 3}, {"outcomes", {{"queued", 2}, {"invalid", 1}}}};
  for (int line = 1; line <= 3; ++line) {
    ui.console.imported.items.push_back(item(line, line == 3 ? "invalid" : "queued"));
  }
  const auto [cookie, csrf] = ui.session();
  const std::string body = ui.router.dispatch(RoutedUi::get("/ui/imports/1", cookie)).body;
  EXPECT_NE(body.find("3 items, 1 invalid, 2 queued"), std::string::npos) << body;
  EXPECT_NE(body.find("Items 1–3 of 3"), std::string::npos) << body;
}

}  // namespace
}  // namespace harmony::harmonyd::ui
