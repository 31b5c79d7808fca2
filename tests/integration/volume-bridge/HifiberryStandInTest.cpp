#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "AlsaMixer.hpp"
#include "PulseServer.hpp"
#include "support/Eventually.hpp"
#include "support/Process.hpp"

namespace harmony::bridge {
namespace {

using testing::eventually;
using testing::shell_output;

// The HiFiBerry DAC+ mixer stand-in (tests/fakes/alsa) as the device "hifiberry", configured
// through ALSA_CONFIG_PATH for this process and the amixer it starts; state in a fresh folder.
class HifiberryStandIn : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string plugin =
        testing::build_path("tests/fakes/alsa/libasound_module_ctl_hifiberry_standin.so");
    const std::string asoundrc =
        dir.write("asoundrc", "ctl_type.hifiberry_standin { lib \"" + plugin + "\" }\n" +
                                  "ctl.hifiberry { type hifiberry_standin state \"" + state_file() +
                                  "\" }\n");
    ::setenv("ALSA_CONFIG_PATH", ("/usr/share/alsa/alsa.conf:" + asoundrc).c_str(), 1);
  }
  void TearDown() override { ::unsetenv("ALSA_CONFIG_PATH"); }

  std::string state_file() const { return dir.file("state"); }
  // `amixer -D hifiberry ARGS` in another process.
  static std::string amixer(const std::string& args) {
    return shell_output("amixer -D hifiberry " + args + " 2>&1");
  }

  testing::TempDir dir;
};

TEST_F(HifiberryStandIn, OffersTheDigitalControlWithTheCardsRangeAndDbScale) {
  auto mixer = AlsaMixer::open("hifiberry", "", CurveKind::db);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  const alsa::SimpleMixer& control = (*mixer)->control();
  EXPECT_EQ(control.control(), "Digital");
  EXPECT_EQ(control.volume_range().min, 0);
  EXPECT_EQ(control.volume_range().max, 207);
  ASSERT_TRUE(control.db_range().has_value());
  EXPECT_EQ(control.db_range()->max, 0);
  EXPECT_TRUE(control.has_switch());
  EXPECT_TRUE((*mixer)->uses_db());
  EXPECT_EQ(*control.volume(), 207);
}

TEST_F(HifiberryStandIn, ALevelSetThroughTheBridgeIsWhatAnotherProcessReads) {
  auto mixer = AlsaMixer::open("hifiberry", "Digital", CurveKind::db);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  ASSERT_TRUE((*mixer)->set_level(0.5).ok());
  const long raw = *(*mixer)->control().volume();
  const long centi_db = *(*mixer)->control().volume_db();
  EXPECT_EQ(centi_db, -10350 + 50 * raw);  // 0.5 dB a step from -103.5 dB
  EXPECT_LT(raw, 207);
  EXPECT_GT(raw, 150);  // the mapped curve: half a level is far above half the raw steps

  auto second = AlsaMixer::open("hifiberry", "Digital", CurveKind::db);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(*(*second)->control().volume(), raw);
  EXPECT_NEAR(*(*second)->level(), 0.5, 0.01);
  const std::string shown = amixer("sget Digital");
  EXPECT_NE(shown.find("Front Left: Playback " + std::to_string(raw) + " "), std::string::npos)
      << shown;
}

TEST_F(HifiberryStandIn, NoticesAChangeMadeByAnotherProcess) {
  auto mixer = AlsaMixer::open("hifiberry", "", CurveKind::db);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  while (*(*mixer)->poll_changed()) {
  }
  EXPECT_FALSE(*(*mixer)->poll_changed());
  amixer("-q sset Digital 100");
  EXPECT_TRUE(eventually([&] { return (*mixer)->poll_changed().value_or(false); }));
  EXPECT_EQ(*(*mixer)->control().volume(), 100);
  EXPECT_EQ(*(*mixer)->control().volume_db(), -5350);
}

TEST_F(HifiberryStandIn, MutesThroughTheSwitchAndAnotherProcessSeesIt) {
  auto mixer = AlsaMixer::open("hifiberry", "", CurveKind::db);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  ASSERT_TRUE((*mixer)->set_muted(true).ok());
  EXPECT_NE(amixer("sget Digital").find("[off]"), std::string::npos);
  ASSERT_TRUE((*mixer)->set_muted(false).ok());
  EXPECT_EQ(amixer("sget Digital").find("[off]"), std::string::npos);
}

TEST_F(HifiberryStandIn, AValueOutOfRangeInTheStateFileIsAnErrorNotAValue) {
  dir.write("state", "volume 300 300\nswitch 1 1\n");
  auto mixer = AlsaMixer::open("hifiberry", "", CurveKind::db);
  EXPECT_FALSE(mixer.ok() && (*mixer)->control().volume().ok())
      << "read " << *(*mixer)->control().volume();
}

}  // namespace
}  // namespace harmony::bridge
