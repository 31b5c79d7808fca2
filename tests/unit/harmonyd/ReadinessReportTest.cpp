#include <gtest/gtest.h>

#include "health/Readiness.hpp"

namespace harmony::harmonyd::health {
namespace {

CheckResult failed(std::string name, ErrorKind kind) {
  CheckResult check{std::move(name), CheckStatus::fail};
  check.kind = kind;
  check.problem = "fix it";
  return check;
}

TEST(ReadinessReport, NotConfiguredIntegrationsDoNotFailReadiness) {
  ReadinessReport report;
  report.checks.push_back({"config"});
  report.checks.push_back({"slskd", CheckStatus::not_configured});
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.exit_code(), 0);
  const auto json = report.to_json(true);
  EXPECT_EQ(json["status"], "ok");
  EXPECT_EQ(json["checks"]["slskd"]["status"], "not_configured");
}

TEST(ReadinessReport, TheFirstFailedCheckDecidesTheExitCode) {
  ReadinessReport report;
  report.checks.push_back({"config"});
  report.checks.push_back(failed("paths", ErrorKind::filesystem));
  report.checks.push_back(failed("slskd", ErrorKind::unavailable));
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.exit_code(), 71);
  const auto json = report.to_json(false);
  EXPECT_EQ(json["status"], "fail");
  ASSERT_EQ(json["issues"].size(), 2U);
  EXPECT_EQ(json["issues"][1]["exit_code"], 69);
}

TEST(ReadinessReport, SuccessWithoutVerboseCarriesOnlyTheStatus) {
  ReadinessReport report;
  report.checks.push_back({"config"});
  EXPECT_EQ(report.to_json(false), nlohmann::json({{"status", "ok"}}));
}

}  // namespace
}  // namespace harmony::harmonyd::health
