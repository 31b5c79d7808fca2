#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "mdns/Types.hpp"

// libavahi-client's handles, declared here so no avahi header leaks out of lib/mdns's .cpp files.
struct AvahiClient;
struct AvahiSimplePoll;

namespace harmony::mdns {

// Owns one connection to avahi-daemon over the system D-Bus (DBUS_SYSTEM_BUS_ADDRESS is
// honoured) and the single-threaded simple-poll event loop that drives it. It tracks the
// server state and survives daemon restarts: when the daemon goes away the client is replaced
// by one that waits for the daemon to come back (AVAHI_CLIENT_NO_FAIL), and generation() goes
// up, telling browsers built on the old client that it, and every object on it, is gone.
// Not thread-safe; everything runs inside iterate().
class AvahiConnection {
 public:
  enum class Mode {
    // open() fails with ErrorKind::unavailable when no daemon answers right now.
    fail_fast,
    // open() always succeeds; the state stays `connecting`/`unreachable` until a daemon
    // appears on the bus (and the bus itself is retried when it is missing).
    wait_for_daemon,
  };

  static Result<std::unique_ptr<AvahiConnection>> open(Mode mode);
  ~AvahiConnection();
  AvahiConnection(const AvahiConnection&) = delete;
  AvahiConnection& operator=(const AvahiConnection&) = delete;

  ServerState state() const noexcept { return m_state; }
  // Why the last connection attempt or the client failed ("Daemon not running"), for messages.
  const std::string& last_error() const noexcept { return m_last_error; }
  // The daemon's fully qualified host name ("speaker.local"); empty until known.
  std::string host_name() const;
  // Bumped whenever the client object is replaced; objects made on an older one were freed
  // with it and must only be forgotten.
  std::uint64_t generation() const noexcept { return m_generation; }
  // Bumped whenever the daemon is lost (or the client replaced): browsers and resolvers made
  // before are dead on the daemon's side and must be made again once the state is `running`.
  std::uint64_t session() const noexcept { return m_session; }

  // Runs the event loop once: waits for and dispatches D-Bus traffic, at most until `deadline`.
  // Reconnects first when the daemon went away. Fails only when the loop itself breaks.
  Result<void> iterate(Clock::TimePoint deadline);

  // The live client, or nullptr while there is none. For the adapters in lib/mdns only.
  ::AvahiClient* native() const noexcept { return m_client; }

  // Called by the C state callback; public only so it can be reached from there.
  void on_state(::AvahiClient* client, int state) noexcept;

 private:
  AvahiConnection();
  bool connect(bool wait_for_daemon);

  ::AvahiSimplePoll* m_poll = nullptr;
  ::AvahiClient* m_client = nullptr;
  ServerState m_state = ServerState::unreachable;
  std::string m_last_error;
  std::uint64_t m_generation = 0;
  std::uint64_t m_session = 0;
  bool m_reconnect = false;
  Clock::TimePoint m_next_attempt{};
};

}  // namespace harmony::mdns
