#include "adapters/ContainerFeed.hpp"

#include <charconv>
#include <ctime>

#include "log/Log.hpp"

namespace harmony::watchdog {

std::pair<std::string, std::int64_t> log_time_key(const std::string& timestamp) {
  const auto dot = timestamp.find('.');
  if (dot == std::string::npos) {
    return {timestamp.substr(0, timestamp.find('Z')), 0};
  }
  std::string digits;
  for (std::size_t i = dot + 1; i < timestamp.size() && digits.size() < 9; ++i) {
    if (timestamp[i] < '0' || timestamp[i] > '9') {
      break;
    }
    digits += timestamp[i];
  }
  digits.resize(9, '0');
  std::int64_t nanos = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), nanos);
  return {timestamp.substr(0, dot), nanos};
}

namespace {

// Seconds since the epoch of "2024-01-02T03:04:05…Z" (UTC), or 0 when unreadable.
std::int64_t epoch_seconds(const std::string& seconds_text) {
  std::tm parts{};
  if (seconds_text.size() < 19 ||
      std::sscanf(seconds_text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &parts.tm_year, &parts.tm_mon,
                  &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6) {
    return 0;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&parts));
}

}  // namespace

ContainerFeed::ContainerFeed(containers::ContainerRuntime& runtime, std::string container,
                             TargetWorker& worker)
    : m_runtime(runtime),
      m_container(std::move(container)),
      m_worker(worker),
      m_since(static_cast<std::int64_t>(std::time(nullptr))) {
  attach_logs();
  containers::EventHandlers handlers;
  handlers.on_event = [this](const containers::ContainerEvent& event) {
    m_worker.push_event(event.action);
    if (event.action == "start") {
      attach_logs();
    }
  };
  handlers.on_connection = [this](bool connected, const std::string& detail) {
    if (connected) {
      attach_logs();  // events (and log lines) may have been missed while disconnected
    } else {
      log::warning("lost the Docker event stream: " + detail, {{"CONTAINER", m_container}});
    }
  };
  m_events = m_runtime.watch(m_container, std::move(handlers));
}

ContainerFeed::~ContainerFeed() {
  m_events.reset();  // first: its callbacks re-attach logs
  std::lock_guard lock(m_attach_mutex);
  m_logs.reset();
}

void ContainerFeed::on_line(const containers::LogLine& line) {
  {
    std::lock_guard lock(m_seen_mutex);
    if (!line.timestamp.empty()) {
      auto key = log_time_key(line.timestamp);
      if (key <= m_last_seen) {
        return;  // already delivered by the previous attachment
      }
      m_last_seen = std::move(key);
    }
  }
  m_worker.push_line(line.text);
}

void ContainerFeed::attach_logs() {
  std::lock_guard attach(m_attach_mutex);
  std::unique_ptr<containers::Subscription> old = std::move(m_logs);
  old.reset();  // joins the old stream's thread; it never takes m_attach_mutex
  std::int64_t since = m_since;
  {
    std::lock_guard lock(m_seen_mutex);
    if (!m_last_seen.first.empty()) {
      since = epoch_seconds(m_last_seen.first);
    }
  }
  m_logs = m_runtime.follow_logs(
      m_container, since, [this](const containers::LogLine& line) { on_line(line); },
      [this](const Result<void>& end) {
        if (!end) {
          log::debug("log stream ended: " + end.error().message, {{"CONTAINER", m_container}});
        }
      });
}

}  // namespace harmony::watchdog
