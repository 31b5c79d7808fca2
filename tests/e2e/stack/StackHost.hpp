#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "support/Testhost.hpp"

namespace harmony::testing {

// The shared stack test host made by tests/harness/stack-host.sh (CTest fixture `stack`): the
// shipped units and programs under real systemd, the speaker stand-in on the real engine, a
// second mDNS host in a namespace. Reads the fixture's state file; owns nothing.
class StackHost {
 public:
  StackHost();

  bool ready() const noexcept { return !m_state.empty(); }
  std::string fact(const std::string& key) const;
  const std::string& host() const noexcept { return m_host; }
  const std::string& friendly_name() const noexcept { return m_name; }

  // A command inside the test host (docker exec), stdout and stderr together.
  Testhost::Result exec(const std::vector<std::string>& command) const;
  // A command on this machine.
  static Testhost::Result run(const std::vector<std::string>& command);
  // `docker ARGS...` on this machine, against the stack's own engine (the units' containers).
  Testhost::Result engine(const std::vector<std::string>& args) const;
  // `stack-host.sh engine STATE ARGS...`: stop or start the stack's engine.
  Testhost::Result engine_control(const std::vector<std::string>& args) const;
  // `systemctl show -p PROPERTY --value UNIT`, without the newline.
  std::string show(const std::string& unit, const std::string& property) const;
  // The distinct _tidalconnect._tcp instance names (decoded) seen from the second host.
  std::vector<std::string> browse_from_peer() const;
  // The null sink's volume in percent as PulseAudio reports it (the ALSA mixer's value).
  int sink_volume_percent() const;
  // Journal records of a unit with FIELD=VALUE since the monotonic time `since_us`.
  int journal_count(const std::string& unit, const std::string& match, long long since_us) const;

 private:
  std::map<std::string, std::string> m_state;
  std::string m_host;
  std::string m_name;
};

// CLOCK_MONOTONIC now, in microseconds (shared by every container on the kernel, and the
// journal's __MONOTONIC_TIMESTAMP).
long long monotonic_us();

}  // namespace harmony::testing
