#include "fakes/SystemdManagerStandIn.hpp"

#include <sdbus-c++/sdbus-c++.h>

#include <atomic>
#include <cstdint>

namespace harmony::testing {
namespace {

constexpr const char* k_name = "org.freedesktop.systemd1";
constexpr const char* k_path = "/org/freedesktop/systemd1";
constexpr const char* k_manager = "org.freedesktop.systemd1.Manager";

}  // namespace

struct SystemdManagerStandIn::Impl {
  std::set<std::string> never_finishing;
  std::atomic<int> jobs{0};
  std::unique_ptr<sdbus::IConnection> connection;
  std::unique_ptr<sdbus::IObject> manager;

  sdbus::ObjectPath queue(const std::string& unit) {
    const std::uint32_t id = static_cast<std::uint32_t>(++jobs);
    sdbus::ObjectPath job(std::string(k_path) + "/job/" + std::to_string(id));
    if (never_finishing.count(unit) == 0) {
      // systemd may announce the end of a short job before its caller reads the reply.
      manager->emitSignal("JobRemoved")
          .onInterface(k_manager)
          .withArguments(id, job, unit, std::string("done"));
    }
    return job;
  }
};

SystemdManagerStandIn::SystemdManagerStandIn(const std::string& bus_address,
                                             std::set<std::string> never_finishing)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->never_finishing = std::move(never_finishing);
  m_impl->connection = sdbus::createSessionBusConnectionWithAddress(bus_address);
  m_impl->connection->requestName(k_name);
  m_impl->manager = sdbus::createObject(*m_impl->connection, k_path);
  Impl* impl = m_impl.get();
  m_impl->manager->registerMethod("Subscribe").onInterface(k_manager).implementedAs([] {});
  for (const char* method : {"StartUnit", "StopUnit", "RestartUnit"}) {
    m_impl->manager->registerMethod(method).onInterface(k_manager).implementedAs(
        [impl](const std::string& unit, const std::string& /*mode*/) { return impl->queue(unit); });
  }
  m_impl->manager->registerSignal("JobRemoved")
      .onInterface(k_manager)
      .withParameters<std::uint32_t, sdbus::ObjectPath, std::string, std::string>();
  m_impl->manager->finishRegistration();
  m_impl->connection->enterEventLoopAsync();
}

SystemdManagerStandIn::~SystemdManagerStandIn() {
  m_impl->connection->leaveEventLoop();
  m_impl->manager.reset();
}

int SystemdManagerStandIn::jobs() const {
  return m_impl->jobs;
}

}  // namespace harmony::testing
