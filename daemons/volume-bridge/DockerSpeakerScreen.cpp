#include "DockerSpeakerScreen.hpp"

#include <fmt/format.h>

namespace harmony::bridge {
namespace {

constexpr std::size_t k_max_stderr = 200;

// tmux's complaint for the log, bounded and on one line (it comes from inside the container).
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, k_max_stderr)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : ' ');
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

}  // namespace

DockerSpeakerScreen::~DockerSpeakerScreen() {
  std::unique_ptr<containers::Subscription> events;
  {
    std::lock_guard lock(m_mutex);
    events = std::move(m_events);
  }
  events.reset();  // joins the stream thread outside our lock, which its callback takes
}

Result<std::string> DockerSpeakerScreen::tmux(const std::vector<std::string>& argv) {
  auto output = m_runtime.exec(m_container, argv);
  if (!output) {
    return std::move(output).error();
  }
  if (output->exit_code != 0) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("`{}` in container '{}' exited with {}: {}", fmt::join(argv, " "), m_container,
                                  output->exit_code, printable(output->stderr_text)));
  }
  return std::move(output->stdout_text);
}

Result<std::string> DockerSpeakerScreen::capture() {
  return tmux({"tmux", "capture-pane", "-p", "-t", m_session});
}

Result<void> DockerSpeakerScreen::send_key(std::string_view key) {
  auto sent = tmux({"tmux", "send-keys", "-t", m_session, std::string(key)});
  if (!sent) {
    return std::move(sent).error();
  }
  return {};
}

bool DockerSpeakerScreen::wait_for_restart(std::chrono::milliseconds timeout, std::stop_token stop) {
  std::unique_lock lock(m_mutex);
  if (!m_events) {
    containers::EventHandlers handlers;
    handlers.on_event = [this](const containers::ContainerEvent& event) {
      if (event.action == "start" || event.action.starts_with("health_status: healthy")) {
        std::lock_guard inner(m_mutex);
        m_started = true;
        m_wake.notify_all();
      }
    };
    // A (re)connected stream may have missed a start while it was away (or before this first
    // subscription existed): wake the loop so it tries the screen again rather than sleeping
    // out its whole backoff.
    handlers.on_connection = [this](bool connected, const std::string&) {
      if (connected) {
        std::lock_guard inner(m_mutex);
        m_started = true;
        m_wake.notify_all();
      }
    };
    lock.unlock();
    auto events = m_runtime.watch(m_container, std::move(handlers));
    lock.lock();
    m_events = std::move(events);
  }
  const bool started = m_wake.wait_for(lock, stop, timeout, [this] { return m_started; });
  m_started = false;
  return started;
}

}  // namespace harmony::bridge
