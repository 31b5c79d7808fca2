#include "store/JobRepository.hpp"

#include <gtest/gtest.h>

#include "support/Process.hpp"

using namespace harmony;
using namespace harmony::harmonyd;

namespace {

std::unique_ptr<store::Store> open_store(const std::string& path) {
  auto opened = store::Store::open({path, false});
  EXPECT_TRUE(opened.ok()) << opened.error().message;
  return std::move(*opened);
}

hdm::Job new_job(std::string key) {
  hdm::Job job;
  job.dedupe_key = std::move(key);
  job.request = {"The Beatles", "Let It Be", "Let It Be", 1970, 6, 243'000, "GBAYE0601690"};
  job.created_ms = job.updated_ms = job.state_since_ms = 1000;
  return job;
}

}  // namespace

TEST(JobRepository, KeepsEveryStateAndDetailAcrossAReopen) {
  harmony::testing::TempDir dir;
  const std::string path = dir.file("harmony.db");
  std::int64_t id = 0;
  {
    auto db = open_store(path);
    store::JobRepository jobs(*db);
    auto inserted = jobs.insert_unique(new_job("isrc:GBAYE0601690"));
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
    EXPECT_TRUE(inserted->second);
    hdm::Job job = inserted->first;
    id = job.id;
    job.state = hdm::JobState::filing;
    job.candidates.push_back(
        {"flac_peer", {"@@c\\A\\06.flac", 123, "flac", {}, 16, 44100, 243, {}}, {}});
    job.candidates.back().score.total = 0.91;
    job.candidates.back().score.format_label = "flac";
    job.peer_failures["mp3_peer"] = 1;
    job.planned_path = "/music/The Beatles/Let It Be (1970)/06 - Let It Be.flac";
    ASSERT_TRUE(jobs.update(job).ok());
  }
  auto db = open_store(path);
  store::JobRepository jobs(*db);
  const auto job = jobs.get(id);
  ASSERT_TRUE(job.ok()) << job.error().message;
  EXPECT_EQ(job->state, hdm::JobState::filing);
  EXPECT_EQ(job->request.isrc, "GBAYE0601690");
  ASSERT_NE(job->chosen(), nullptr);
  EXPECT_EQ(job->chosen()->username, "flac_peer");
  EXPECT_FALSE(job->chosen()->file.bit_rate.has_value());
  EXPECT_EQ(job->chosen()->file.length_s, 243);
  EXPECT_DOUBLE_EQ(job->chosen()->score.total, 0.91);
  EXPECT_EQ(job->peer_failures.at("mp3_peer"), 1);
  EXPECT_EQ(job->planned_path, "/music/The Beatles/Let It Be (1970)/06 - Let It Be.flac");
  const auto unfinished = jobs.unfinished();
  ASSERT_TRUE(unfinished.ok());
  ASSERT_EQ(unfinished->size(), 1u);
}

TEST(JobRepository, ReturnsTheExistingJobForADuplicateKeyAndPagesByState) {
  harmony::testing::TempDir dir;
  auto db = open_store(dir.file("harmony.db"));
  store::JobRepository jobs(*db);
  const auto first = jobs.insert_unique(new_job("track:a|b|"));
  const auto again = jobs.insert_unique(new_job("track:a|b|"));
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_FALSE(again->second);
  EXPECT_EQ(again->first.id, first->first.id);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(jobs.insert_unique(new_job("k" + std::to_string(i))).ok());
  }
  auto done = jobs.get(first->first.id).value();
  done.state = hdm::JobState::done;
  ASSERT_TRUE(jobs.update(done).ok());
  const auto page = jobs.list(hdm::JobState::requested, 3, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->jobs.size(), 3u);
  ASSERT_TRUE(page->next_cursor.has_value());
  const auto rest = jobs.list(hdm::JobState::requested, 3, page->next_cursor);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->jobs.size(), 1u);
  EXPECT_FALSE(rest->next_cursor.has_value());
  EXPECT_EQ(jobs.count_by_state().value().at("done"), 1);
  EXPECT_EQ(jobs.unfinished().value().size(), 4u);
  const auto every = jobs.list(std::nullopt, 10, std::nullopt);
  ASSERT_TRUE(every.ok());
  EXPECT_EQ(every->jobs.size(), 5u) << "no state filter lists every state";
}
