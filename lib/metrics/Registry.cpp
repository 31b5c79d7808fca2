#include "metrics/Registry.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace harmony::metrics {
namespace {

std::string escape(const std::string& text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_labels(const Labels& labels, const std::string& extra_name = {},
                          const std::string& extra_value = {}) {
  if (labels.empty() && extra_name.empty()) {
    return {};
  }
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) {
      out += ',';
    }
    out += fmt::format("{}=\"{}\"", name, escape(value, true));
  }
  if (!extra_name.empty()) {
    if (out.size() > 1) {
      out += ',';
    }
    out += fmt::format("{}=\"{}\"", extra_name, extra_value);
  }
  return out + "}";
}

std::string number(double value) {
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  if (std::isnan(value)) {
    return "NaN";
  }
  return fmt::format("{}", value);
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : m_bounds(std::move(bounds)), m_counts(new std::atomic<std::uint64_t>[m_bounds.size() + 1]) {
  for (std::size_t i = 0; i <= m_bounds.size(); ++i) {
    m_counts[i].store(0);
  }
}

void Histogram::observe(double value) noexcept {
  std::size_t i = 0;
  while (i < m_bounds.size() && value > m_bounds[i]) {
    ++i;
  }
  m_counts[i].fetch_add(1, std::memory_order_relaxed);
  m_sum.fetch_add(value, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::counts() const {
  std::vector<std::uint64_t> out(m_bounds.size() + 1);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = m_counts[i].load(std::memory_order_relaxed);
  }
  return out;
}

std::vector<double> default_latency_buckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Registry::Series& Registry::series(const std::string& name, Type type, const std::string& help,
                                   const Labels& labels) {
  Family& family = m_families[name];
  if (family.series.empty()) {
    family.type = type;
    family.help = help;
  } else if (family.type != type) {
    throw std::logic_error("metric '" + name + "' registered with two types");
  }
  return family.series[render_labels(labels)];
}

Counter& Registry::counter(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(m_mutex);
  Series& s = series(name, Type::counter, help, labels);
  if (!s.counter) {
    s.labels = labels;
    s.counter = std::make_unique<Counter>();
  }
  return *s.counter;
}

Gauge& Registry::gauge(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(m_mutex);
  Series& s = series(name, Type::gauge, help, labels);
  if (!s.gauge) {
    s.labels = labels;
    s.gauge = std::make_unique<Gauge>();
  }
  return *s.gauge;
}

Histogram& Registry::histogram(const std::string& name, const std::string& help,
                               const std::vector<double>& bounds, const Labels& labels) {
  std::lock_guard lock(m_mutex);
  Series& s = series(name, Type::histogram, help, labels);
  if (!s.histogram) {
    s.labels = labels;
    s.histogram = std::make_unique<Histogram>(bounds);
  }
  return *s.histogram;
}

void Registry::gauge_callback(const std::string& name, const std::string& help,
                              std::function<double()> read, const Labels& labels) {
  std::lock_guard lock(m_mutex);
  Series& s = series(name, Type::gauge, help, labels);
  s.labels = labels;
  s.read = std::move(read);
}

void Registry::counter_callback(const std::string& name, const std::string& help,
                                std::function<double()> read, const Labels& labels) {
  std::lock_guard lock(m_mutex);
  Series& s = series(name, Type::counter, help, labels);
  s.labels = labels;
  s.read = std::move(read);
}

std::string Registry::render() const {
  std::lock_guard lock(m_mutex);
  std::string out;
  for (const auto& [name, family] : m_families) {
    const char* type = family.type == Type::counter ? "counter"
                       : family.type == Type::gauge ? "gauge"
                                                    : "histogram";
    out +=
        fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, escape(family.help, false), name, type);
    for (const auto& [key, s] : family.series) {
      if (s.histogram) {
        const auto counts = s.histogram->counts();
        std::uint64_t cumulative = 0;
        const auto& bounds = s.histogram->bounds();
        for (std::size_t i = 0; i < counts.size(); ++i) {
          cumulative += counts[i];
          const std::string le = i < bounds.size() ? number(bounds[i]) : "+Inf";
          out +=
              fmt::format("{}_bucket{} {}\n", name, render_labels(s.labels, "le", le), cumulative);
        }
        out += fmt::format("{}_sum{} {}\n", name, key, number(s.histogram->sum()));
        out += fmt::format("{}_count{} {}\n", name, key, cumulative);
        continue;
      }
      const double value = s.read      ? s.read()
                           : s.counter ? s.counter->value()
                           : s.gauge   ? s.gauge->value()
                                       : 0.0;
      out += fmt::format("{}{} {}\n", name, key, number(value));
    }
  }
  return out;
}

}  // namespace harmony::metrics
