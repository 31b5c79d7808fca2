// The dead-letter routes over the real router and pipeline, with the download manager faked:
// reasons, paging, stats, requeue and purge bodies.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "RoutedApi.hpp"
#include "hdm/DeadLetter.hpp"

namespace harmony::harmonyd::api {
namespace {

using hdm::JobState;

struct Api : RoutedApi {
  // A job in `state`; a dead letter gets what its last round left behind for `reason`.
  std::int64_t add(JobState state, const std::string& title, std::string_view reason = "no_match",
                   std::int64_t since_ms = 0) {
    hdm::TrackRequest request;
    request.artist = "Artist";
    request.title = title;
    auto job = services.download_jobs.submit(std::move(request)).value().first;
    auto& stored = services.download_jobs.jobs[job.id];
    stored.state = state;
    stored.state_since_ms = since_ms;
    if (reason == "no_match") {
      stored.last_error = "no file from 3 peer(s) scored at least MATCH_THRESHOLD 0.6";
    } else if (reason == "search_failed") {
      stored.last_error = "slskd answered 500";
    } else {
      stored.candidates.resize(1);
      stored.candidate_index = reason == "candidates_failed" ? 1 : 0;
    }
    return job.id;
  }
};

nlohmann::json body_of(const http::Response& response) {
  return nlohmann::json::parse(response.body);
}

TEST(DeadLetterReason, NamesWhatTheLastRoundLeftBehind) {
  hdm::Job job;
  job.last_error = "no file from 0 peer(s) scored at least MATCH_THRESHOLD 0.6";
  EXPECT_EQ(hdm::dead_letter_reason(job), "no_match");
  job.last_error = "slskd is not reachable";
  EXPECT_EQ(hdm::dead_letter_reason(job), "search_failed");
  job.candidates.resize(2);
  job.candidate_index = 2;
  EXPECT_EQ(hdm::dead_letter_reason(job), "candidates_failed");
  job.candidate_index = 1;
  EXPECT_EQ(hdm::dead_letter_reason(job), "filing_failed");
}

TEST(DeadLetterRoutes, TheListFiltersByReasonAndPagesWithACursor) {
  Api api;
  api.add(JobState::dead_letter, "A", "no_match");
  api.add(JobState::done, "Filed");
  api.add(JobState::dead_letter, "B", "candidates_failed");
  api.add(JobState::dead_letter, "C", "no_match");
  auto first = api.call("GET", "/api/v1/dlq?reason=no_match&limit=1");
  ASSERT_EQ(first.status, 200) << first.body;
  auto json = body_of(first);
  ASSERT_EQ(json["items"].size(), 1U);
  EXPECT_EQ(json["items"][0]["request"]["title"], "A");
  EXPECT_EQ(json["items"][0]["reason"], "no_match");
  const std::string cursor = json["next_cursor"];
  json = body_of(api.call("GET", "/api/v1/dlq?reason=no_match&limit=1&cursor=" + cursor));
  ASSERT_EQ(json["items"].size(), 1U);
  EXPECT_EQ(json["items"][0]["request"]["title"], "C");
  EXPECT_TRUE(json["next_cursor"].is_null());
  EXPECT_EQ(body_of(api.call("GET", "/api/v1/dlq"))["items"].size(), 3U);
}

TEST(DeadLetterRoutes, AnUnknownReasonOrLimitIs400ListingWhatIsAllowed) {
  Api api;
  const auto reason = api.call("GET", "/api/v1/dlq?reason=bored");
  EXPECT_EQ(reason.status, 400);
  EXPECT_NE(reason.body.find("no_match, search_failed, candidates_failed, filing_failed"),
            std::string::npos)
      << reason.body;
  EXPECT_EQ(api.call("GET", "/api/v1/dlq?limit=501").status, 400);
  EXPECT_EQ(api.call("GET", "/api/v1/dlq?cursor=-3").status, 400);
}

TEST(DeadLetterRoutes, StatsCountEveryReasonAndTheLastDay) {
  Api api;
  api.services.download_jobs.dead_since_ms = 1000;
  api.add(JobState::dead_letter, "A", "no_match", 500);
  api.add(JobState::dead_letter, "B", "no_match", 1500);
  api.add(JobState::dead_letter, "C", "filing_failed", 2000);
  api.add(JobState::failed, "D");
  const auto response = api.call("GET", "/api/v1/dlq/stats");
  ASSERT_EQ(response.status, 200);
  const auto json = body_of(response);
  EXPECT_EQ(json["total"], 3);
  EXPECT_EQ(json["last_24h"], 2);
  EXPECT_EQ(
      json["by_reason"],
      (nlohmann::json{
          {"no_match", 2}, {"search_failed", 0}, {"candidates_failed", 0}, {"filing_failed", 1}}));
}

TEST(DeadLetterRoutes, RequeueRetriesDeadLettersAndSaysWhyTheOthersWereNot) {
  Api api;
  const auto dead = api.add(JobState::dead_letter, "A");
  const auto done = api.add(JobState::done, "B");
  const auto response = api.call("POST", "/api/v1/dlq/requeue",
                                 fmt::format(R"({{"ids":[{},{},{},99]}})", dead, done, dead));
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = body_of(response);
  EXPECT_EQ(json["requeued"], nlohmann::json::array({dead}));
  ASSERT_EQ(json["refused"].size(), 2U);
  EXPECT_EQ(json["refused"][0]["id"], done);
  EXPECT_NE(json["refused"][0]["reason"].get<std::string>().find("is done"), std::string::npos);
  EXPECT_EQ(json["refused"][1]["id"], 99);
  EXPECT_EQ(api.services.download_jobs.jobs[dead].state, JobState::searching);
}

TEST(DeadLetterRoutes, RequeueNeedsOneToFiveHundredIds) {
  Api api;
  EXPECT_EQ(api.call("POST", "/api/v1/dlq/requeue", "{}").status, 400);
  EXPECT_EQ(api.call("POST", "/api/v1/dlq/requeue", R"({"ids":[]})").status, 400);
  EXPECT_EQ(api.call("POST", "/api/v1/dlq/requeue", R"({"ids":["1"]})").status, 400);
  nlohmann::json many = {{"ids", nlohmann::json::array()}};
  for (int i = 1; i <= 501; ++i) {
    many["ids"].push_back(i);
  }
  const auto response = api.call("POST", "/api/v1/dlq/requeue", many.dump());
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("1 to 500"), std::string::npos) << response.body;
}

TEST(DeadLetterRoutes, PurgeRemovesTheChosenOrOldDeadLettersOnly) {
  Api api;
  api.services.download_jobs.now_ms = 10'000'000;
  const auto old = api.add(JobState::dead_letter, "Old", "no_match", 1);
  const auto fresh = api.add(JobState::dead_letter, "Fresh", "no_match", 9'999'000);
  const auto picked = api.add(JobState::dead_letter, "Picked", "no_match", 9'999'000);
  const auto done = api.add(JobState::done, "Done");
  auto response = api.call("POST", "/api/v1/dlq/purge", R"({"older_than":"1h"})");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body_of(response)["purged"], 1);
  EXPECT_FALSE(api.services.download_jobs.jobs.contains(old));
  response =
      api.call("POST", "/api/v1/dlq/purge", fmt::format(R"({{"ids":[{},{}]}})", picked, done));
  EXPECT_EQ(body_of(response)["purged"], 1);
  EXPECT_TRUE(api.services.download_jobs.jobs.contains(fresh));
  EXPECT_TRUE(api.services.download_jobs.jobs.contains(done)) << "only dead letters are purged";
  EXPECT_EQ(api.call("POST", "/api/v1/dlq/purge", "{}").status, 400);
  EXPECT_EQ(api.call("POST", "/api/v1/dlq/purge", R"({"older_than":"soon"})").status, 400);
}

}  // namespace
}  // namespace harmony::harmonyd::api
