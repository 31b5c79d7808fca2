#include "App.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "docker/DockerHost.hpp"
#include "systemd/DbusUnitController.hpp"

namespace harmony::watchdog {
namespace {

std::vector<std::string> target_names(const Settings& settings) {
  std::vector<std::string> names;
  for (const TargetSettings& target : settings.targets) {
    names.push_back(target.name);
  }
  return names;
}

std::string engine_socket() {
  auto socket = docker::socket_path_from_environment();
  if (!socket) {
    throw ErrorException(std::move(socket).error());
  }
  return *socket;
}

std::unique_ptr<systemd::UnitController> connect_systemd() {
  auto units = systemd::DbusUnitController::connect();
  if (!units) {
    throw ErrorException(std::move(units).error());
  }
  return std::move(*units);
}

// A worker may block in a recovery for its timeouts; beyond this it is considered stuck and
// the systemd watchdog (WatchdogSec=) restarts us.
std::chrono::milliseconds stuck_limit(const TargetSettings& target) {
  const TimeoutSettings& t = target.timeouts;
  return t.stop + t.kill + t.start + t.healthy + t.stable +
         t.dependent * static_cast<int>(target.dependents.size() + 1) +
         std::chrono::milliseconds(60'000);
}

constexpr auto k_status_period = std::chrono::seconds(5);

}  // namespace

App::App(Settings settings, systemd::Notifier& notifier)
    : m_settings(std::move(settings)),
      m_notifier(notifier),
      m_telemetry(target_names(m_settings)),
      m_engine(engine_socket()),
      m_runtime(m_engine),
      m_containers(m_runtime),
      m_units(connect_systemd()),
      m_recovery(*m_units, m_containers, &m_collisions, m_clock) {
  for (const TargetSettings& target : m_settings.targets) {
    auto rules = RuleSet::compile(target.rules);
    if (!rules) {
      throw ErrorException(std::move(rules).error());
    }
    Target t;
    t.supervisor = std::make_unique<Supervisor>(
        target, std::move(*rules),
        SupervisorPorts{*m_units, m_containers, &m_health, m_recovery, m_telemetry, m_clock});
    m_targets.push_back(std::move(t));
  }
  if (m_settings.http.port != 0) {
    m_server.emplace(m_settings.http.host, static_cast<std::uint16_t>(m_settings.http.port));
    add_routes();
  }
}

App::~App() {
  stop();
}

void App::add_routes() {
  m_server->add_get("/metrics", [this] {
    return wire::Page{200, "text/plain; version=0.0.4; charset=utf-8",
                      m_telemetry.prometheus_text()};
  });
  m_server->add_get("/health", [this] {
    nlohmann::json targets = nlohmann::json::array();
    for (const TargetSnapshot& t : m_telemetry.snapshot()) {
      targets.push_back({{"name", t.name},
                         {"state", std::string(to_string(t.state))},
                         {"restarts_today", t.restarts_today},
                         {"last_reason", t.last_reason},
                         {"last_at", std::chrono::duration_cast<std::chrono::seconds>(
                                         t.last_at.time_since_epoch())
                                         .count()}});
    }
    const bool ok = healthy();
    const nlohmann::json body = {{"status", ok ? "ok" : "stuck"}, {"targets", targets}};
    // `replace` keeps invalid UTF-8 from a log line in last_reason from throwing.
    return wire::Page{ok ? 200 : 503, "application/json",
                      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
  });
}

bool App::healthy() const {
  for (std::size_t i = 0; i < m_targets.size(); ++i) {
    if (m_targets[i].worker && !m_targets[i].worker->alive(stuck_limit(m_settings.targets[i]))) {
      return false;
    }
  }
  return true;
}

void App::start() {
  for (Target& target : m_targets) {
    target.worker = std::make_unique<TargetWorker>(*target.supervisor, m_clock);
    target.feed = std::make_unique<ContainerFeed>(m_runtime, target.supervisor->target().container,
                                                  *target.worker);
  }
  if (m_server) {
    auto port = m_server->bind();
    if (!port) {
      throw ErrorException(std::move(port).error());
    }
    m_http_port = *port;
    m_serve_thread = std::thread([this] { m_server->serve(); });
  }
  m_status_thread = std::thread([this] { status_loop(); });
  m_pinger = std::make_unique<systemd::WatchdogPinger>(m_notifier, systemd::watchdog_interval(),
                                                       [this] { return healthy(); });
}

void App::status_loop() {
  std::unique_lock lock(m_status_mutex);
  std::string last;
  while (!m_stopping) {
    std::string line = m_telemetry.status_line(m_clock.wall_now());
    if (line != last) {
      m_notifier.status(line);
      last = std::move(line);
    }
    m_status_wake.wait_for(lock, k_status_period, [this] { return m_stopping; });
  }
}

void App::stop() noexcept {
  m_pinger.reset();
  {
    std::lock_guard lock(m_status_mutex);
    m_stopping = true;
  }
  m_status_wake.notify_all();
  if (m_status_thread.joinable()) {
    m_status_thread.join();
  }
  if (m_server) {
    m_server->stop();
  }
  if (m_serve_thread.joinable()) {
    m_serve_thread.join();
  }
  for (Target& target : m_targets) {
    target.feed.reset();
    target.worker.reset();
  }
}

}  // namespace harmony::watchdog
