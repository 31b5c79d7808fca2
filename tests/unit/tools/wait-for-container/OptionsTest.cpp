#include <gtest/gtest.h>

#include "Options.hpp"

namespace harmony::wait_for_container {
namespace {

using namespace std::chrono_literals;

TEST(WaitForContainerOptions, AcceptsTheSeedPositionalForm) {
  auto parsed = parse_options({"tidal_connect", "30", "1", "healthy"});
  ASSERT_TRUE(parsed.options.has_value()) << parsed.message;
  EXPECT_EQ(parsed.options->name, "tidal_connect");
  EXPECT_EQ(parsed.options->timeout, 30s);
  EXPECT_EQ(parsed.options->interval, 1s);
  EXPECT_EQ(parsed.options->state, containers::TargetState::healthy);
  EXPECT_EQ(parsed.options->stable, 2s) << "healthy keeps the original's 2 s double-check";
}

TEST(WaitForContainerOptions, AcceptsNamedFlags) {
  auto parsed =
      parse_options({"--name", "speaker.1", "--timeout", "1m30s", "--state", "running", "--process",
                     "tidal_connect_application", "--stable", "500ms", "--notify"});
  ASSERT_TRUE(parsed.options.has_value()) << parsed.message;
  EXPECT_EQ(parsed.options->name, "speaker.1");
  EXPECT_EQ(parsed.options->timeout, 90s);
  EXPECT_EQ(parsed.options->stable, 500ms);
  EXPECT_EQ(parsed.options->process, "tidal_connect_application");
  EXPECT_TRUE(parsed.options->notify);
}

TEST(WaitForContainerOptions, StoppedAndRunningHaveNoStabilityWindowByDefault) {
  auto parsed = parse_options({"tidal_connect", "10", "1", "stopped"});
  ASSERT_TRUE(parsed.options.has_value());
  EXPECT_EQ(parsed.options->stable, 0ms);
}

TEST(WaitForContainerOptions, RejectsBadInputWithUsageExitCode) {
  const std::vector<std::vector<std::string>> bad = {
      {"tidal_connect", "30", "1", "ready"},         // unknown state word
      {"tidal_connect", "-5", "1", "running"},       // negative duration
      {"tidal_connect", "soon", "1", "running"},     // non-numeric duration
      {"tidal_connect", "30", "0", "running"},       // zero interval
      {"tidal_connect", "30", "1", "running", "x"},  // too many positionals
      {"tidal/connect", "30", "1", "running"},       // invalid Docker name
      {"-x"},                                        // unknown flag
      {"--name", "_tidal"},                          // must start alphanumeric
      {"--name", "t"},                               // Docker names have 2+ characters
      {"--stable", "-1s"},
  };
  for (const auto& args : bad) {
    auto parsed = parse_options(args);
    EXPECT_FALSE(parsed.options.has_value()) << args.front();
    EXPECT_EQ(parsed.exit_code, 64) << args.front();
    EXPECT_NE(parsed.message.find("Usage"), std::string::npos)
        << "the usage must follow the reason";
  }
}

TEST(WaitForContainerOptions, HelpShowsTheUnitHookUsage) {
  auto parsed = parse_options({"--help"});
  EXPECT_FALSE(parsed.options.has_value());
  EXPECT_EQ(parsed.exit_code, 0);
  EXPECT_NE(
      parsed.message.find("ExecStartPost=/usr/bin/wait-for-container tidal_connect 30 1 healthy"),
      std::string::npos);
  EXPECT_NE(parsed.message.find("ExecStopPost="), std::string::npos);
}

}  // namespace
}  // namespace harmony::wait_for_container
