#include "BridgeLoop.hpp"

#include <condition_variable>
#include <mutex>

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::bridge {

BridgeLoop::BridgeLoop(SpeakerScreen& screen, MixerSync* mixer, std::vector<Publisher*> publishers,
                       const Clock& clock, LoopOptions options, std::uint64_t seed)
    : m_screen(screen),
      m_mixer(mixer),
      m_publishers(std::move(publishers)),
      m_clock(clock),
      m_options(std::move(options)),
      m_backoff(m_options.backoff, seed) {}

BridgeLoop::Step BridgeLoop::poll_once() {
  m_last_pass = m_clock.now().time_since_epoch().count();
  auto capture = m_screen.capture();
  if (!capture) {
    return fail(capture.error());
  }
  auto state = m_parser.parse(*capture);
  if (!state) {
    return fail(state.error());
  }
  if (m_failures > 0) {
    log::notice(fmt::format("speaker controller in container '{}' is back after {} failed attempts",
                            m_options.container, m_failures),
                {{"CONTAINER", m_options.container}});
  }
  m_failures = 0;
  m_last_failure.clear();
  m_stopped_published = false;
  m_backoff.reset();
  log_transitions(*state);
  sync_mixer(*state);
  publish(*state);
  m_last = std::move(*state);
  return Step{Next::poll, m_options.period};
}

BridgeLoop::Step BridgeLoop::fail(const Error& error) {
  ++m_failures;
  if (error.message != m_last_failure) {
    log::warning(
        fmt::format("cannot read the speaker controller in container '{}': {}; waiting for it "
                    "to come back",
                    m_options.container, error.message),
        {{"CONTAINER", m_options.container}});
    m_last_failure = error.message;
  }
  if (!m_stopped_published) {
    const SpeakerState stopped = SpeakerState::stopped();
    publish(stopped);
    m_last = stopped;
    m_stopped_published = true;
  }
  return Step{Next::wait_for_restart, m_backoff.next()};
}

void BridgeLoop::sync_mixer(const SpeakerState& state) {
  if (m_mixer == nullptr) {
    return;
  }
  const std::optional<int> before = m_mixer->applied();
  auto applied = m_mixer->apply(state.volume);
  std::string problem;
  if (!applied) {
    problem = applied.error().message;
  } else if (*applied) {
    log::info(fmt::format("speaker volume {}/{} → mixer", *state.volume, k_volume_steps),
              {{"VOLUME", std::to_string(*state.volume)},
               {"PREVIOUS_VOLUME", before ? std::to_string(*before) : "unknown"}});
  }
  if (auto external = m_mixer->external_change(); !external) {
    problem = external.error().message;
  } else if (external->has_value()) {
    log::info(
        fmt::format("host mixer changed outside the bridge to {:.0f}%; the next speaker volume "
                    "change overrides it",
                    **external * 100.0));
  }
  if (problem != m_mixer_error && !problem.empty()) {
    log::warning(fmt::format("mixer: {}", problem));
  }
  m_mixer_error = problem;
}

void BridgeLoop::publish(const SpeakerState& state) {
  for (Publisher* publisher : m_publishers) {
    const std::string key(publisher->name());
    auto published = publisher->publish(state);
    const std::string problem = published ? std::string() : published.error().message;
    if (!problem.empty() && problem != m_publisher_errors[key]) {
      log::warning(fmt::format("{}: {}", key, problem));
    } else if (problem.empty() && !m_publisher_errors[key].empty()) {
      log::notice(fmt::format("{}: publishing again", key));
    }
    m_publisher_errors[key] = problem;
  }
}

void BridgeLoop::log_transitions(const SpeakerState& state) {
  if (!m_last || m_last->playback != state.playback) {
    log::info(fmt::format("speaker {}", to_string(state.playback)),
              {{"PLAYBACK_STATE", std::string(to_string(state.playback))}});
  }
  if (!state.title.empty() && (!m_last || !m_last->same_track(state))) {
    log::info(fmt::format("now playing: {} – {}", state.artists, state.title));
  }
}

std::string BridgeLoop::status_text() const {
  if (m_failures > 0) {
    return fmt::format("waiting for the speaker controller in '{}' ({} failed attempts)",
                       m_options.container, m_failures);
  }
  if (!m_last) {
    return "starting";
  }
  const std::string volume =
      m_last->volume ? fmt::format("{}/{}", *m_last->volume, k_volume_steps) : "unknown";
  return fmt::format("speaker {}, volume {}", to_string(m_last->playback), volume);
}

bool BridgeLoop::alive_within(std::chrono::milliseconds within) const {
  const Clock::TimePoint last{Clock::Duration(m_last_pass.load())};
  return m_clock.now() - last <= within;
}

void BridgeLoop::run(const std::stop_token& stop,
                     const std::function<void(const std::string&)>& on_status) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::string reported;
  while (!stop.stop_requested()) {
    // Passes start on a fixed grid, so the rate does not drift by the time a capture takes;
    // a screen that paces its captures sets the rate itself.
    const auto started = std::chrono::steady_clock::now();
    const Step step = poll_once();
    if (std::string status = status_text(); on_status && status != reported) {
      on_status(status);
      reported = std::move(status);
    }
    if (step.next == Next::wait_for_restart) {
      m_screen.wait_for_restart(step.delay, stop);
      continue;
    }
    if (m_screen.paces_captures()) {
      continue;
    }
    std::unique_lock lock(mutex);
    wake.wait_until(lock, stop, started + step.delay, [] { return false; });
  }
}

}  // namespace harmony::bridge
