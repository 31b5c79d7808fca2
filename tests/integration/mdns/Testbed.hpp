#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/Process.hpp"

namespace harmony::testing {

// Two avahi "hosts", A and B, made by tests/harness/mdns-testbed.sh. `shared()` reads the
// testbed the CTest fixture `avahi` started; `make_private()` starts one for this test alone
// (for tests that kill or restart a daemon) and tears it down in the destructor.
class Testbed {
 public:
  // Nothing when the fixture did not run (the reason goes to `why`).
  static std::unique_ptr<Testbed> shared(std::string& why);
  static std::unique_ptr<Testbed> make_private(std::string& why);
  ~Testbed();
  Testbed(const Testbed&) = delete;
  Testbed& operator=(const Testbed&) = delete;

  // A fact from the state file, e.g. get("MDNS_BUS_B").
  std::string get(const std::string& key) const;
  std::string bus(char host) const { return get(std::string("MDNS_BUS_") + host); }

  // Runs `program args...` inside host's namespace with that host's system bus.
  std::unique_ptr<Process> run_on(char host, const std::string& program,
                                  const std::vector<std::string>& args) const;
  // avahi-publish -s NAME _tidalconnect._tcp 2019 [TXT...] on `host`, returned once established.
  std::unique_ptr<Process> publish(char host, const std::string& name,
                                   const std::vector<std::string>& txt = {}) const;
  // mdns-testbed.sh stop-avahi / start-avahi on this testbed; true when the script succeeded.
  bool stop_avahi(char host, const std::string& signal) const;
  bool start_avahi(char host) const;

 private:
  explicit Testbed(std::string state_file, bool owned);
  bool script(const std::vector<std::string>& args) const;

  std::string m_state_file;
  std::map<std::string, std::string> m_facts;
  bool m_owned = false;
};

// Absolute path of a program on PATH ("ip" → "/usr/bin/ip"); empty when missing.
std::string which(const std::string& program);

// The whole output of a finished process, waiting at most `timeout` for it to exit.
struct Finished {
  std::optional<int> exit_code;
  std::string output;
  std::chrono::milliseconds elapsed{};
};
Finished run_to_end(Process& process, std::chrono::milliseconds timeout);

}  // namespace harmony::testing
