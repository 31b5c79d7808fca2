#include <chrono>

#include <gtest/gtest.h>

#include "AlsaMixer.hpp"
#include "PulseServer.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;

using testing::eventually;

class AlsaMixerOnPulse : public ::testing::Test {
 protected:
  void SetUp() override { HARMONY_REQUIRE(pulse.running(), testing::k_pulse_requirement); }
  testing::PulseServer pulse;
};

TEST_F(AlsaMixerOnPulse, AutoDetectsMasterAndReadsItsRange) {
  auto mixer = AlsaMixer::open("pulse", "", CurveKind::db);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  EXPECT_EQ((*mixer)->control().control(), "Master");
  EXPECT_EQ((*mixer)->control().volume_range().max, 65536);
  EXPECT_FALSE((*mixer)->uses_db());  // the pulse plugin has no dB data: linear fallback
}

TEST_F(AlsaMixerOnPulse, SetsTheLevelThePulseSinkReports) {
  auto mixer = AlsaMixer::open("pulse", "Master", CurveKind::linear);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  ASSERT_TRUE((*mixer)->set_level(0.37).ok());
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 37; }))
      << "pactl reports " << pulse.sink_volume_percent();
  ASSERT_TRUE((*mixer)->set_level(1.0).ok());
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 100; }));
}

TEST_F(AlsaMixerOnPulse, MutesThroughTheSwitch) {
  auto mixer = AlsaMixer::open("pulse", "", CurveKind::linear);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  ASSERT_TRUE((*mixer)->set_muted(true).ok());
  EXPECT_TRUE(eventually([&] { return pulse.sink_muted(); }));
  ASSERT_TRUE((*mixer)->set_muted(false).ok());
  EXPECT_TRUE(eventually([&] { return !pulse.sink_muted(); }));
}

TEST_F(AlsaMixerOnPulse, NoticesAChangeMadeByAnotherProgram) {
  auto mixer = AlsaMixer::open("pulse", "", CurveKind::linear);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  while (*(*mixer)->poll_changed()) {
  }
  pulse.pactl("set-sink-volume speaker 25%");
  EXPECT_TRUE(eventually([&] { return (*mixer)->poll_changed().value_or(false); }));
  EXPECT_NEAR(*(*mixer)->level(), 0.25, 0.01);
}

TEST_F(AlsaMixerOnPulse, NamesTheDeviceAndTheControlsItHasWhenTheControlIsMissing) {
  auto mixer = AlsaMixer::open("pulse", "Digital", CurveKind::db);
  ASSERT_FALSE(mixer.ok());
  EXPECT_EQ(mixer.error().kind, ErrorKind::not_found);
  EXPECT_NE(mixer.error().message.find("'pulse'"), std::string::npos) << mixer.error().message;
  EXPECT_NE(mixer.error().message.find("Master"), std::string::npos) << mixer.error().message;
}

}  // namespace
}  // namespace harmony::bridge
