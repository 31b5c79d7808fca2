#pragma once

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "fakes/FakeClock.hpp"
#include "mdns/ServiceBrowser.hpp"

namespace harmony::fakes {

// A scripted ServiceBrowser on a FakeClock. Events are queued with the time (after browse())
// at which the "daemon" reports them; next_event() moves the clock to that time, or to the
// deadline when nothing is due by then — so a test runs a 15 s wait instantly.
class FakeServiceBrowser final : public mdns::ServiceBrowser {
 public:
  explicit FakeServiceBrowser(FakeClock& clock) : m_clock(clock) {}

  // Scripting, relative to the moment browse() is called.
  void at(Clock::Duration after, mdns::BrowseEvent event) {
    m_script.push_back({after, std::move(event)});
  }
  void add_at(Clock::Duration after, const std::string& name, bool local = false) {
    at(after, {mdns::BrowseEventKind::added, instance(name, local), {}});
  }
  void remove_at(Clock::Duration after, const std::string& name, bool local = false) {
    at(after, {mdns::BrowseEventKind::removed, instance(name, local), {}});
  }
  void all_for_now_at(Clock::Duration after) {
    at(after, {mdns::BrowseEventKind::all_for_now, {}, {}});
  }
  // Forgets the script, for a test whose "network" changes between browses.
  void clear_script() { m_script.clear(); }
  void fail_browse_with(Error error) { m_browse_error = std::move(error); }
  void resolves_to(const std::string& name, std::string host, std::string address) {
    m_hosts[name] = {std::move(host), std::move(address)};
  }

  int browse_calls() const noexcept { return m_browse_calls; }
  const std::string& browsed_type() const noexcept { return m_type; }

  Result<void> browse(const std::string& type) override {
    ++m_browse_calls;
    m_type = type;
    if (m_browse_error) {
      return *m_browse_error;
    }
    m_queue.clear();
    for (const auto& step : m_script) {
      m_queue.push_back({m_clock.now() + step.after, step.event});
    }
    std::stable_sort(m_queue.begin(), m_queue.end(),
                     [](const Due& a, const Due& b) { return a.when < b.when; });
    return {};
  }

  std::optional<mdns::BrowseEvent> next_event(Clock::TimePoint deadline) override {
    if (!m_queue.empty() && m_queue.front().when <= deadline) {
      Due due = std::move(m_queue.front());
      m_queue.pop_front();
      if (due.when > m_clock.now()) {
        m_clock.advance(due.when - m_clock.now());
      }
      return due.event;
    }
    if (deadline > m_clock.now()) {
      m_clock.advance(deadline - m_clock.now());
    }
    return std::nullopt;
  }

  Result<mdns::ResolvedService> resolve(const mdns::ServiceInstance& which,
                                        std::chrono::milliseconds) override {
    const auto found = m_hosts.find(which.name);
    if (found == m_hosts.end()) {
      return make_error(ErrorKind::not_found, "fake: no host scripted for " + which.name);
    }
    return mdns::ResolvedService{which, found->second.first, found->second.second, 2019, {}};
  }

 private:
  struct Step {
    Clock::Duration after;
    mdns::BrowseEvent event;
  };
  struct Due {
    Clock::TimePoint when;
    mdns::BrowseEvent event;
  };

  mdns::ServiceInstance instance(const std::string& name, bool local) const {
    return mdns::ServiceInstance{name, m_type, "local", 2, 0, local, false};
  }

  FakeClock& m_clock;
  std::vector<Step> m_script;
  std::deque<Due> m_queue;
  std::optional<Error> m_browse_error;
  std::map<std::string, std::pair<std::string, std::string>> m_hosts;
  std::string m_type;
  int m_browse_calls = 0;
};

}  // namespace harmony::fakes
