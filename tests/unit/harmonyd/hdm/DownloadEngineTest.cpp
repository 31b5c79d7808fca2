#include "hdm/DownloadEngine.hpp"

#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"
#include "fakes/FakeJobStore.hpp"
#include "fakes/FakeLibrary.hpp"
#include "fakes/FakeSlskdClient.hpp"

using namespace harmony;
using namespace harmony::harmonyd;
using hdm::JobState;
using namespace std::chrono_literals;

namespace {

slskd::SearchFile file(std::string name, std::optional<int> kbps = {}) {
  slskd::SearchFile f;
  f.filename = std::move(name);
  f.size = 1000;
  f.bit_rate = kbps;
  f.length_s = 243;
  return f;
}

slskd::PeerResponse peer(std::string user, slskd::SearchFile f) {
  return {std::move(user), true, 0, 100, {std::move(f)}};
}

hdm::TrackRequest let_it_be() {
  return {"The Beatles", "Let It Be", "Let It Be", 1970, 6, 243'000, ""};
}

struct EngineTest : ::testing::Test {
  fakes::FakeClock clock;
  fakes::FakeJobStore store;
  fakes::FakeSlskdClient slskd;
  fakes::FakeLibrary library;
  hdm::EngineOptions options = [] {
    hdm::EngineOptions o;
    o.seed = 7;
    o.retry_backoff = {10s, 60s, 2.0, 0.2};
    o.max_attempts = 3;
    o.remote_queue_timeout = 30s;
    o.stall_timeout = 20s;
    return o;
  }();
  std::unique_ptr<hdm::DownloadEngine> engine;

  void SetUp() override {
    slskd.responses = {
        peer("live_peer", file("@@a\\The Beatles\\Let It Be (Live)\\06 - Let It Be (Live).flac")),
        peer("mp3_peer", file("@@b\\The Beatles\\Let It Be\\06 - Let It Be.mp3", 128)),
        peer("flac_peer", file("@@c\\The Beatles\\Let It Be (1970)\\06 - Let It Be.flac"))};
    make_engine();
  }
  void make_engine() {
    engine = std::make_unique<hdm::DownloadEngine>(
        store, slskd, library, clock,
        hdm::ScoringOptions{hdm::FormatPreference::parse(hdm::FormatPreference::k_default).value()},
        options);
    ASSERT_TRUE(engine->resume().ok());
  }
  std::int64_t submit(hdm::TrackRequest request = let_it_be()) {
    return engine->submit(std::move(request)).value().first.id;
  }
  hdm::Job job(std::int64_t id) { return store.get(id).value(); }
  // Ticks once a second (fake time) until the job reaches `state`; false after `max_ticks`.
  bool run_until(std::int64_t id, JobState state, int max_ticks = 200) {
    for (int i = 0; i < max_ticks; ++i) {
      if (job(id).state == state) {
        return true;
      }
      engine->tick();
      clock.advance(1s);
    }
    return job(id).state == state;
  }
};

}  // namespace

TEST_F(EngineTest, ChoosesTheFlacAlbumVersionAndFilesIt) {
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::done))
      << to_string(job(id).state) << ": " << job(id).last_error;
  const auto done = job(id);
  ASSERT_NE(done.chosen(), nullptr);
  EXPECT_EQ(done.chosen()->username, "flac_peer");
  EXPECT_EQ(done.final_path, "/music/The Beatles/Let It Be.flac");
  EXPECT_EQ(slskd.enqueued, std::vector<std::string>{"flac_peer"});
  const auto json = done.to_json();
  EXPECT_EQ(json["state"], "done");
  EXPECT_EQ(json["chosen"]["score"]["format_label"], "flac");
  EXPECT_GT(json["chosen"]["score"]["total"].get<double>(), 0.6);
  EXPECT_EQ(slskd.deleted_searches, 1);  // searches are deleted after reading
}

TEST_F(EngineTest, MovesToTheNextCandidateWhenATransferEndsErrored) {
  slskd.transfer_states["flac_peer"] = {"Queued, Remotely", "InProgress", "Completed, Errored"};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::done)) << job(id).last_error;
  const auto done = job(id);
  EXPECT_EQ(slskd.enqueued.front(), "flac_peer");
  EXPECT_NE(done.chosen()->username, "flac_peer");
  EXPECT_EQ(done.peer_failures.at("flac_peer"), 1);
  EXPECT_EQ(done.attempts, 0);
}

TEST_F(EngineTest, SkipsACandidateThatIsNotAudio) {
  library.not_audio.insert("06 - Let It Be.flac");
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::done)) << job(id).last_error;
  EXPECT_EQ(job(id).chosen()->username, "mp3_peer");
}

TEST_F(EngineTest, ReturnsTheExistingJobForADuplicateRequest) {
  auto request = let_it_be();
  request.isrc = "GBAYE0601690";
  const auto first = engine->submit(request).value();
  request.title = "let it be!";  // same ISRC wins over text
  const auto second = engine->submit(request).value();
  EXPECT_EQ(first.second, hdm::SubmitOutcome::created);
  EXPECT_EQ(second.second, hdm::SubmitOutcome::existing);
  EXPECT_EQ(second.first.id, first.first.id);
}

TEST_F(EngineTest, CancelsARemotelyQueuedTransferAfterTheTimeoutAndTriesTheNextPeer) {
  slskd.transfer_states["flac_peer"] = {"Queued, Remotely"};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::done)) << job(id).last_error;
  ASSERT_EQ(slskd.cancelled.size(), 1u);
  EXPECT_EQ(slskd.cancelled.front().rfind("flac_peer/", 0), 0u);
}

TEST_F(EngineTest, CancelsAStalledTransfer) {
  slskd.transfer_states["flac_peer"] = {"Initializing", "InProgress"};  // bytes stop growing
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::done)) << job(id).last_error;
  EXPECT_EQ(slskd.cancelled.size(), 1u);
  EXPECT_NE(job(id).chosen()->username, "flac_peer");
}

TEST_F(EngineTest, BacksOffWhenNothingMatchesThenDeadLetters) {
  slskd.responses = {peer("p", file("@@x\\Other\\Unrelated Song.flac"))};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::failed));
  const auto failed = job(id);
  EXPECT_EQ(failed.attempts, 1);
  EXPECT_NE(failed.last_error.find("MATCH_THRESHOLD"), std::string::npos);
  const auto wait_ms = failed.next_retry_ms - failed.updated_ms;
  EXPECT_GE(wait_ms, 8000);  // 10 s ± 20 % jitter
  EXPECT_LE(wait_ms, 12000);
  ASSERT_TRUE(run_until(id, JobState::dead_letter));
  EXPECT_EQ(job(id).attempts, options.max_attempts);
  EXPECT_EQ(slskd.search_texts.size(), static_cast<std::size_t>(options.max_attempts));
}

TEST_F(EngineTest, RetriesADeadLetterOnRequest) {
  slskd.responses = {};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::dead_letter));
  slskd.responses = {peer("flac_peer", file("@@c\\The Beatles\\Let It Be\\06 - Let It Be.flac"))};
  ASSERT_TRUE(engine->retry(id).ok());
  ASSERT_TRUE(run_until(id, JobState::done));
  EXPECT_FALSE(engine->retry(id).ok());  // done is final
}

TEST_F(EngineTest, CancellingAlsoCancelsTheTransferInSlskd) {
  slskd.transfer_states["flac_peer"] = {"Queued, Remotely"};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::queued_remote));
  const auto cancelled = engine->cancel(id);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->state, JobState::cancelled);
  EXPECT_EQ(slskd.cancelled.size(), 1u);
  EXPECT_FALSE(engine->cancel(id).ok());
}

TEST_F(EngineTest, WaitsOutA429WithoutSpendingTheBudget) {
  slskd.busy_posts = 3;
  options.budget = {1, 60s, 2};  // a 429 counted as a start would block the search for 60 s
  make_engine();
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::done, 20)) << job(id).last_error;
  EXPECT_EQ(engine->stats().slskd_busy, 3);
  EXPECT_EQ(slskd.search_texts.size(), 1u);
}

TEST_F(EngineTest, SearchesThatNeverReachedSlskdSpendNeitherBudgetNorAttempts) {
  slskd.reachable = false;       // slskd starts after harmonyd
  options.budget = {1, 60s, 2};  // one counted refusal would block searching for 60 s
  make_engine();
  const auto id = submit();
  for (int i = 0; i < 10; ++i) {
    engine->tick();
    clock.advance(1s);
  }
  EXPECT_EQ(job(id).attempts, 0) << job(id).last_error;
  EXPECT_TRUE(slskd.search_texts.empty());
  slskd.reachable = true;
  ASSERT_TRUE(run_until(id, JobState::done, 20)) << job(id).last_error;
  EXPECT_EQ(slskd.search_texts.size(), 1u);
}

TEST_F(EngineTest, CancellingAnotherJobDoesNotWaitForALongMove) {
  const auto moving = submit();
  ASSERT_TRUE(run_until(moving, JobState::filing));
  auto other_request = let_it_be();
  other_request.album = "Another take";
  const auto other = submit(other_request);
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  library.while_filing = [&] {
    entered.set_value();
    released.wait();
  };
  std::thread worker([&] { engine->tick(); });
  entered.get_future().wait();
  auto cancel = std::async(std::launch::async, [&] { return engine->cancel(other); });
  const bool prompt = cancel.wait_for(2s) == std::future_status::ready;
  release.set_value();
  worker.join();
  EXPECT_TRUE(prompt) << "the cancel waited for another job's move";
  const auto cancelled = cancel.get();
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->state, JobState::cancelled);
  EXPECT_EQ(job(moving).state, JobState::done);
}

// Holds the first slskd call named `name` until released, as a slow slskd would.
struct HeldCall {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> held{false};

  std::function<void(std::string_view)> hook(std::string name) {
    return [this, name = std::move(name)](std::string_view call) {
      if (call == name && !held.exchange(true)) {
        entered.set_value();
        released.wait();
      }
    };
  }
};

TEST_F(EngineTest, ACancelIsAnsweredWhileTheSearchPostIsSlow) {
  const auto id = submit();
  engine->tick();  // requested → searching
  HeldCall held;
  slskd.on_call = held.hook("start_search");
  std::thread ticking([&] { engine->tick(); });
  held.entered.get_future().wait();
  auto cancel = std::async(std::launch::async, [&] { return engine->cancel(id); });
  const bool prompt = cancel.wait_for(2s) == std::future_status::ready;
  held.release.set_value();
  ticking.join();
  EXPECT_TRUE(prompt) << "the cancel waited for the search POST";
  const auto cancelled = cancel.get();
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(job(id).state, JobState::cancelled) << "the slow step overwrote the cancel";
  EXPECT_TRUE(job(id).search_id.empty());
  // The search slskd created after the cancel looked is deleted by the step.
  EXPECT_EQ(slskd.search_texts.size(), 1u);
  EXPECT_GE(slskd.deleted_searches, 2);
  for (int i = 0; i < 5; ++i) {
    engine->tick();
  }
  EXPECT_EQ(job(id).state, JobState::cancelled);
}

TEST_F(EngineTest, ACancelIsAnsweredWhileATransferPollIsSlow) {
  slskd.transfer_states["flac_peer"] = {"Queued, Remotely"};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::queued_remote));
  HeldCall held;
  slskd.on_call = held.hook("transfer");
  std::thread ticking([&] { engine->tick(); });
  held.entered.get_future().wait();
  auto cancel = std::async(std::launch::async, [&] { return engine->cancel(id); });
  const bool prompt = cancel.wait_for(2s) == std::future_status::ready;
  held.release.set_value();
  ticking.join();
  EXPECT_TRUE(prompt) << "the cancel waited for the transfer poll";
  ASSERT_TRUE(cancel.get().ok());
  EXPECT_EQ(job(id).state, JobState::cancelled) << "the slow step overwrote the cancel";
  EXPECT_EQ(slskd.cancelled.size(), 1u);
}

TEST_F(EngineTest, ACancelOfAJobBeingFiledIsRefusedAtOnce) {
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::filing));
  HeldCall held;
  library.while_filing = [hook = held.hook("file")] { hook("file"); };
  std::thread ticking([&] { engine->tick(); });
  held.entered.get_future().wait();
  auto cancel = std::async(std::launch::async, [&] { return engine->cancel(id); });
  const bool prompt = cancel.wait_for(2s) == std::future_status::ready;
  held.release.set_value();
  ticking.join();
  EXPECT_TRUE(prompt) << "the cancel waited for the whole move";
  const auto refused = cancel.get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::invalid);
  EXPECT_NE(refused.error().message.find("being filed"), std::string::npos);
  EXPECT_EQ(job(id).state, JobState::done);
}

TEST_F(EngineTest, PacesABurstOfRequestsWithinTheBudget) {
  options.budget = {5, 20s, 2};
  make_engine();
  slskd.polls_to_complete = 3;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) {
    auto request = let_it_be();
    request.album = "Take " + std::to_string(i);
    ids.push_back(submit(request));
  }
  std::deque<Clock::TimePoint> starts;
  std::size_t seen = 0;
  int max_waiting = 0;
  for (int t = 0; t < 400; ++t) {
    engine->tick();
    max_waiting = std::max(max_waiting, engine->stats().searches_waiting.load());
    for (; seen < slskd.search_texts.size(); ++seen) {
      starts.push_back(clock.now());
    }
    clock.advance(1s);
  }
  ASSERT_EQ(seen, ids.size());
  for (std::size_t i = 0; i + 5 < starts.size(); ++i) {
    EXPECT_GE(starts[i + 5] - starts[i], 20s) << "6 searches within one window at " << i;
  }
  EXPECT_LE(slskd.max_unfinished, 2);
  EXPECT_GE(max_waiting, 30);  // the queue is visible
}

TEST_F(EngineTest, ResumesUnfinishedJobsWithANewEngine) {
  slskd.transfer_states["flac_peer"] = {"Queued, Remotely", "InProgress", "InProgress",
                                        "Completed, Succeeded"};
  const auto id = submit();
  ASSERT_TRUE(run_until(id, JobState::downloading));
  make_engine();  // as after a restart: only the store survives
  ASSERT_TRUE(run_until(id, JobState::done));
  EXPECT_EQ(slskd.enqueued.size(), 1u);
  EXPECT_EQ(library.filed.size(), 1u);
}
