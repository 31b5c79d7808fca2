#include "support/Testhost.hpp"

#include <unistd.h>

#include <chrono>

#include "support/Process.hpp"

namespace harmony::testing {

Testhost::Result run_command(const std::vector<std::string>& command) {
  Process process(command.front(), std::vector<std::string>(command.begin() + 1, command.end()));
  const auto code = process.wait_for_exit(std::chrono::minutes(15));
  return {code.value_or(-1), process.output()};
}

namespace {

std::string harness(const std::string& script) {
  return std::string(HARMONY_SOURCE_DIR) + "/tests/harness/" + script;
}

}  // namespace

Testhost::Testhost(const std::string& name_prefix)
    : m_name(name_prefix + "-" + std::to_string(getpid())) {
  auto started = run_command({harness("testhost.sh"), "start", m_name});
  m_start_output = started.output;
  m_started = started.exit_code == 0;
}

Testhost::~Testhost() {
  run_command({harness("testhost.sh"), "stop", m_name});
}

Testhost::Result Testhost::exec(const std::vector<std::string>& command) const {
  std::vector<std::string> full{"/usr/bin/env", "docker", "exec", m_name};
  full.insert(full.end(), command.begin(), command.end());
  return run_command(full);
}

bool Testhost::copy_in(const std::string& host_path, const std::string& inside_path,
                       const std::string& mode) const {
  if (run_command({"/usr/bin/env", "docker", "cp", host_path, m_name + ":" + inside_path})
          .exit_code != 0) {
    return false;
  }
  return exec({"chmod", mode, inside_path}).exit_code == 0;
}

bool Testhost::write_file(const std::string& inside_path, const std::string& content) const {
  return exec({"sh", "-c", "cat > \"$0\" <<'HARMONY_EOF'\n" + content + "\nHARMONY_EOF",
               inside_path})
             .exit_code == 0;
}

}  // namespace harmony::testing
