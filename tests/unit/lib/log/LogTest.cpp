#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "log/Log.hpp"

namespace harmony::log {
namespace {

class RecordingSink final : public Sink {
 public:
  explicit RecordingSink(std::vector<Record>& records) : m_records(records) {}
  void write(const Record& record) noexcept override { m_records.push_back(record); }

 private:
  std::vector<Record>& m_records;
};

class LogFacade : public ::testing::Test {
 protected:
  void SetUp() override {
    set_sink(std::make_unique<RecordingSink>(m_records));
    set_min_level(Level::info);
  }
  void TearDown() override { set_sink(nullptr); }
  std::vector<Record> m_records;
};

TEST_F(LogFacade, PassesMessageLevelAndFieldsToTheSink) {
  warning("container is unhealthy", {{"CONTAINER", "tidal_connect"}});
  ASSERT_EQ(m_records.size(), 1u);
  EXPECT_EQ(m_records[0].level, Level::warning);
  EXPECT_EQ(m_records[0].message, "container is unhealthy");
  ASSERT_EQ(m_records[0].fields.size(), 1u);
  EXPECT_EQ(m_records[0].fields[0].key, "CONTAINER");
  EXPECT_EQ(m_records[0].fields[0].value, "tidal_connect");
}

TEST_F(LogFacade, DropsRecordsBelowTheMinimumLevel) {
  debug("noise");
  info("kept");
  set_min_level(Level::error);
  warning("dropped");
  critical("kept too");
  ASSERT_EQ(m_records.size(), 2u);
  EXPECT_EQ(m_records[0].message, "kept");
  EXPECT_EQ(m_records[1].message, "kept too");
}

TEST(LogLevel, ParsesEveryNameAndRejectsOthers) {
  Level level = Level::info;
  EXPECT_TRUE(parse_level("debug", level));
  EXPECT_EQ(level, Level::debug);
  EXPECT_TRUE(parse_level("critical", level));
  EXPECT_EQ(level, Level::critical);
  EXPECT_FALSE(parse_level("verbose", level));
  EXPECT_EQ(level, Level::critical);
}

}  // namespace
}  // namespace harmony::log
