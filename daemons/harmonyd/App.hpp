#pragma once

#include <thread>

#include "Settings.hpp"
#include "http/Server.hpp"
#include "systemd/Notifier.hpp"
#include "systemd/WatchdogPinger.hpp"

namespace harmony::harmonyd {

// The composition root: owns every subsystem, in dependency order, for the daemon's lifetime.
class App {
 public:
  App(Settings settings, systemd::Notifier& notifier);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds the listener and starts serving on a background thread. After it returns the port
  // accepts connections. Throws ErrorException when the port cannot be bound.
  void start();
  // Stops accepting, lets in-flight requests finish, joins the server thread.
  void stop() noexcept;
  int port() const noexcept { return m_port; }
  std::string url() const;

 private:
  Settings m_settings;
  systemd::Notifier& m_notifier;
  http::Server m_server;
  std::thread m_serve_thread;
  systemd::WatchdogPinger m_watchdog;
  int m_port = 0;
};

}  // namespace harmony::harmonyd
