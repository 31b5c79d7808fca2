#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "TargetWorker.hpp"
#include "containers/ContainerRuntime.hpp"

namespace harmony::watchdog {

// Docker's RFC 3339 timestamp as (seconds text, nanoseconds), comparable although RFC3339Nano
// drops trailing zeros ("…:01.1Z" < "…:01.12Z" does not hold as text).
std::pair<std::string, std::int64_t> log_time_key(const std::string& timestamp);

// Feeds one target's worker from the engine: the container's lifecycle events, and its log
// stream, re-attached after every `start` event and every reconnection of the event stream,
// resuming with `since` = the last line's second and dropping lines already seen (no
// duplicates, no gaps). On creation it follows from "now": old lines are history, not news.
// Destroying it stops both streams.
class ContainerFeed {
 public:
  ContainerFeed(containers::ContainerRuntime& runtime, std::string container, TargetWorker& worker);
  ~ContainerFeed();
  ContainerFeed(const ContainerFeed&) = delete;
  ContainerFeed& operator=(const ContainerFeed&) = delete;

 private:
  void attach_logs();
  void on_line(const containers::LogLine& line);

  containers::ContainerRuntime& m_runtime;
  std::string m_container;
  TargetWorker& m_worker;
  std::mutex m_attach_mutex;  // serialises re-attachment (event thread vs constructor)
  std::unique_ptr<containers::Subscription> m_logs;
  std::mutex m_seen_mutex;  // the log thread's position
  std::pair<std::string, std::int64_t> m_last_seen;
  std::int64_t m_since = 0;
  std::unique_ptr<containers::Subscription> m_events;
};

}  // namespace harmony::watchdog
