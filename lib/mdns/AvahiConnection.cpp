#include "mdns/AvahiConnection.hpp"

#include <algorithm>

#include <avahi-client/client.h>
#include <avahi-common/error.h>
#include <avahi-common/simple-watch.h>
#include <fmt/format.h>

namespace harmony::mdns {
namespace {

// How often a missing system bus is retried while waiting for the daemon.
constexpr std::chrono::milliseconds k_retry_interval{200};

ServerState map_state(int state) noexcept {
  switch (state) {
    case AVAHI_CLIENT_S_REGISTERING:
      return ServerState::registering;
    case AVAHI_CLIENT_S_RUNNING:
      return ServerState::running;
    case AVAHI_CLIENT_S_COLLISION:
      return ServerState::collision;
    case AVAHI_CLIENT_CONNECTING:
      return ServerState::connecting;
    default:
      return ServerState::failure;
  }
}

void state_callback(::AvahiClient* client, AvahiClientState state, void* self) noexcept {
  static_cast<AvahiConnection*>(self)->on_state(client, state);
}

}  // namespace

AvahiConnection::AvahiConnection() : m_poll(avahi_simple_poll_new()) {
  if (m_poll == nullptr) {
    throw ErrorException(
        make_error(ErrorKind::internal, "avahi_simple_poll_new() failed (out of memory)"));
  }
}

AvahiConnection::~AvahiConnection() {
  if (m_client != nullptr) {
    avahi_client_free(m_client);
  }
  avahi_simple_poll_free(m_poll);
}

Result<std::unique_ptr<AvahiConnection>> AvahiConnection::open(Mode mode) {
  std::unique_ptr<AvahiConnection> connection(new AvahiConnection());
  const bool wait = mode == Mode::wait_for_daemon;
  if (!connection->connect(wait) && !wait) {
    return make_error(
        ErrorKind::unavailable,
        fmt::format("avahi-daemon is not reachable on the system D-Bus ({}); start it "
                    "with 'systemctl start avahi-daemon'",
                    connection->m_last_error));
  }
  return connection;
}

bool AvahiConnection::connect(bool wait_for_daemon) {
  int error = 0;
  const auto flags = wait_for_daemon ? AVAHI_CLIENT_NO_FAIL : static_cast<AvahiClientFlags>(0);
  m_client = avahi_client_new(avahi_simple_poll_get(m_poll), flags, state_callback, this, &error);
  ++m_generation;
  ++m_session;
  if (m_client == nullptr) {
    m_state = ServerState::unreachable;
    m_last_error = fmt::format("avahi_client_new: {} ({})", avahi_strerror(error), error);
    m_next_attempt = std::chrono::steady_clock::now() + k_retry_interval;
    return false;
  }
  m_state = map_state(avahi_client_get_state(m_client));
  return true;
}

void AvahiConnection::on_state(::AvahiClient* client, int state) noexcept {
  const ServerState previous = m_state;
  m_state = map_state(state);
  const bool lost = m_state == ServerState::connecting || m_state == ServerState::failure;
  if (lost && previous != m_state) {
    // With AVAHI_CLIENT_NO_FAIL a daemon restart shows up as CONNECTING on the same client.
    ++m_session;
  }
  if (state == AVAHI_CLIENT_FAILURE) {
    const int error = avahi_client_errno(client);
    m_last_error = fmt::format("{} ({})", avahi_strerror(error), error);
    // The client is dead once the daemon disconnects; it is replaced outside this callback.
    m_reconnect = error == AVAHI_ERR_DISCONNECTED;
    if (m_reconnect) {
      m_state = ServerState::connecting;
    }
  }
}

std::string AvahiConnection::host_name() const {
  if (m_client == nullptr || m_state != ServerState::running) {
    return {};
  }
  const char* name = avahi_client_get_host_name_fqdn(m_client);
  return name == nullptr ? std::string() : std::string(name);
}

Result<void> AvahiConnection::iterate(Clock::TimePoint deadline) {
  const auto now = std::chrono::steady_clock::now();
  if (m_reconnect) {
    m_reconnect = false;
    avahi_client_free(m_client);
    m_client = nullptr;
    connect(true);
  } else if (m_client == nullptr && now >= m_next_attempt) {
    connect(true);
  }
  auto until = deadline;
  if (m_client == nullptr) {
    until = std::min(deadline, m_next_attempt);
  }
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
  const int status = avahi_simple_poll_iterate(m_poll, static_cast<int>(std::max<long>(0, wait)));
  if (status < 0) {
    return make_error(ErrorKind::internal, "avahi_simple_poll_iterate() failed", status);
  }
  return {};
}

}  // namespace harmony::mdns
