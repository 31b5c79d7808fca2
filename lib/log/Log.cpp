#include "log/Log.hpp"

#include <atomic>
#include <mutex>

#include "log/StderrSink.hpp"

namespace harmony::log {
namespace {

std::atomic<Level> g_min_level{Level::info};
std::mutex g_sink_mutex;
// Until a program installs its sink, records go to stderr as text.
std::shared_ptr<Sink> g_sink = std::make_shared<StderrSink>("harmony");

std::shared_ptr<Sink> current_sink() {
  std::lock_guard lock(g_sink_mutex);
  return g_sink;
}

}  // namespace

void set_sink(std::unique_ptr<Sink> sink) {
  std::lock_guard lock(g_sink_mutex);
  g_sink = std::move(sink);
}

void set_min_level(Level level) {
  g_min_level = level;
}
Level min_level() noexcept {
  return g_min_level;
}

std::string_view to_string(Level level) noexcept {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::notice:
      return "notice";
    case Level::warning:
      return "warning";
    case Level::error:
      return "error";
    case Level::critical:
      return "critical";
  }
  return "info";
}

bool parse_level(std::string_view text, Level& out) noexcept {
  for (Level level :
       {Level::debug, Level::info, Level::notice, Level::warning, Level::error, Level::critical}) {
    if (text == to_string(level)) {
      out = level;
      return true;
    }
  }
  return false;
}

void write(Level level, std::string_view message, std::initializer_list<Field> fields) noexcept {
  if (level < g_min_level.load(std::memory_order_relaxed)) {
    return;
  }
  try {
    Record record{level, std::string(message), std::vector<Field>(fields)};
    if (auto sink = current_sink()) {
      sink->write(record);
    }
  } catch (...) {
    // Logging must never take a daemon down; an allocation failure here loses one record.
  }
}

}  // namespace harmony::log
