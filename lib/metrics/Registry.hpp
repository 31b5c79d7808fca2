#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace harmony::metrics {

// Label name → value, in the order given; the same set in the same order names the same series.
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void inc(double by = 1.0) noexcept { m_value.fetch_add(by, std::memory_order_relaxed); }
  double value() const noexcept { return m_value.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> m_value{0.0};
};

class Gauge {
 public:
  void set(double value) noexcept { m_value.store(value, std::memory_order_relaxed); }
  void add(double by) noexcept { m_value.fetch_add(by, std::memory_order_relaxed); }
  double value() const noexcept { return m_value.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> m_value{0.0};
};

// Cumulative buckets with upper bounds `bounds` (ascending; +Inf is implicit).
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double value) noexcept;
  const std::vector<double>& bounds() const noexcept { return m_bounds; }
  // Per-bucket (non-cumulative) counts; the last entry is the +Inf bucket.
  std::vector<std::uint64_t> counts() const;
  double sum() const noexcept { return m_sum.load(std::memory_order_relaxed); }

 private:
  std::vector<double> m_bounds;
  std::unique_ptr<std::atomic<std::uint64_t>[]> m_counts;
  std::atomic<double> m_sum{0.0};
};

// Latency buckets in seconds, from 0.5 ms to 10 s.
std::vector<double> default_latency_buckets();

// A Prometheus registry rendered in the text exposition format (version 0.0.4). Series are
// created on first use and live as long as the registry, so references stay valid. Thread-safe.
class Registry {
 public:
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help,
                       const std::vector<double>& bounds, const Labels& labels = {});
  // A series whose value is computed when scraped (process figures, queue depths).
  void gauge_callback(const std::string& name, const std::string& help,
                      std::function<double()> read, const Labels& labels = {});
  void counter_callback(const std::string& name, const std::string& help,
                        std::function<double()> read, const Labels& labels = {});

  std::string render() const;

 private:
  enum class Type { counter, gauge, histogram };
  struct Series {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> read;
  };
  struct Family {
    Type type = Type::counter;
    std::string help;
    std::map<std::string, Series> series;  // keyed by the rendered label set
  };
  Series& series(const std::string& name, Type type, const std::string& help, const Labels& labels);

  mutable std::mutex m_mutex;
  std::map<std::string, Family> m_families;
};

}  // namespace harmony::metrics
