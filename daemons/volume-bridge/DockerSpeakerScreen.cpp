#include "DockerSpeakerScreen.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace harmony::bridge {
namespace {

constexpr std::size_t k_max_words = 200;
// The first screen of a stream comes at once (the relay captures before it waits for a change).
constexpr auto k_first_screen = std::chrono::seconds(5);
// A stream that says nothing for longer than its safety refresh (plus slack) hangs.
constexpr auto k_silence = DockerSpeakerScreen::k_refresh + std::chrono::seconds(5);

// The relay in the container ($1 = session, $2 = the capture command, $3 = pacing period and
// $4 = safety refresh, both in seconds). How commands reach the control client: the exec_stream
// port gives the command's output and an stdin that only signals EOF (the Docker adapter streams
// the response through lib/wire and never writes to the hijacked connection), so the commands are
// written by this relay, which owns the client's stdin (a FIFO). Nothing is started per read:
//  - awk (one process for the stream's lifetime; mawk needs `-W interactive` to hand on each line
//    as it arrives) passes the client's replies and notifications on to the bridge, except
//    `%output` (the pane's bytes, which only mean "changed" here), and tells the loop about
//    changes ("c") and the end of a reply to one of its commands ("e") on a FIFO. A block is
//    passed whole: its lines are screen text, never taken for notifications. awk rather than the
//    shell reads the client's output because bash's `read` takes one system call per byte.
//  - The loop is bash builtins only (read, printf, case, test): a capture is sent when the pane
//    changed and none is in flight; after its reply the loop waits one period (`read -t` on a
//    FIFO nobody writes: a sleep without a fork), so captures come at most once per period; a
//    `read -t` timeout on the events is the safety refresh. bash rather than sh because dash's
//    `read` has no timeout.
//  - A watcher reads the exec's stdin (the bridge never writes) and ends the client and the relay
//    at EOF. When the client ends by itself, awk and then the loop see EOF and the relay exits
//    with the client's status: 127 for a missing tmux, 1 for a missing session. SIGPIPE is
//    ignored so that writing to a client that is already gone ends the loop through EOF.
// mktemp, mkfifo and rm run once per stream.
constexpr const char* k_relay = R"sh(trap "" PIPE
exec 3<&0 </dev/null
dir=$(mktemp -d) && mkfifo "$dir/in" "$dir/out" "$dir/events" "$dir/idle" || exit 125
tmux -C attach-session -r -t "$1" <"$dir/in" >"$dir/out" 3<&- & client=$!
{ while read -r -u 3 _; do :; done; kill "$client" $$ 2>/dev/null; } & watcher=$!
exec 3<&-
awk -W interactive -v events="$dir/events" '
  BEGIN { printf "" >events }
  block == "" && /^%output / { print "c" >events; fflush(events); next }
  block == "" && /^%begin / { block = substr($0, 8) }
  { print }
  block != "" && ($0 == "%end " block || $0 == "%error " block) {
    if (block ~ / 1$/) { print "e" >events; fflush(events) }
    block = ""
  }
  block == "" { fflush() }' <"$dir/out" &
exec 4>"$dir/in" 5<"$dir/events" 6<>"$dir/idle"
rm -r "$dir"
busy=0 dirty=1
while :; do
  if [ "$dirty" = 1 ] && [ "$busy" = 0 ]; then printf '%s\n' "$2" >&4 2>/dev/null; busy=1 dirty=0; fi
  if read -r -t "$4" -u 5 event; then
    case $event in
      c) dirty=1 ;;
      e) read -r -t "$3" -u 6 _; busy=0 ;;
    esac
  elif [ $? -gt 128 ]; then dirty=1
  else break
  fi
done
kill "$watcher" 2>/dev/null
wait "$client")sh";

// Words from inside the container for the log, bounded and on one line.
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, k_max_words)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : ' ');
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

std::string seconds_text(std::chrono::duration<double> duration) {
  return fmt::format("{:.3f}", duration.count());
}

// tmux's command parser takes a single-quoted word literally; a name it could not carry that way
// (a quote, a control character) is refused rather than escaped.
bool quotable(std::string_view session) {
  return !session.empty() && std::none_of(session.begin(), session.end(), [](char c) {
    return c == '\'' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

}  // namespace

DockerSpeakerScreen::DockerSpeakerScreen(containers::ContainerRuntime& runtime,
                                         std::string container, std::string session,
                                         std::chrono::milliseconds period)
    : m_runtime(runtime),
      m_container(std::move(container)),
      m_session(std::move(session)),
      m_period(std::max(period, std::chrono::milliseconds(10))),
      m_frames(ControlFrames::Handlers{
          // Both run under m_mutex (from on_output).
          [this](const ControlFrames::Reply& reply) { on_reply(reply); },
          [this](std::string_view reason) {
            if (!reason.empty()) {
              m_tmux_said = printable(reason);
            }
          }}) {}

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

std::vector<std::string> DockerSpeakerScreen::capture_client_argv() const {
  return {"bash",
          "-c",
          k_relay,
          "harmony-screen",
          m_session,
          fmt::format("capture-pane -p -t '{}'", m_session),
          seconds_text(m_period),
          seconds_text(k_refresh)};
}

void DockerSpeakerScreen::on_output(std::uint64_t generation, bool from_stderr,
                                    std::string_view bytes) {
  std::lock_guard lock(m_mutex);
  if (generation != m_generation) {
    return;
  }
  if (from_stderr) {
    m_stderr.append(bytes.substr(0, k_max_words - std::min(k_max_words, m_stderr.size())));
  } else {
    m_heard = SteadyClock::now();
    m_frames.feed(bytes);
  }
}

void DockerSpeakerScreen::on_reply(const ControlFrames::Reply& reply) {
  // A reply to a command of our own is a capture; the client's own (the attach) only matters
  // when it failed.
  if (reply.outcome == ControlFrames::Outcome::error) {
    m_tmux_said = printable(reply.body);
  }
  if (!reply.ours) {
    return;
  }
  switch (reply.outcome) {
    case ControlFrames::Outcome::oversized:
      m_next = make_error(
          ErrorKind::invalid,
          fmt::format("a screen capture from container '{}' exceeds 64 KiB; ignored", m_container));
      break;
    case ControlFrames::Outcome::error:
      m_next = make_error(ErrorKind::unavailable,
                          fmt::format("`capture-pane -p -t {}` in container '{}' failed: {}",
                                      m_session, m_container, m_tmux_said));
      break;
    case ControlFrames::Outcome::ok:
      if (reply.body.empty()) {
        return;  // a pane has at least one line: not a screen
      }
      m_next = std::string(reply.body);
      break;
  }
  m_wake.notify_all();
}

void DockerSpeakerScreen::on_end(std::uint64_t generation, Result<int> exit_code) {
  std::lock_guard lock(m_mutex);
  if (generation != m_generation) {
    return;
  }
  // A reply cut off by the end is not a screen, and one not handed out yet is stale: the
  // controller it showed is gone.
  m_frames.discard_partial();
  m_next.reset();
  const std::string said = m_tmux_said.empty() ? printable(m_stderr) : m_tmux_said;
  if (!exit_code) {
    m_end = exit_code.error();
  } else if (*exit_code != 0) {
    m_end = make_error(
        ErrorKind::unavailable,
        fmt::format("`tmux -C attach-session -r -t {}` in container '{}' exited with {}{}{}",
                    m_session, m_container, *exit_code, said.empty() ? "" : ": " + said,
                    *exit_code == 127 ? " (the container needs tmux and bash on its PATH)" : ""));
  } else {
    m_end =
        make_error(ErrorKind::unavailable,
                   fmt::format("the screen stream of container '{}' (tmux session '{}') "
                               "ended: {}",
                               m_container, m_session, said.empty() ? "container stopped?" : said));
  }
  m_wake.notify_all();
}

void DockerSpeakerScreen::open_stream(std::unique_lock<std::mutex>& lock) {
  const std::uint64_t generation = ++m_generation;
  m_stream_open = true;
  m_next.reset();
  m_last.reset();
  m_end.reset();
  m_stderr.clear();
  m_tmux_said.clear();
  m_frames.discard_partial();
  m_heard = SteadyClock::now();
  // Unlocked: an implementation may report a refusal (container not running) at once.
  lock.unlock();
  auto stream = m_runtime.exec_stream(
      m_container, capture_client_argv(),
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
  stream.reset();  // closes the connection: the relay in the container sees EOF and ends
  lock.lock();
}

Error DockerSpeakerScreen::silence_error() const {
  const auto limit = m_last ? std::chrono::milliseconds(k_silence) : k_first_screen + m_period * 5;
  const std::string said = printable(m_stderr);
  return make_error(
      ErrorKind::unavailable,
      fmt::format("no screen from container '{}' (tmux session '{}') for {} s{}{}; reopening the "
                  "stream",
                  m_container, m_session,
                  std::chrono::duration_cast<std::chrono::seconds>(limit).count(),
                  said.empty() ? "" : ": ", said));
}

Result<std::string> DockerSpeakerScreen::capture() {
  std::unique_lock lock(m_mutex);
  if (!m_stream_open) {
    if (!quotable(m_session)) {
      return make_error(ErrorKind::invalid,
                        fmt::format("the tmux session name '{}' of container '{}' is empty or "
                                    "holds a quote or a control character; set the real name",
                                    printable(m_session), m_container));
    }
    open_stream(lock);
  }
  const auto limit = m_last ? std::chrono::milliseconds(k_repeat) : k_first_screen + m_period * 5;
  m_wake.wait_for(lock, limit, [this] { return m_next.has_value() || m_end.has_value(); });
  if (m_next && !m_end) {
    auto next = std::move(*m_next);
    m_next.reset();
    if (next) {
      m_last = *next;
    }
    return next;
  }
  if (!m_end && m_last && SteadyClock::now() - m_heard < k_silence) {
    return *m_last;  // the pane stayed quiet: the same screen
  }
  Error error = m_end ? *m_end : silence_error();  // before close_stream: it reads m_stderr
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
