#pragma once

#include <string>
#include <vector>

namespace harmony::testing {

// A systemd test host container (tests/harness/testhost.sh): real systemd as PID 1, journald,
// the host's network and the real Docker engine socket. Started by the constructor, removed by
// the destructor. For the e2e tier only.
class Testhost {
 public:
  explicit Testhost(const std::string& name_prefix);
  ~Testhost();
  Testhost(const Testhost&) = delete;
  Testhost& operator=(const Testhost&) = delete;

  bool started() const noexcept { return m_started; }
  const std::string& name() const noexcept { return m_name; }
  const std::string& start_output() const noexcept { return m_start_output; }

  struct Result {
    int exit_code = -1;
    std::string output;
  };
  // Runs a command inside (docker exec), capturing stdout and stderr together.
  Result exec(const std::vector<std::string>& command) const;
  // Copies a host file into the test host (docker cp) and sets its mode.
  bool copy_in(const std::string& host_path, const std::string& inside_path,
               const std::string& mode) const;
  // Writes `content` to a file inside.
  bool write_file(const std::string& inside_path, const std::string& content) const;

 private:
  std::string m_name;
  std::string m_start_output;
  bool m_started = false;
};

// Runs a host command to completion (for docker and harness scripts), output captured.
Testhost::Result run_command(const std::vector<std::string>& command);

}  // namespace harmony::testing
