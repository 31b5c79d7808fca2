#include <gtest/gtest.h>

#include "metrics/Registry.hpp"

namespace harmony::metrics {
namespace {

TEST(Registry, RendersCounterWithHelpTypeAndEscapedLabels) {
  Registry registry;
  registry.counter("x_total", "Things.\nCounted", {{"path", "a\"b\\c"}}).inc(2);
  EXPECT_EQ(registry.render(),
            "# HELP x_total Things.\\nCounted\n# TYPE x_total "
            "counter\nx_total{path=\"a\\\"b\\\\c\"} 2\n");
}

TEST(Registry, SameLabelsReturnTheSameSeries) {
  Registry registry;
  registry.counter("c_total", "c", {{"a", "1"}}).inc();
  registry.counter("c_total", "c", {{"a", "1"}}).inc();
  registry.counter("c_total", "c", {{"a", "2"}}).inc();
  EXPECT_DOUBLE_EQ(registry.counter("c_total", "c", {{"a", "1"}}).value(), 2.0);
}

TEST(Registry, HistogramBucketsAreCumulativeWithSumAndCount) {
  Registry registry;
  auto& histogram = registry.histogram("h_seconds", "h", {0.1, 1.0});
  histogram.observe(0.05);
  histogram.observe(0.5);
  histogram.observe(5);
  const std::string text = registry.render();
  EXPECT_NE(text.find("h_seconds_bucket{le=\"0.1\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_bucket{le=\"1\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_sum 5.55\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_count 3\n"), std::string::npos) << text;
}

TEST(Registry, CallbackGaugeIsReadAtRenderTime) {
  Registry registry;
  double value = 1;
  registry.gauge_callback("g", "g", [&] { return value; });
  value = 7;
  EXPECT_NE(registry.render().find("g 7\n"), std::string::npos);
}

TEST(Registry, OneNameCannotHaveTwoTypes) {
  Registry registry;
  registry.gauge("m", "m");
  EXPECT_THROW(registry.counter("m", "m"), std::logic_error);
}

}  // namespace
}  // namespace harmony::metrics
