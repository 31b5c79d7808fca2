#include <gtest/gtest.h>

#include "MixerSync.hpp"
#include "VolumeCurve.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeMixer.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;

class MixerSyncTest : public ::testing::Test {
 protected:
  fakes::FakeClock clock;
  fakes::FakeMixer mixer;
  MixerSync sync{mixer, clock, MixerSyncOptions{}};
};

TEST_F(MixerSyncTest, WritesTheFirstKnownVolumeAsAFraction) {
  ASSERT_TRUE(*sync.apply(19));
  ASSERT_EQ(mixer.writes.size(), 1U);
  EXPECT_DOUBLE_EQ(mixer.writes[0], 0.5);
}

TEST_F(MixerSyncTest, NeverWritesAnUnknownVolume) {
  EXPECT_FALSE(*sync.apply(std::nullopt));
  ASSERT_TRUE(*sync.apply(19));
  EXPECT_FALSE(*sync.apply(std::nullopt));
  EXPECT_EQ(mixer.writes.size(), 1U);
  EXPECT_EQ(sync.applied(), 19);
}

TEST_F(MixerSyncTest, WritesOnlyWhenTheVolumeChanges) {
  ASSERT_TRUE(*sync.apply(10));
  EXPECT_FALSE(*sync.apply(10));
  EXPECT_FALSE(*sync.apply(std::nullopt));
  EXPECT_FALSE(*sync.apply(10));  // the bar came back with the same value
  ASSERT_TRUE(*sync.apply(11));
  EXPECT_EQ(mixer.writes.size(), 2U);
}

TEST_F(MixerSyncTest, MutesAtZeroAndUnmutesWhenTheVolumeComesBack) {
  ASSERT_TRUE(*sync.apply(5));
  ASSERT_TRUE(*sync.apply(0));
  ASSERT_TRUE(*sync.apply(3));
  ASSERT_TRUE(*sync.apply(4));
  EXPECT_EQ(mixer.mute_writes, (std::vector<bool>{false, true, false}));
}

TEST_F(MixerSyncTest, RetriesAFailedWriteOnTheNextPoll) {
  mixer.fail_writes = true;
  EXPECT_FALSE(sync.apply(12).ok());
  mixer.fail_writes = false;
  EXPECT_TRUE(*sync.apply(12));
  EXPECT_EQ(mixer.writes.size(), 1U);
}

TEST_F(MixerSyncTest, IgnoresTheEchoOfItsOwnWriteForOneSecond) {
  ASSERT_TRUE(*sync.apply(19));
  EXPECT_EQ(*sync.external_change(), std::nullopt);
  clock.advance(500ms);
  mixer.external_set(0.9);
  EXPECT_EQ(*sync.external_change(), std::nullopt);
  clock.advance(600ms);
  mixer.external_set(0.8);
  const auto change = *sync.external_change();
  ASSERT_TRUE(change.has_value());
  EXPECT_DOUBLE_EQ(*change, 0.8);
  EXPECT_EQ(mixer.writes.size(), 1U);  // the bridge never answers a host change with a write
}

TEST(VolumeCurve, LinearCoversTheWholeRawRange) {
  EXPECT_EQ(linear_to_raw(0.0, 0, 207), 0);
  EXPECT_EQ(linear_to_raw(1.0, 0, 207), 207);
  EXPECT_EQ(linear_to_raw(0.5, 0, 207), 104);
  EXPECT_EQ(linear_to_raw(2.0, -10, 10), 10);
  EXPECT_DOUBLE_EQ(raw_to_linear(104, 0, 208), 0.5);
  EXPECT_DOUBLE_EQ(raw_to_linear(5, 5, 5), 0.0);
}

TEST(VolumeCurve, MappedDbMatchesAlsamixerAtTheEnds) {
  // HiFiBerry DAC+ "Digital": -103.5 dB .. 0 dB.
  EXPECT_EQ(mapped_to_db(1.0, -10350, 0), 0);
  EXPECT_EQ(mapped_to_db(0.0, -10350, 0), -10350);
  // Half the level: 6000·log10(0.5·(1−m)+m) with m = 10^(−103.5/60) ≈ −17.58 dB.
  EXPECT_NEAR(mapped_to_db(0.5, -10350, 0), -1758, 1);
}

TEST(VolumeCurve, MappedDbRoundTrips) {
  for (double level = 0.0; level <= 1.0; level += 0.05) {
    EXPECT_NEAR(db_to_mapped(mapped_to_db(level, -10350, 0), -10350, 0), level, 0.001);
  }
}

TEST(VolumeCurve, NarrowDbRangesAreLinearInDb) {
  EXPECT_EQ(mapped_to_db(0.5, -2000, 0), -1000);
  EXPECT_DOUBLE_EQ(db_to_mapped(-1000, -2000, 0), 0.5);
}

TEST(VolumeCurve, ParsesOnlyTheDocumentedNames) {
  EXPECT_EQ(parse_curve("linear"), CurveKind::linear);
  EXPECT_EQ(parse_curve("db"), CurveKind::db);
  EXPECT_EQ(parse_curve("log"), std::nullopt);
}

}  // namespace
}  // namespace harmony::bridge
