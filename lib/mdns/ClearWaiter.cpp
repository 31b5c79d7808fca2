#include "mdns/ClearWaiter.hpp"

#include <algorithm>

#include "mdns/InstanceName.hpp"

namespace harmony::mdns {
namespace {

// What the waiter knows at any moment of one wait.
struct Progress {
  std::vector<ServiceInstance> visible;
  bool all_for_now = false;
  bool emptied_by_remove = false;
  int confirmations = 0;
  Clock::TimePoint next_confirmation{};
};

void forget_everything(Progress& progress) {
  progress = Progress{};
}

}  // namespace

Result<ClearOutcome> ClearWaiter::wait(const ClearOptions& options) {
  const auto start = m_clock.now();
  const auto deadline = start + options.timeout;
  ClearOutcome outcome;
  auto finish = [&](ClearVerdict verdict, const Progress& progress) {
    outcome.verdict = verdict;
    outcome.still_visible = progress.visible;
    outcome.elapsed = m_clock.now() - start;
    return outcome;
  };

  if (auto started = m_browser.browse(options.type); !started) {
    if (started.error().kind != ErrorKind::unavailable) {
      return started.error();
    }
    outcome.message = started.error().message;
    return finish(ClearVerdict::unavailable, Progress{});
  }

  Progress progress;
  for (;;) {
    const bool counting = progress.all_for_now && progress.visible.empty();
    const auto wait_until = counting ? std::min(deadline, progress.next_confirmation) : deadline;
    auto event = m_browser.next_event(wait_until);
    if (!event) {
      if (m_clock.now() >= deadline) {
        return finish(ClearVerdict::timed_out, progress);
      }
      if (counting && m_clock.now() >= progress.next_confirmation) {
        if (++progress.confirmations >= options.consecutive) {
          return finish(ClearVerdict::clear, progress);
        }
        progress.next_confirmation += options.interval;
      }
      continue;
    }
    if (m_tracer) {
      m_tracer(*event);
    }
    switch (event->kind) {
      case BrowseEventKind::added: {
        const auto& instance = event->instance;
        const bool known =
            std::any_of(progress.visible.begin(), progress.visible.end(),
                        [&](const ServiceInstance& seen) { return seen.same_as(instance); });
        if (is_instance_of(options.name, instance.name) && !known) {
          progress.visible.push_back(instance);
          progress.confirmations = 0;
          progress.emptied_by_remove = false;
        }
        break;
      }
      case BrowseEventKind::removed: {
        const auto before = progress.visible.size();
        std::erase_if(progress.visible,
                      [&](const ServiceInstance& seen) { return seen.same_as(event->instance); });
        if (before > 0 && progress.visible.empty()) {
          if (progress.all_for_now) {
            outcome.by_goodbye = true;
            return finish(ClearVerdict::clear, progress);
          }
          progress.emptied_by_remove = true;
        }
        break;
      }
      case BrowseEventKind::all_for_now:
        progress.all_for_now = true;
        if (progress.visible.empty()) {
          if (progress.emptied_by_remove) {
            outcome.by_goodbye = true;
            return finish(ClearVerdict::clear, progress);
          }
          progress.confirmations = 1;
          if (progress.confirmations >= options.consecutive) {
            return finish(ClearVerdict::clear, progress);
          }
          progress.next_confirmation = m_clock.now() + options.interval;
        }
        break;
      case BrowseEventKind::cache_exhausted:
        break;
      case BrowseEventKind::disconnected:
        // A restarted daemon starts with an empty cache; the browser re-browses by itself.
        forget_everything(progress);
        break;
      case BrowseEventKind::failure:
        outcome.message = event->message;
        return finish(ClearVerdict::unavailable, progress);
    }
  }
}

}  // namespace harmony::mdns
