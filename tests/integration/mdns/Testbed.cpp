#include "Testbed.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace harmony::testing {
namespace {

std::map<std::string, std::string> read_facts(const std::string& path) {
  std::map<std::string, std::string> facts;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto equals = line.find('=');
    if (equals != std::string::npos) {
      facts[line.substr(0, equals)] = line.substr(equals + 1);
    }
  }
  return facts;
}

}  // namespace

std::string which(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/sbin:/usr/bin:/sbin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::string candidate = dir + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

Finished run_to_end(Process& process, std::chrono::milliseconds timeout) {
  const auto start = std::chrono::steady_clock::now();
  Finished finished;
  finished.exit_code = process.wait_for_exit(timeout);
  finished.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  finished.output = process.output();
  return finished;
}

Testbed::Testbed(std::string state_file, bool owned)
    : m_state_file(std::move(state_file)), m_facts(read_facts(m_state_file)), m_owned(owned) {}

Testbed::~Testbed() {
  if (m_owned) {
    script({"down", m_state_file});
  }
}

std::unique_ptr<Testbed> Testbed::shared(std::string& why) {
  std::unique_ptr<Testbed> testbed(new Testbed(HARMONY_MDNS_STATE, false));
  if (testbed->get("MDNS_NS_B").empty()) {
    why = std::string("no mDNS testbed state in ") + HARMONY_MDNS_STATE +
          " (run through ctest, whose fixture 'avahi' starts it, or run "
          "tests/harness/mdns-testbed.sh up " +
          HARMONY_MDNS_STATE + ")";
    return nullptr;
  }
  return testbed;
}

std::unique_ptr<Testbed> Testbed::make_private(std::string& why) {
  if (geteuid() != 0 || which("avahi-daemon").empty() || which("ip").empty()) {
    why = "a private mDNS testbed needs root, avahi-daemon and ip (scripts/deps.sh test)";
    return nullptr;
  }
  const std::string state =
      "/tmp/harmony-mdns-private." + std::to_string(getpid()) + "." +
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".env";
  std::unique_ptr<Testbed> testbed(new Testbed(state, true));
  if (!testbed->script({"up", state})) {
    why = "tests/harness/mdns-testbed.sh up failed (see the output above)";
    return nullptr;
  }
  testbed->m_facts = read_facts(state);
  return testbed;
}

std::string Testbed::get(const std::string& key) const {
  const auto found = m_facts.find(key);
  return found == m_facts.end() ? std::string() : found->second;
}

bool Testbed::script(const std::vector<std::string>& args) const {
  Process process(HARMONY_MDNS_TESTBED, args);
  const auto done = run_to_end(process, std::chrono::seconds(60));
  if (done.exit_code != 0) {
    std::fprintf(stderr, "mdns-testbed.sh failed:\n%s\n", done.output.c_str());
  }
  if (!args.empty() && args[0] != "down") {
    const_cast<Testbed*>(this)->m_facts = read_facts(m_state_file);
  }
  return done.exit_code == 0;
}

std::unique_ptr<Process> Testbed::run_on(char host, const std::string& program,
                                         const std::vector<std::string>& args) const {
  std::vector<std::string> full{"netns",
                                "exec",
                                get(std::string("MDNS_NS_") + host),
                                "env",
                                "DBUS_SYSTEM_BUS_ADDRESS=" + bus(host),
                                program};
  full.insert(full.end(), args.begin(), args.end());
  return std::make_unique<Process>(which("ip"), full);
}

std::unique_ptr<Process> Testbed::publish(char host, const std::string& name,
                                          const std::vector<std::string>& txt) const {
  std::vector<std::string> args{"-s", name, "_tidalconnect._tcp", "2019"};
  args.insert(args.end(), txt.begin(), txt.end());
  auto process = run_on(host, which("avahi-publish"), args);
  if (!process->wait_for_output("Established", std::chrono::seconds(10))) {
    return nullptr;
  }
  return process;
}

bool Testbed::stop_avahi(char host, const std::string& signal) const {
  return script({"stop-avahi", m_state_file, std::string(1, host), signal});
}

bool Testbed::start_avahi(char host) const {
  return script({"start-avahi", m_state_file, std::string(1, host)});
}

}  // namespace harmony::testing
