#include "App.hpp"

#include <fmt/format.h>

#include "docker/DockerHost.hpp"
#include "log/Log.hpp"

namespace harmony::bridge {
namespace {

std::string socket_path(const std::string& docker_host) {
  auto path = docker::socket_path_from_docker_host(docker_host);
  if (!path) {
    throw ErrorException(std::move(path).error());
  }
  return *path;
}

template <typename T>
T must(Result<T> result) {
  if (!result) {
    throw ErrorException(std::move(result).error());
  }
  return std::move(*result);
}

}  // namespace

App::App(Settings settings, systemd::Notifier& notifier)
    : m_settings(std::move(settings)),
      m_notifier(notifier),
      m_engine(socket_path(m_settings.docker_host)),
      m_runtime(m_engine),
      m_screen(m_runtime, m_settings.container, m_settings.tmux_session, m_settings.poll_period()),
      m_poster(m_settings.audiocontrol_timeout) {
  if (m_settings.mixer_enabled) {
    m_mixer = must(
        AlsaMixer::open(m_settings.mixer_device, m_settings.mixer_control, m_settings.mixer_curve));
    m_mixer_sync.emplace(
        *m_mixer, m_clock,
        MixerSyncOptions{m_settings.mixer_mute_switch, m_settings.mixer_echo_window});
    log::info(fmt::format("mixer: device '{}' control '{}' ({} curve)", m_mixer->control().device(),
                          m_mixer->control().control(), m_mixer->uses_db() ? "dB" : "linear"));
  }
  if (!m_settings.status_file.empty()) {
    m_status_file = std::make_unique<StatusFile>(m_settings.status_file, m_clock,
                                                 m_settings.status_position_interval);
  }
  if (!m_settings.audiocontrol_url.empty()) {
    m_audiocontrol = std::make_unique<AudioControl>(m_poster, m_settings.audiocontrol_url, m_clock,
                                                    m_settings.audiocontrol_resync);
  }
  if (m_settings.mpris_enabled) {
    m_mpris = std::make_unique<MprisPublisher>(m_screen, [this](const dbus::MprisStatus& status) {
      if (m_player) {
        m_player->update(status);
      }
    });
    m_player = must(dbus::MprisPlayer::start(m_settings.mpris_bus, m_settings.mpris_name,
                                             "TIDAL Connect", m_mpris->commands()));
  }
  LoopOptions options;
  options.period = m_settings.poll_period();
  options.backoff = BackoffPolicy{m_settings.backoff_initial, m_settings.backoff_max, 2.0, 0.2};
  options.container = m_settings.container;
  m_loop = std::make_unique<BridgeLoop>(m_screen, m_mixer_sync ? &*m_mixer_sync : nullptr,
                                        publishers(), m_clock, options);
}

App::~App() {
  stop();
}

std::vector<Publisher*> App::publishers() {
  std::vector<Publisher*> out;
  for (Publisher* p :
       {static_cast<Publisher*>(m_status_file.get()), static_cast<Publisher*>(m_audiocontrol.get()),
        static_cast<Publisher*>(m_mpris.get())}) {
    if (p != nullptr) {
      out.push_back(p);
    }
  }
  return out;
}

void App::start() {
  // The loop is alive when its last pass ended within a backoff cap plus slack; a hung exec or
  // mixer call stops the pings and systemd restarts the service.
  const auto allowance = m_settings.backoff_max + std::chrono::seconds(10);
  m_watchdog = std::make_unique<systemd::WatchdogPinger>(
      m_notifier, systemd::watchdog_interval(),
      [this, allowance] { return m_loop->alive_within(allowance); });
  m_thread = std::jthread([this](const std::stop_token& stop) {
    m_loop->run(stop, [this](const std::string& status) { m_notifier.status(status); });
  });
}

void App::stop() noexcept {
  if (m_thread.joinable()) {
    m_thread.request_stop();
    m_thread.join();
  }
  m_watchdog.reset();
}

}  // namespace harmony::bridge
