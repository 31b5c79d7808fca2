#include "mdns/AvahiServiceBrowser.hpp"

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/error.h>
#include <fmt/format.h>

#include "mdns/AvahiResolve.hpp"

namespace harmony::mdns {
namespace {

// Bounds what a flood of announcements on the network can make us hold.
constexpr std::size_t k_max_queued_events = 4096;

void browse_callback(::AvahiServiceBrowser* browser, AvahiIfIndex interface, AvahiProtocol protocol,
                     AvahiBrowserEvent event, const char* name, const char* type,
                     const char* domain, AvahiLookupResultFlags flags, void* self) noexcept {
  BrowseEvent out;
  switch (event) {
    case AVAHI_BROWSER_NEW:
      out.kind = BrowseEventKind::added;
      break;
    case AVAHI_BROWSER_REMOVE:
      out.kind = BrowseEventKind::removed;
      break;
    case AVAHI_BROWSER_CACHE_EXHAUSTED:
      out.kind = BrowseEventKind::cache_exhausted;
      break;
    case AVAHI_BROWSER_ALL_FOR_NOW:
      out.kind = BrowseEventKind::all_for_now;
      break;
    case AVAHI_BROWSER_FAILURE: {
      const int error = avahi_client_errno(avahi_service_browser_get_client(browser));
      out.kind = error == AVAHI_ERR_DISCONNECTED ? BrowseEventKind::disconnected
                                                 : BrowseEventKind::failure;
      out.message = fmt::format("service browser failed: {} ({})", avahi_strerror(error), error);
      break;
    }
  }
  if (out.kind == BrowseEventKind::added || out.kind == BrowseEventKind::removed) {
    out.instance.name = name != nullptr ? name : "";
    out.instance.type = type != nullptr ? type : "";
    out.instance.domain = domain != nullptr ? domain : "";
    out.instance.interface = interface;
    out.instance.protocol = protocol;
    out.instance.local = (flags & AVAHI_LOOKUP_RESULT_LOCAL) != 0;
    out.instance.our_own = (flags & AVAHI_LOOKUP_RESULT_OUR_OWN) != 0;
  }
  static_cast<AvahiBrowser*>(self)->on_event(std::move(out));
}

}  // namespace

AvahiBrowser::~AvahiBrowser() {
  drop_native();
}

void AvahiBrowser::on_event(BrowseEvent event) noexcept {
  if (m_events.size() < k_max_queued_events) {
    m_events.push_back(std::move(event));
  }
}

bool AvahiBrowser::native_is_stale() const noexcept {
  return m_generation != m_connection.generation() || m_session != m_connection.session();
}

void AvahiBrowser::drop_native() {
  if (m_native == nullptr) {
    return;
  }
  // A replaced client freed its browsers already; only a live client's browser is ours to free.
  if (m_generation == m_connection.generation()) {
    avahi_service_browser_free(m_native);
  }
  m_native = nullptr;
}

Result<void> AvahiBrowser::start_native() {
  m_generation = m_connection.generation();
  m_session = m_connection.session();
  m_native = avahi_service_browser_new(m_connection.native(), AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC,
                                       m_type.c_str(), nullptr, static_cast<AvahiLookupFlags>(0),
                                       browse_callback, this);
  if (m_native == nullptr) {
    const int error = avahi_client_errno(m_connection.native());
    return make_error(
        error == AVAHI_ERR_INVALID_SERVICE_TYPE ? ErrorKind::usage : ErrorKind::unavailable,
        fmt::format("cannot browse '{}': {} ({})", m_type, avahi_strerror(error), error), error);
  }
  return {};
}

Result<void> AvahiBrowser::browse(const std::string& type) {
  drop_native();
  m_events.clear();
  m_type = type;
  if (m_connection.native() == nullptr || m_connection.state() != ServerState::running) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("cannot browse '{}': avahi-daemon is {} ({})", type,
                                  to_string(m_connection.state()), m_connection.last_error()));
  }
  return start_native();
}

std::optional<BrowseEvent> AvahiBrowser::next_event(Clock::TimePoint deadline) {
  for (;;) {
    if (!m_events.empty()) {
      BrowseEvent event = std::move(m_events.front());
      m_events.pop_front();
      return event;
    }
    if (m_native != nullptr && native_is_stale()) {
      drop_native();
      on_event(BrowseEvent{BrowseEventKind::disconnected,
                           {},
                           fmt::format("lost avahi-daemon: {}", m_connection.last_error())});
      continue;
    }
    if (m_native == nullptr && !m_type.empty() && m_connection.state() == ServerState::running &&
        m_connection.native() != nullptr) {
      if (auto started = start_native(); !started) {
        m_type.clear();  // no retry loop; the caller decides whether to browse again
        on_event(BrowseEvent{BrowseEventKind::failure, {}, started.error().message});
      }
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    if (auto step = m_connection.iterate(deadline); !step) {
      return BrowseEvent{BrowseEventKind::failure, {}, step.error().message};
    }
  }
}

Result<ResolvedService> AvahiBrowser::resolve(const ServiceInstance& instance,
                                              std::chrono::milliseconds timeout) {
  return resolve_service(m_connection, instance, timeout);
}

}  // namespace harmony::mdns
