#include "systemd/DbusUnitController.hpp"

#include <sdbus-c++/sdbus-c++.h>

#include <condition_variable>
#include <map>
#include <mutex>

#include <fmt/format.h>

namespace harmony::systemd {
namespace {

constexpr const char* k_service = "org.freedesktop.systemd1";
constexpr const char* k_manager_path = "/org/freedesktop/systemd1";
constexpr const char* k_manager = "org.freedesktop.systemd1.Manager";
constexpr const char* k_unit_interface = "org.freedesktop.systemd1.Unit";
constexpr const char* k_service_interface = "org.freedesktop.systemd1.Service";
constexpr const char* k_properties = "org.freedesktop.DBus.Properties";
// Results of jobs nobody waits for are dropped beyond this many, so the map cannot grow.
constexpr std::size_t k_max_unclaimed_results = 256;

Error bus_error(const sdbus::Error& e, std::string_view call, const std::string& unit) {
  const bool missing = e.getName() == "org.freedesktop.systemd1.NoSuchUnit" ||
                       e.getName() == "org.freedesktop.systemd1.LoadFailed";
  return make_error(missing ? ErrorKind::not_found : ErrorKind::unavailable,
                    fmt::format("systemd {} of unit '{}' failed: {} ({}); check `systemctl status "
                                "{}` and that this program may manage units",
                                call, unit, e.getMessage(), e.getName(), unit));
}

}  // namespace

struct DbusUnitController::Impl {
  std::chrono::milliseconds call_timeout{10'000};
  std::unique_ptr<sdbus::IConnection> connection;
  std::unique_ptr<sdbus::IProxy> manager;
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, std::string> finished;  // job path → result

  void on_job_removed(std::uint32_t /*id*/, const sdbus::ObjectPath& job,
                      const std::string& /*unit*/, const std::string& result) {
    {
      std::lock_guard lock(mutex);
      if (finished.size() >= k_max_unclaimed_results) {
        finished.erase(finished.begin());
      }
      finished[job] = result;
    }
    changed.notify_all();
  }
};

DbusUnitController::DbusUnitController(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

DbusUnitController::~DbusUnitController() {
  if (m_impl && m_impl->connection) {
    m_impl->connection->leaveEventLoop();
  }
}

Result<std::unique_ptr<DbusUnitController>> DbusUnitController::connect(
    std::chrono::milliseconds call_timeout) {
  auto impl = std::make_unique<Impl>();
  impl->call_timeout = call_timeout;
  try {
    impl->connection = sdbus::createSystemBusConnection();
    impl->manager = sdbus::createProxy(*impl->connection, k_service, k_manager_path);
    Impl* raw = impl.get();
    impl->manager->uponSignal("JobRemoved")
        .onInterface(k_manager)
        .call([raw](std::uint32_t id, const sdbus::ObjectPath& job, const std::string& unit,
                    const std::string& result) { raw->on_job_removed(id, job, unit, result); });
    impl->manager->finishRegistration();
    // systemd emits job signals only while at least one client is subscribed.
    impl->manager->callMethod("Subscribe").onInterface(k_manager).withTimeout(call_timeout);
    impl->connection->enterEventLoopAsync();
  } catch (const sdbus::Error& e) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("cannot reach systemd on the system bus: {} ({}); is this a "
                                  "systemd host and is dbus running?",
                                  e.getMessage(), e.getName()));
  }
  return std::unique_ptr<DbusUnitController>(new DbusUnitController(std::move(impl)));
}

Result<std::string> DbusUnitController::active_state(const std::string& unit) {
  auto status = this->status(unit);
  if (!status) {
    return std::move(status).error();
  }
  return status->active_state;
}

Result<UnitStatus> DbusUnitController::status(const std::string& unit) {
  // Properties.GetAll rather than getProperty(): only a method call takes a timeout, and a
  // status query must never hang on a stuck bus.
  using Properties = std::map<std::string, sdbus::Variant>;
  try {
    sdbus::ObjectPath path;
    m_impl->manager->callMethod("LoadUnit")
        .onInterface(k_manager)
        .withArguments(unit)
        .withTimeout(m_impl->call_timeout)
        .storeResultsTo(path);
    auto proxy = sdbus::createProxy(*m_impl->connection, k_service, path);
    auto get_all = [&](const char* interface) {
      Properties properties;
      proxy->callMethod("GetAll")
          .onInterface(k_properties)
          .withArguments(std::string(interface))
          .withTimeout(m_impl->call_timeout)
          .storeResultsTo(properties);
      return properties;
    };
    const Properties properties = get_all(k_unit_interface);
    auto text = [&](const Properties& from, const char* name) {
      const auto found = from.find(name);
      return found == from.end() ? std::string() : found->second.get<std::string>();
    };
    UnitStatus status;
    status.load_state = text(properties, "LoadState");
    status.active_state = text(properties, "ActiveState");
    status.sub_state = text(properties, "SubState");
    if (const auto at = properties.find("StateChangeTimestamp"); at != properties.end()) {
      status.since = std::chrono::system_clock::time_point(
          std::chrono::microseconds(at->second.get<std::uint64_t>()));
    }
    if (status.load_state == "loaded" && unit.ends_with(".service")) {
      const Properties service = get_all(k_service_interface);
      status.status_text = text(service, "StatusText");
      if (const auto n = service.find("NRestarts"); n != service.end()) {
        status.restarts = n->second.get<std::uint32_t>();
      }
    }
    return status;
  } catch (const sdbus::Error& e) {
    return bus_error(e, "status query", unit);
  }
}

Result<void> DbusUnitController::reset_failed(const std::string& unit) {
  try {
    m_impl->manager->callMethod("ResetFailedUnit")
        .onInterface(k_manager)
        .withArguments(unit)
        .withTimeout(m_impl->call_timeout);
    return {};
  } catch (const sdbus::Error& e) {
    return bus_error(e, "ResetFailedUnit", unit);
  }
}

Result<JobOutcome> DbusUnitController::run_job(const char* method, const std::string& unit,
                                               std::chrono::milliseconds timeout) {
  sdbus::ObjectPath job;
  try {
    m_impl->manager->callMethod(method)
        .onInterface(k_manager)
        .withArguments(unit, std::string("replace"))
        .withTimeout(m_impl->call_timeout)
        .storeResultsTo(job);
  } catch (const sdbus::Error& e) {
    return bus_error(e, method, unit);
  }
  std::unique_lock lock(m_impl->mutex);
  const bool removed =
      m_impl->changed.wait_for(lock, timeout, [&] { return m_impl->finished.count(job) != 0; });
  if (!removed) {
    return JobOutcome{"timeout"};
  }
  JobOutcome outcome{m_impl->finished[job]};
  m_impl->finished.erase(job);
  return outcome;
}

Result<JobOutcome> DbusUnitController::stop(const std::string& unit,
                                            std::chrono::milliseconds timeout) {
  return run_job("StopUnit", unit, timeout);
}

Result<JobOutcome> DbusUnitController::start(const std::string& unit,
                                             std::chrono::milliseconds timeout) {
  return run_job("StartUnit", unit, timeout);
}

Result<JobOutcome> DbusUnitController::restart(const std::string& unit,
                                               std::chrono::milliseconds timeout) {
  return run_job("RestartUnit", unit, timeout);
}

}  // namespace harmony::systemd
