#include <gtest/gtest.h>

#include "containers/Readiness.hpp"
#include "fakes/FakeContainerRuntime.hpp"

namespace harmony::containers {
namespace {

ContainerState state(const std::string& status, const std::string& health = "") {
  ContainerState s;
  s.name = "tidal_connect";
  s.status = status;
  s.health = health;
  return s;
}

struct Row {
  const char* description;
  TargetState target;
  std::optional<ContainerState> container;
  std::optional<bool> process_found;
  bool reached;
};

TEST(Readiness, EvaluatesEveryStateAgainstTheRules) {
  const Row rows[] = {
      {"absent is stopped", TargetState::stopped, std::nullopt, std::nullopt, true},
      {"exited is stopped", TargetState::stopped, state("exited"), std::nullopt, true},
      {"created is stopped", TargetState::stopped, state("created"), std::nullopt, true},
      {"running is not stopped", TargetState::stopped, state("running"), std::nullopt, false},
      {"paused is not stopped", TargetState::stopped, state("paused"), std::nullopt, false},
      {"restarting is not stopped", TargetState::stopped, state("restarting"), std::nullopt, false},
      {"absent is not running", TargetState::running, std::nullopt, std::nullopt, false},
      {"running is running", TargetState::running, state("running"), std::nullopt, true},
      {"paused is not running", TargetState::running, state("paused"), std::nullopt, false},
      {"running without health check is healthy", TargetState::healthy, state("running"),
       std::nullopt, true},
      {"health starting is not healthy", TargetState::healthy, state("running", "starting"),
       std::nullopt, false},
      {"health unhealthy is not healthy", TargetState::healthy, state("running", "unhealthy"),
       std::nullopt, false},
      {"health healthy is healthy", TargetState::healthy, state("running", "healthy"), std::nullopt,
       true},
      {"missing process is not healthy", TargetState::healthy, state("running", "healthy"), false,
       false},
      {"found process is healthy", TargetState::healthy, state("running", "healthy"), true, true},
      {"exited with stale healthy is not healthy", TargetState::healthy, state("exited", "healthy"),
       std::nullopt, false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(evaluate(row.target, Observation{row.container, row.process_found}, "app").reached,
              row.reached)
        << row.description;
  }
}

TEST(Readiness, DescribesWhatWasSeenIncludingAMissingProcess) {
  const auto verdict =
      evaluate(TargetState::healthy, Observation{state("running", "unhealthy"), false},
               "tidal_connect_application");
  EXPECT_EQ(verdict.seen,
            "status running, health unhealthy, process 'tidal_connect_application' missing");
}

TEST(Readiness, ParsesOnlyTheThreeStateWords) {
  EXPECT_EQ(parse_target_state("healthy"), TargetState::healthy);
  EXPECT_EQ(parse_target_state("stopped"), TargetState::stopped);
  EXPECT_EQ(parse_target_state("running"), TargetState::running);
  EXPECT_FALSE(parse_target_state("Healthy").has_value());
  EXPECT_FALSE(parse_target_state("").has_value());
}

TEST(ReadinessCheck, AsksForProcessesOnlyWhenHealthyNeedsThem) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(state("running"));
  runtime.set_processes("tidal_connect", {"/bin/sh /usr/bin/tidal_connect_application --flag"});
  auto pattern = ProcessPattern::compile("tidal_connect_application");
  ASSERT_TRUE(pattern.ok());
  ReadinessCheck check(runtime, "tidal_connect", TargetState::healthy, *pattern);
  auto verdict = check.probe();
  ASSERT_TRUE(verdict.ok());
  EXPECT_TRUE(verdict->reached) << verdict->seen;
  runtime.set_processes("tidal_connect", {"sleep 1"});
  verdict = check.probe();
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->reached);
  EXPECT_NE(verdict->seen.find("missing"), std::string::npos);
}

TEST(ProcessPattern, RejectsAnInvalidRegexNamingIt) {
  auto pattern = ProcessPattern::compile("tidal(");
  ASSERT_FALSE(pattern.ok());
  EXPECT_EQ(pattern.error().kind, ErrorKind::usage);
  EXPECT_NE(pattern.error().message.find("tidal("), std::string::npos);
}

TEST(ProcessPattern, MatchesAnywhereInTheCommandLineLikePgrepF) {
  auto pattern = ProcessPattern::compile("connect_app");
  ASSERT_TRUE(pattern.ok());
  EXPECT_TRUE(pattern->matches("/app/bin/tidal_connect_application --name x"));
  EXPECT_FALSE(pattern->matches("/app/bin/speaker_controller_application"));
  EXPECT_FALSE(pattern->matches_any({}));
}

}  // namespace
}  // namespace harmony::containers
