#include <gtest/gtest.h>

#include "NameFix.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeServiceBrowser.hpp"
#include "fakes/FakeUnitController.hpp"

namespace harmony::harmonyctl {
namespace {

using std::chrono::milliseconds;

constexpr const char* k_instance = "Kitchen-0123456789abcdef0123456789abcdef";

// The speaker's name on the network follows the unit: while tidal.service is stopped nothing
// (or `left_behind`) is advertised; once it starts, its one instance is back.
class NameFix : public ::testing::Test {
 protected:
  NameFix() : browser(clock) {
    units.set_state("tidal.service", "active");
    units.set_state("tidal-volume-bridge.service", "active");
    units.on_job = [this](const std::string& verb, const std::string& unit) {
      if (unit != "tidal.service") {
        return;
      }
      browser.clear_script();
      if (verb == "stop") {
        units.set_state("tidal-volume-bridge.service", "inactive");  // BindsTo=
        for (const auto& [name, local] : left_behind) {
          browser.add_at(milliseconds(5), name, local);
        }
      } else {
        browser.add_at(milliseconds(5), k_instance, true);
      }
      browser.all_for_now_at(milliseconds(800));
    };
  }

  void advertised(std::vector<std::pair<std::string, bool>> instances) {
    browser.clear_script();
    for (const auto& [name, local] : instances) {
      browser.add_at(milliseconds(5), name, local);
    }
    browser.all_for_now_at(milliseconds(800));
  }

  int fix() {
    NameFixRequest request;
    request.stack = *stack_named("tidal");
    request.friendly_name = "Kitchen";
    request.clear_timeout = std::chrono::seconds(20);
    request.appear_timeout = std::chrono::seconds(10);
    lines.clear();
    return fix_name_collision(request, units, browser, clock,
                              [this](const std::string& line) { lines.push_back(line); });
  }

  std::string said() const {
    std::string text;
    for (const auto& line : lines) {
      text += line + "\n";
    }
    return text;
  }

  fakes::FakeClock clock;
  fakes::FakeUnitController units;
  fakes::FakeServiceBrowser browser;
  std::vector<std::pair<std::string, bool>> left_behind;
  std::vector<std::string> lines;
};

TEST_F(NameFix, DoesNothingWhenTheNameIsAdvertisedOnceByThisHost) {
  advertised({{k_instance, true}});
  EXPECT_EQ(fix(), 0) << said();
  EXPECT_TRUE(units.calls().empty());
  EXPECT_NE(said().find("nothing to fix"), std::string::npos) << said();
}

TEST_F(NameFix, RestartsTheSpeakerAfterTheRenamedTwinHasClearedAndBringsTheBridgeBack) {
  advertised({{k_instance, true}, {std::string(k_instance) + " #2", true}});
  EXPECT_EQ(fix(), 0) << said();
  EXPECT_EQ(units.calls(), (std::vector<std::string>{"stop tidal.service", "start tidal.service",
                                                     "start tidal-volume-bridge.service"}));
  EXPECT_NE(said().find("'Kitchen' has cleared"), std::string::npos) << said();
  EXPECT_NE(said().find("fixed: 'Kitchen' is advertised once"), std::string::npos) << said();
}

TEST_F(NameFix, IsIdempotent) {
  advertised({{k_instance, true}, {std::string(k_instance) + " #2", true}});
  ASSERT_EQ(fix(), 0) << said();
  units.clear_calls();
  EXPECT_EQ(fix(), 0) << said();
  EXPECT_TRUE(units.calls().empty()) << said();
}

TEST_F(NameFix, StartsAStoppedSpeakerWhoseNameIsGone) {
  units.set_state("tidal.service", "inactive");
  units.set_state("tidal-volume-bridge.service", "inactive");
  advertised({});
  EXPECT_EQ(fix(), 0) << said();
  EXPECT_EQ(units.calls(), (std::vector<std::string>{"stop tidal.service", "start tidal.service"}));
}

TEST_F(NameFix, StartsTheSpeakerAgainEvenWhenAnotherDeviceKeepsTheName) {
  const std::string other = "Kitchen-ffffffffffffffffffffffffffffffff";
  advertised({{k_instance, true}, {other, false}});
  left_behind = {{other, false}};
  units.on_job = [this, other](const std::string& verb, const std::string& unit) {
    if (unit != "tidal.service") {
      return;
    }
    browser.clear_script();
    browser.add_at(milliseconds(5), other, false);
    if (verb == "start") {
      browser.add_at(milliseconds(5), k_instance, true);
    }
    browser.all_for_now_at(milliseconds(800));
  };
  const auto started_at = clock.now();
  EXPECT_EQ(fix(), 1) << said();
  EXPECT_EQ(units.calls().at(1), "start tidal.service");
  EXPECT_EQ(units.state("tidal.service"), "active");
  EXPECT_NE(said().find("another device advertises 'Kitchen'"), std::string::npos) << said();
  EXPECT_NE(said().find("FRIENDLY_NAME in /etc/tidal-connect/tidal.env"), std::string::npos);
  // Bounded: the clear wait (20 s) and the appear wait (10 s), not forever.
  EXPECT_LE(clock.now() - started_at, std::chrono::seconds(40));
}

TEST_F(NameFix, NoSystemdIsExit69WithoutTouchingAnything) {
  units.fail_with(make_error(ErrorKind::unavailable, "cannot reach systemd on the system bus"));
  EXPECT_EQ(fix(), 69);
  EXPECT_TRUE(units.calls().empty());
  EXPECT_NE(said().find("cannot reach systemd"), std::string::npos) << said();
}

TEST_F(NameFix, NoAvahiIsExit69WithoutStoppingTheSpeaker) {
  browser.fail_browse_with(make_error(ErrorKind::unavailable, "Daemon not running"));
  EXPECT_EQ(fix(), 69);
  EXPECT_TRUE(units.calls().empty());
  EXPECT_NE(said().find("systemctl start avahi-daemon"), std::string::npos) << said();
}

TEST_F(NameFix, FailedStartIsReportedWithTheJournalToRead) {
  advertised({{k_instance, true}, {std::string(k_instance) + " #2", true}});
  units.on_job = [this](const std::string& verb, const std::string&) {
    browser.clear_script();
    browser.all_for_now_at(milliseconds(800));
    units.job_result = verb == "stop" ? "failed" : "done";
  };
  EXPECT_EQ(fix(), 1) << said();
  EXPECT_NE(said().find("journalctl -u tidal.service"), std::string::npos) << said();
}

}  // namespace
}  // namespace harmony::harmonyctl
