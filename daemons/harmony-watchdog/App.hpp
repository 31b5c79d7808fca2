#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "Recovery.hpp"
#include "Settings.hpp"
#include "Supervisor.hpp"
#include "TargetWorker.hpp"
#include "Telemetry.hpp"
#include "adapters/ContainerFeed.hpp"
#include "adapters/DockerContainerControl.hpp"
#include "adapters/Probes.hpp"
#include "docker/DockerRuntime.hpp"
#include "docker/EngineClient.hpp"
#include "systemd/Notifier.hpp"
#include "systemd/UnitController.hpp"
#include "systemd/WatchdogPinger.hpp"
#include "wire/Server.hpp"

namespace harmony::watchdog {

// The composition root: owns every subsystem in dependency order (engine client → adapters →
// recovery → per-target supervisor, worker, feed → HTTP endpoint → status and systemd
// watchdog), and tears them down in reverse.
class App {
 public:
  // Throws ErrorException: no engine socket (config), systemd unreachable (unavailable).
  App(Settings settings, systemd::Notifier& notifier);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Starts the feeds, the endpoint and the status updates. Throws ErrorException when the
  // endpoint's port cannot be bound.
  void start();
  void stop() noexcept;
  int http_port() const noexcept { return m_http_port; }

 private:
  struct Target {
    std::unique_ptr<Supervisor> supervisor;
    std::unique_ptr<TargetWorker> worker;
    std::unique_ptr<ContainerFeed> feed;
  };
  void add_routes();
  void status_loop();
  bool healthy() const;

  Settings m_settings;
  systemd::Notifier& m_notifier;
  SystemClock m_clock;
  Telemetry m_telemetry;
  docker::EngineClient m_engine;
  docker::DockerRuntime m_runtime;
  DockerContainerControl m_containers;
  std::unique_ptr<systemd::UnitController> m_units;
  UrlHealthProbe m_health;
  AvahiCollisionProbe m_collisions;
  Recovery m_recovery;
  std::vector<Target> m_targets;
  std::optional<wire::Server> m_server;
  std::thread m_serve_thread;
  int m_http_port = 0;
  std::mutex m_status_mutex;
  std::condition_variable m_status_wake;
  bool m_stopping = false;
  std::thread m_status_thread;
  std::unique_ptr<systemd::WatchdogPinger> m_pinger;
};

}  // namespace harmony::watchdog
