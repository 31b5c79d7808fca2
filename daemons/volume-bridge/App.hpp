#pragma once

#include <memory>
#include <optional>
#include <thread>

#include "AlsaMixer.hpp"
#include "AudioControl.hpp"
#include "BridgeLoop.hpp"
#include "ClientPoster.hpp"
#include "DockerSpeakerScreen.hpp"
#include "MixerSync.hpp"
#include "MprisPublisher.hpp"
#include "Settings.hpp"
#include "StatusFile.hpp"
#include "dbus/MprisPlayer.hpp"
#include "docker/DockerRuntime.hpp"
#include "docker/EngineClient.hpp"
#include "systemd/Notifier.hpp"
#include "systemd/WatchdogPinger.hpp"

namespace harmony::bridge {

// The composition root: owns every subsystem in dependency order. The constructor opens the
// mixer and the MPRIS name (ErrorException on failure: the unit fails loudly at start); the
// speaker container may be absent, which the loop handles by waiting.
class App {
 public:
  App(Settings settings, systemd::Notifier& notifier);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void start();
  void stop() noexcept;

 private:
  std::vector<Publisher*> publishers();

  Settings m_settings;
  systemd::Notifier& m_notifier;
  SystemClock m_clock;
  docker::EngineClient m_engine;
  docker::DockerRuntime m_runtime;
  DockerSpeakerScreen m_screen;
  std::unique_ptr<AlsaMixer> m_mixer;
  std::optional<MixerSync> m_mixer_sync;
  std::unique_ptr<StatusFile> m_status_file;
  ClientPoster m_poster;
  std::unique_ptr<AudioControl> m_audiocontrol;
  std::unique_ptr<MprisPublisher> m_mpris;
  std::unique_ptr<dbus::MprisPlayer> m_player;
  std::unique_ptr<BridgeLoop> m_loop;
  std::unique_ptr<systemd::WatchdogPinger> m_watchdog;
  std::jthread m_thread;
};

}  // namespace harmony::bridge
