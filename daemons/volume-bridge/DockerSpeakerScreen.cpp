#include "DockerSpeakerScreen.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace harmony::bridge {
namespace {

constexpr std::size_t k_max_stderr = 200;
// No capture for this long (beyond the period) means the loop in the container hangs.
constexpr auto k_silence = std::chrono::seconds(5);

// The loop inside the container ($1 = session, $2 = period in seconds). A watcher reads the
// exec's stdin (kept on fd 3: an asynchronous list's own stdin is /dev/null) and ends the loop at
// EOF, so no capture loop outlives its reader. The pacing sleep runs beside the capture, so a
// pass takes max(period, capture time) rather than their sum. When tmux fails the loop ends with
// tmux's status (a `while` condition's status would be lost, hence the explicit exit).
constexpr const char* k_capture_loop =
    "exec 3<&0; (cat <&3 >/dev/null 2>&1; kill $$) & watcher=$!; exec 3<&-; "
    "while :; do sleep \"$2\" & pace=$!; "
    "tmux capture-pane -p -t \"$1\" || { status=$?; kill $watcher $pace; exit $status; }; "
    "printf '\\036'; wait $pace; done";

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

DockerSpeakerScreen::DockerSpeakerScreen(containers::ContainerRuntime& runtime,
                                         std::string container, std::string session,
                                         std::chrono::milliseconds period)
    : m_runtime(runtime),
      m_container(std::move(container)),
      m_session(std::move(session)),
      m_period(std::max(period, std::chrono::milliseconds(10))),
      m_records([this](std::string_view capture, bool oversized) {
        // Runs under m_mutex (from on_output). A newer capture replaces one not handed out yet.
        if (oversized) {
          m_next =
              make_error(ErrorKind::invalid,
                         fmt::format("a screen capture from container '{}' exceeds 64 KiB; ignored",
                                     m_container));
        } else {
          m_next = std::string(capture);
        }
        m_wake.notify_all();
      }) {}

DockerSpeakerScreen::~DockerSpeakerScreen() {
  std::unique_ptr<containers::Subscription> events;
  std::unique_ptr<containers::Subscription> stream;
  {
    std::lock_guard lock(m_mutex);
    events = std::move(m_events);
    stream = std::move(m_stream);
  }
  // Joins the stream threads outside our lock, which their callbacks take.
  stream.reset();
  events.reset();
}

std::vector<std::string> DockerSpeakerScreen::capture_loop_argv() const {
  return {"sh",           "-c",
          k_capture_loop, "harmony-screen",
          m_session,      fmt::format("{:.3f}", std::chrono::duration<double>(m_period).count())};
}

void DockerSpeakerScreen::on_output(std::uint64_t generation, bool from_stderr,
                                    std::string_view bytes) {
  std::lock_guard lock(m_mutex);
  if (generation != m_generation) {
    return;
  }
  if (from_stderr) {
    m_stderr.append(bytes.substr(0, k_max_stderr - std::min(k_max_stderr, m_stderr.size())));
  } else {
    m_records.feed(bytes);
  }
}

void DockerSpeakerScreen::on_end(std::uint64_t generation, Result<int> exit_code) {
  std::lock_guard lock(m_mutex);
  if (generation != m_generation) {
    return;
  }
  // A capture cut off by the end is not a screen, and one not handed out yet is stale: the
  // controller it showed is gone.
  m_records.discard_partial();
  m_next.reset();
  if (!exit_code) {
    m_end = exit_code.error();
  } else if (*exit_code != 0) {
    m_end =
        make_error(ErrorKind::unavailable,
                   fmt::format("`tmux capture-pane -p -t {}` in container '{}' exited with {}: {}",
                               m_session, m_container, *exit_code, printable(m_stderr)));
  } else {
    m_end = make_error(
        ErrorKind::unavailable,
        fmt::format("the screen stream of container '{}' ended (container stopped?)", m_container));
  }
  m_wake.notify_all();
}

void DockerSpeakerScreen::open_stream(std::unique_lock<std::mutex>& lock) {
  const std::uint64_t generation = ++m_generation;
  m_stream_open = true;
  m_next.reset();
  m_end.reset();
  m_stderr.clear();
  m_records.discard_partial();
  // Unlocked: an implementation may report a refusal (container not running) at once.
  lock.unlock();
  auto stream = m_runtime.exec_stream(
      m_container, capture_loop_argv(),
      [this, generation](bool from_stderr, std::string_view bytes) {
        on_output(generation, from_stderr, bytes);
      },
      [this, generation](Result<int> exit_code) { on_end(generation, std::move(exit_code)); });
  lock.lock();
  m_stream = std::move(stream);
}

void DockerSpeakerScreen::close_stream(std::unique_lock<std::mutex>& lock) {
  ++m_generation;
  m_stream_open = false;
  auto stream = std::move(m_stream);
  lock.unlock();
  stream.reset();  // closes the connection: the loop in the container sees EOF and ends
  lock.lock();
}

Result<std::string> DockerSpeakerScreen::capture() {
  std::unique_lock lock(m_mutex);
  if (!m_stream_open) {
    open_stream(lock);
  }
  m_wake.wait_for(lock, k_silence + m_period * 5,
                  [this] { return m_next.has_value() || m_end.has_value(); });
  if (m_next && !m_end) {
    auto next = std::move(*m_next);
    m_next.reset();
    return next;
  }
  Error error =
      m_end ? *m_end
            : make_error(
                  ErrorKind::unavailable,
                  fmt::format(
                      "no screen from container '{}' for {} s; reopening the stream", m_container,
                      std::chrono::duration_cast<std::chrono::seconds>(k_silence + m_period * 5)
                          .count()));
  close_stream(lock);
  return error;
}

Result<void> DockerSpeakerScreen::send_key(std::string_view key) {
  const std::vector<std::string> argv{"tmux", "send-keys", "-t", m_session, std::string(key)};
  auto output = m_runtime.exec(m_container, argv);
  if (!output) {
    return std::move(output).error();
  }
  if (output->exit_code != 0) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("`{}` in container '{}' exited with {}: {}", fmt::join(argv, " "),
                                  m_container, output->exit_code, printable(output->stderr_text)));
  }
  return {};
}

bool DockerSpeakerScreen::wait_for_restart(std::chrono::milliseconds timeout,
                                           std::stop_token stop) {
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
