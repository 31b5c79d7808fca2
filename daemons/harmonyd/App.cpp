#include "App.hpp"

#include <fmt/format.h>

#include "api/HealthRoutes.hpp"

namespace harmony::harmonyd {

App::App(Settings settings, systemd::Notifier& notifier)
    : m_settings(std::move(settings)),
      m_notifier(notifier),
      m_server(http::ServerOptions{m_settings.host, m_settings.port}),
      m_watchdog(notifier, systemd::watchdog_interval()) {
  for (http::Route& route : api::health_routes()) {
    m_server.add(std::move(route));
  }
}

App::~App() {
  stop();
}

void App::start() {
  auto port = m_server.bind();
  if (!port) {
    throw ErrorException(std::move(port).error());
  }
  m_port = *port;
  m_serve_thread = std::thread([this] { m_server.serve(); });
}

std::string App::url() const {
  const std::string& host =
      m_settings.host == "0.0.0.0" ? std::string("127.0.0.1") : m_settings.host;
  return fmt::format("http://{}:{}/", host, m_port);
}

void App::stop() noexcept {
  m_server.stop();
  if (m_serve_thread.joinable()) {
    m_serve_thread.join();
  }
}

}  // namespace harmony::harmonyd
