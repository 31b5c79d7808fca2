#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "mdns/AvahiConnection.hpp"
#include "mdns/ServiceBrowser.hpp"

struct AvahiServiceBrowser;

namespace harmony::mdns {

// ServiceBrowser on a real avahi-daemon. Borrows the connection (which must outlive it) and
// restarts the browse after the daemon comes back, reporting `disconnected` first so callers
// forget what the lost daemon had told them. Not thread-safe.
class AvahiBrowser final : public ServiceBrowser {
 public:
  explicit AvahiBrowser(AvahiConnection& connection) : m_connection(connection) {}
  ~AvahiBrowser() override;
  AvahiBrowser(const AvahiBrowser&) = delete;
  AvahiBrowser& operator=(const AvahiBrowser&) = delete;

  Result<void> browse(const std::string& type) override;
  std::optional<BrowseEvent> next_event(Clock::TimePoint deadline) override;
  Result<ResolvedService> resolve(const ServiceInstance& instance,
                                  std::chrono::milliseconds timeout) override;

  // Called by the C callback; public only so it can be reached from there.
  void on_event(BrowseEvent event) noexcept;

 private:
  Result<void> start_native();
  void drop_native();
  bool native_is_stale() const noexcept;

  AvahiConnection& m_connection;
  ::AvahiServiceBrowser* m_native = nullptr;
  std::uint64_t m_generation = 0;
  std::uint64_t m_session = 0;
  std::string m_type;
  std::deque<BrowseEvent> m_events;
};

}  // namespace harmony::mdns
