// The /api/v1/downloads routes over the real router and pipeline, with the download manager
// faked (tests/fakes/FakeDownloads.hpp): validation, status codes, paging and the DLQ export.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "RoutedApi.hpp"

namespace harmony::harmonyd::api {
namespace {

using hdm::JobState;

struct Api : RoutedApi {
  std::int64_t add(JobState state, std::string title) {
    hdm::TrackRequest request;
    request.artist = "Artist";
    request.title = std::move(title);
    auto job = services.download_jobs.submit(std::move(request)).value().first;
    services.download_jobs.jobs[job.id].state = state;
    return job.id;
  }
};

nlohmann::json body_of(const http::Response& response) {
  return nlohmann::json::parse(response.body);
}

TEST(DownloadRoutes, ANewRequestIsAcceptedWith202AndItsIdAndState) {
  Api api;
  const auto response = api.call("POST", "/api/v1/downloads",
                                 R"({"artist":"The Beatles","title":"Let It Be","year":1970,
                                     "track_number":6,"duration_ms":243000,"isrc":"gb-aye-06-01690"})");
  ASSERT_EQ(response.status, 202) << response.body;
  const auto json = body_of(response);
  EXPECT_EQ(json["id"], 1);
  EXPECT_EQ(json["state"], "requested");
  EXPECT_EQ(json["request"]["isrc"], "GBAYE0601690");
  EXPECT_EQ(json["request"]["duration_ms"], 243000);
  EXPECT_EQ(response.header("Location"), "/api/v1/downloads/1");
}

TEST(DownloadRoutes, TheSameTrackAgainAnswers200WithTheExistingJob) {
  Api api;
  const std::string body = R"({"artist":"Björk","title":"Jóga"})";
  ASSERT_EQ(api.call("POST", "/api/v1/downloads", body).status, 202);
  const auto again = api.call("POST", "/api/v1/downloads", R"({"artist":"BJORK","title":"joga"})");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(body_of(again)["id"], 1);
  EXPECT_EQ(api.services.download_jobs.jobs.size(), 1U);
}

TEST(DownloadRoutes, InvalidRequestsAre400NamingTheField) {
  Api api;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"title":"x"})", "'artist' is required"},
      {R"({"artist":"a","title":"   "})", "'title' must not be empty"},
      {R"({"artist":"a","title":7})", "'title' must be a string"},
      {R"({"artist":"a","title":"t","year":"1970"})", "'year' must be an integer"},
      {R"({"artist":"a","title":"t","track_number":0})", "'track_number' must be an integer"},
      {R"({"artist":"a","title":"t","duration_ms":-5})", "'duration_ms' must be an integer"},
      {R"({"artist":"a","title":"t","isrc":"GB/AYE"})", "'isrc' must be 12"},
      {R"(["artist"])", "must be a JSON object"},
      {R"({"artist":"a","title":)", "JSON"},
      {R"({"artist":")" + std::string(600, 'a') + R"(","title":"t"})", "longer than 512"},
  };
  for (const auto& [body, message] : cases) {
    const auto response = api.call("POST", "/api/v1/downloads", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_NE(response.body.find(message), std::string::npos) << response.body;
  }
  EXPECT_TRUE(api.services.download_jobs.jobs.empty());
}

TEST(DownloadRoutes, WithoutSlskdANewRequestIs503SayingWhatToSet) {
  Api api;
  api.services.download_jobs.failure =
      make_error(ErrorKind::unavailable, "downloads need slskd: set SLSKD_URL");
  const auto response = api.call("POST", "/api/v1/downloads", R"({"artist":"a","title":"t"})");
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find("SLSKD_URL"), std::string::npos);
}

TEST(DownloadRoutes, AJobIsShownByIdAndAnUnknownOrMalformedIdIsRefused) {
  Api api;
  const auto id = api.add(JobState::downloading, "One");
  const auto shown = api.call("GET", "/api/v1/downloads/" + std::to_string(id));
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(body_of(shown)["state"], "downloading");
  EXPECT_EQ(api.call("GET", "/api/v1/downloads/99").status, 404);
  EXPECT_EQ(api.call("GET", "/api/v1/downloads/abc").status, 400);
  EXPECT_EQ(api.call("GET", "/api/v1/downloads/-1").status, 400);
}

TEST(DownloadRoutes, RetryAndCancelAnswer409WhenTheStateDoesNotAllowThem) {
  Api api;
  const auto running = api.add(JobState::downloading, "Running");
  const auto dead = api.add(JobState::dead_letter, "Dead");
  EXPECT_EQ(api.call("POST", fmt::format("/api/v1/downloads/{}/retry", running)).status, 409);
  const auto retried = api.call("POST", fmt::format("/api/v1/downloads/{}/retry", dead));
  ASSERT_EQ(retried.status, 200);
  EXPECT_EQ(body_of(retried)["state"], "searching");
  const auto cancelled = api.call("DELETE", fmt::format("/api/v1/downloads/{}", running));
  ASSERT_EQ(cancelled.status, 200);
  EXPECT_EQ(body_of(cancelled)["state"], "cancelled");
  EXPECT_EQ(api.call("DELETE", fmt::format("/api/v1/downloads/{}", running)).status, 409);
  EXPECT_EQ(api.call("DELETE", "/api/v1/downloads/42").status, 404);
}

TEST(DownloadRoutes, TheListFiltersByStateAndPagesWithACursor) {
  Api api;
  for (int i = 0; i < 5; ++i) {
    api.add(i % 2 == 0 ? JobState::done : JobState::failed, "Track " + std::to_string(i));
  }
  const auto first = body_of(api.call("GET", "/api/v1/downloads?state=done&limit=2"));
  ASSERT_EQ(first["items"].size(), 2U);
  EXPECT_EQ(first["items"][0]["id"], 1);
  EXPECT_EQ(first["items"][1]["id"], 3);
  ASSERT_TRUE(first["next_cursor"].is_string());
  const auto second = body_of(api.call("GET", "/api/v1/downloads?state=done&limit=2&cursor=" +
                                                  first["next_cursor"].get<std::string>()));
  ASSERT_EQ(second["items"].size(), 1U);
  EXPECT_EQ(second["items"][0]["id"], 5);
  EXPECT_TRUE(second["next_cursor"].is_null());
  EXPECT_EQ(body_of(api.call("GET", "/api/v1/downloads"))["items"].size(), 5U);
}

TEST(DownloadRoutes, BadListParametersAre400) {
  Api api;
  const auto state = api.call("GET", "/api/v1/downloads?state=finished");
  EXPECT_EQ(state.status, 400);
  EXPECT_NE(state.body.find("dead_letter"), std::string::npos) << "lists the valid states";
  EXPECT_EQ(api.call("GET", "/api/v1/downloads?limit=0").status, 400);
  EXPECT_EQ(api.call("GET", "/api/v1/downloads?limit=501").status, 400);
  EXPECT_EQ(api.call("GET", "/api/v1/downloads?cursor=x").status, 400);
}

TEST(DownloadRoutes, TheDeadLetterExportIsStreamedOnePageAtATime) {
  Api api;
  for (int i = 0; i < 1200; ++i) {
    api.add(JobState::dead_letter, "Track " + std::to_string(i));
  }
  auto response = api.call("GET", "/api/v1/dlq/export");
  ASSERT_EQ(response.status, 200);
  ASSERT_TRUE(response.stream) << "the export is built whole in memory";
  std::size_t pieces = 0;
  std::size_t lines = 0;
  while (auto piece = response.stream()) {
    ++pieces;
    const auto in_piece = static_cast<std::size_t>(std::count(piece->begin(), piece->end(), '\n'));
    EXPECT_LE(in_piece, 500U) << "at most one page per piece";
    lines += in_piece;
  }
  EXPECT_EQ(lines, 1200U);
  EXPECT_GE(pieces, 3U);
}

TEST(DownloadRoutes, TheDeadLetterExportIsOneJsonObjectPerLine) {
  Api api;
  api.add(JobState::dead_letter, "First");
  api.add(JobState::done, "Filed");
  api.add(JobState::dead_letter, "Second");
  const auto response = api.call("GET", "/api/v1/dlq/export");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/x-ndjson");
  auto streamed = response;
  std::istringstream lines(streamed.take_body());
  std::vector<std::string> titles;
  for (std::string line; std::getline(lines, line);) {
    const auto job = nlohmann::json::parse(line);
    EXPECT_EQ(job["state"], "dead_letter");
    titles.push_back(job["request"]["title"]);
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"First", "Second"}));
}

}  // namespace
}  // namespace harmony::harmonyd::api
