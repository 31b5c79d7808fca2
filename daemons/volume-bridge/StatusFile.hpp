#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "Publisher.hpp"

namespace harmony::bridge {

// Writes the status JSON to `path` atomically (temporary file in the same folder, fsync,
// rename), only when something other than the play position changed, and for position-only
// changes at most once per `position_interval`.
class StatusFile final : public Publisher {
 public:
  StatusFile(std::string path, const Clock& clock, std::chrono::milliseconds position_interval)
      : m_path(std::move(path)), m_clock(clock), m_position_interval(position_interval) {}

  std::string_view name() const noexcept override { return "status file"; }
  Result<void> publish(const SpeakerState& state) override;
  int writes() const noexcept { return m_writes; }

 private:
  Result<void> write(const std::string& content);

  std::string m_path;
  const Clock& m_clock;
  std::chrono::milliseconds m_position_interval;
  std::optional<SpeakerState> m_written;
  Clock::TimePoint m_written_at{};
  int m_writes = 0;
};

}  // namespace harmony::bridge
