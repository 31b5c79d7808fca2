#pragma once

#include <memory>
#include <string>

#include "support/Process.hpp"

namespace harmony::testing {

// What HARMONY_REQUIRE names when PulseServer does not run.
inline constexpr const char* k_pulse_requirement =
    "PulseAudio with alsa-lib's pulse plugin (pulseaudio, pulseaudio-utils, libasound2-plugins)";

// A private PulseAudio with one null sink named "speaker", reachable by alsa-lib's "pulse"
// device and by pactl through PULSE_SERVER (set in this process while it lives). Stopped and
// removed by the destructor.
class PulseServer {
 public:
  PulseServer();
  ~PulseServer();
  PulseServer(const PulseServer&) = delete;
  PulseServer& operator=(const PulseServer&) = delete;

  bool running() const noexcept { return m_ready; }
  const std::string& address() const noexcept { return m_address; }
  // `pactl ARGS` against this server; stdout, or "" on failure.
  std::string pactl(const std::string& args) const;
  // The sink's volume in percent as pactl reports it (front-left), or -1.
  int sink_volume_percent() const;
  bool sink_muted() const;

 private:
  TempDir m_dir;
  std::string m_address;
  std::unique_ptr<Process> m_daemon;
  bool m_ready = false;
};

// The shell output of `command`, or "" when it cannot run.
std::string shell_output(const std::string& command);

}  // namespace harmony::testing
