#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "AudioControl.hpp"
#include "ClientPoster.hpp"
#include "ScreenParser.hpp"
#include "StatusFile.hpp"
#include "fakes/FakeClock.hpp"
#include "support/Process.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

SpeakerState playing() {
  std::ifstream in(std::string(HARMONY_SOURCE_DIR) +
                   "/tests/fixtures/volume-bridge/quoted-title.txt");
  std::stringstream text;
  text << in.rdbuf();
  return ScreenParser().parse(text.str()).value();
}

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

TEST(StatusFile, WritesValidJsonAtomicallyAndOnlyOnRealChanges) {
  testing::TempDir dir;
  fakes::FakeClock clock;
  const std::string path = dir.file("run/harmony/tidal-status.json");
  StatusFile file(path, clock, 5s);
  SpeakerState state = playing();
  ASSERT_TRUE(file.publish(state).ok());
  EXPECT_EQ(read_json(path)["title"], R"(Say "Hello" \ Goodbye)");
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());

  state.position_s = 39;  // position only, within 5 s: no write
  clock.advance(1s);
  ASSERT_TRUE(file.publish(state).ok());
  EXPECT_EQ(file.writes(), 1);
  clock.advance(4s);  // 5 s since the last write
  ASSERT_TRUE(file.publish(state).ok());
  EXPECT_EQ(file.writes(), 2);
  EXPECT_EQ(read_json(path)["position"], 39);

  state.volume = 3;  // anything else: at once
  ASSERT_TRUE(file.publish(state).ok());
  EXPECT_EQ(file.writes(), 3);
  EXPECT_EQ(read_json(path)["volume"], 3);
}

TEST(StatusFile, NamesThePathWhenItCannotWrite) {
  fakes::FakeClock clock;
  StatusFile file("/proc/harmony-cannot-write/status.json", clock, 5s);
  const auto result = file.publish(playing());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("/proc/harmony-cannot-write"), std::string::npos);
}

TEST(AudioControlOverHttp, PostsTheEventsToARealServer) {
  httplib::Server server;
  std::mutex mutex;
  std::vector<json> received;
  server.Post("/api/player/tidal/update", [&](const httplib::Request& request,
                                              httplib::Response& response) {
    std::lock_guard lock(mutex);
    received.push_back(json::parse(request.body));
    response.status = request.get_header_value("Content-Type") == "application/json" ? 200 : 415;
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) {
    std::this_thread::sleep_for(5ms);
  }

  fakes::FakeClock clock;
  ClientPoster poster(2s);
  AudioControl acr(poster, "http://127.0.0.1:" + std::to_string(port) + "/api/player/tidal/update",
                   clock, 30s);
  const auto published = acr.publish(playing());
  server.stop();
  serving.join();
  ASSERT_TRUE(published.ok()) << published.error().message;
  ASSERT_EQ(received.size(), 3U);
  EXPECT_EQ(received[0], json({{"type", "state_changed"}, {"state", "playing"}}));
  EXPECT_EQ(received[1]["song"]["title"], R"(Say "Hello" \ Goodbye)");
  EXPECT_EQ(received[2]["type"], "position_changed");
}

TEST(AudioControlOverHttp, ReportsARefusedConnectionWithTheUrl) {
  fakes::FakeClock clock;
  ClientPoster poster(1s);
  const std::string url =
      "http://127.0.0.1:" + std::to_string(testing::free_loopback_port()) + "/x";
  AudioControl acr(poster, url, clock, 30s);
  const auto published = acr.publish(playing());
  ASSERT_FALSE(published.ok());
  EXPECT_NE(published.error().message.find(url), std::string::npos) << published.error().message;
}

}  // namespace
}  // namespace harmony::bridge
