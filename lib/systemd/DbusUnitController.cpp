#include "systemd/DbusUnitController.hpp"

#include <sdbus-c++/sdbus-c++.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

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

// One connection to the bus: the manager's proxy and the thread that processes its signals.
// When the bus goes away (dbus-daemon restarted, connection reset) the thread ends and marks
// the link lost instead of throwing out of the thread (which would abort the program).
struct Link {
  std::unique_ptr<sdbus::IConnection> connection;
  std::unique_ptr<sdbus::IProxy> manager;
  std::thread loop;
  std::atomic<bool> lost{false};

  Link() = default;
  Link(const Link&) = delete;
  Link& operator=(const Link&) = delete;
  ~Link() {
    if (!connection) {
      return;  // connecting failed
    }
    try {
      connection->leaveEventLoop();
    } catch (const sdbus::Error&) {
      // The loop has already ended with the connection.
    }
    if (loop.joinable()) {
      loop.join();
    }
    manager.reset();  // before the connection it uses
  }
};

}  // namespace

struct DbusUnitController::Impl {
  std::chrono::milliseconds call_timeout{10'000};
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, std::string> finished;  // job path → result
  std::mutex link_mutex;
  std::shared_ptr<Link> link;  // declared last: its thread uses the members above

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

  void on_lost(Link& lost) {
    {
      std::lock_guard lock(mutex);
      lost.lost = true;
    }
    changed.notify_all();  // job waits on this link end now instead of at their timeout
  }

  // A new connection, subscribed to the manager's signals. Throws sdbus::Error.
  std::shared_ptr<Link> open() {
    auto fresh = std::make_shared<Link>();
    fresh->connection = sdbus::createSystemBusConnection();
    fresh->manager = sdbus::createProxy(*fresh->connection, k_service, k_manager_path);
    fresh->manager->uponSignal("JobRemoved")
        .onInterface(k_manager)
        .call([this](std::uint32_t id, const sdbus::ObjectPath& job, const std::string& unit,
                     const std::string& result) { on_job_removed(id, job, unit, result); });
    fresh->manager->finishRegistration();
    // systemd emits job signals only while at least one client is subscribed.
    fresh->manager->callMethod("Subscribe").onInterface(k_manager).withTimeout(call_timeout);
    Link* raw = fresh.get();
    fresh->loop = std::thread([this, raw] {
      try {
        raw->connection->enterEventLoop();
      } catch (const sdbus::Error&) {
        on_lost(*raw);
      }
    });
    return fresh;
  }

  // The connection to use: the current one, or a new one once it was lost.
  Result<std::shared_ptr<Link>> current() {
    std::lock_guard lock(link_mutex);
    if (link && !link->lost) {
      return link;
    }
    try {
      link = open();
      return link;
    } catch (const sdbus::Error& e) {
      return make_error(ErrorKind::unavailable,
                        fmt::format("cannot reach systemd on the system bus: {} ({}); is this a "
                                    "systemd host and is dbus running?",
                                    e.getMessage(), e.getName()));
    }
  }
};

DbusUnitController::DbusUnitController(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

DbusUnitController::~DbusUnitController() = default;

Result<std::unique_ptr<DbusUnitController>> DbusUnitController::connect(
    std::chrono::milliseconds call_timeout) {
  auto impl = std::make_unique<Impl>();
  impl->call_timeout = call_timeout;
  if (auto link = impl->current(); !link) {
    return std::move(link).error();
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
  auto link = m_impl->current();
  if (!link) {
    return std::move(link).error();
  }
  try {
    sdbus::ObjectPath path;
    (*link)
        ->manager->callMethod("LoadUnit")
        .onInterface(k_manager)
        .withArguments(unit)
        .withTimeout(m_impl->call_timeout)
        .storeResultsTo(path);
    auto proxy = sdbus::createProxy(*(*link)->connection, k_service, path);
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
  auto link = m_impl->current();
  if (!link) {
    return std::move(link).error();
  }
  try {
    (*link)
        ->manager->callMethod("ResetFailedUnit")
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
  auto current = m_impl->current();
  if (!current) {
    return std::move(current).error();
  }
  const std::shared_ptr<Link> link = std::move(*current);
  sdbus::ObjectPath job;
  try {
    link->manager->callMethod(method)
        .onInterface(k_manager)
        .withArguments(unit, std::string("replace"))
        .withTimeout(m_impl->call_timeout)
        .storeResultsTo(job);
  } catch (const sdbus::Error& e) {
    return bus_error(e, method, unit);
  }
  std::unique_lock lock(m_impl->mutex);
  const bool ended = m_impl->changed.wait_for(
      lock, timeout, [&] { return m_impl->finished.count(job) != 0 || link->lost; });
  if (!ended) {
    return JobOutcome{"timeout"};
  }
  if (m_impl->finished.count(job) == 0) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("the system bus connection was lost while systemd ran {} of "
                                  "unit '{}'; its outcome is unknown (check `systemctl status "
                                  "{}`); the next call reconnects",
                                  method, unit, unit));
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
