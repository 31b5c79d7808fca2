#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "PulseServer.hpp"
#include "SpeakerController.hpp"
#include "SpeakerScreen.hpp"
#include "support/Process.hpp"

namespace harmony::testing {

// Runs tests/fixtures/volume-bridge/controller.sh in a private tmux server on this host and
// implements the SpeakerScreen port with the tmux CLI, so the bridge can be tested against a
// real terminal without Docker. (The production adapter runs the same tmux commands through
// the Docker exec API.) Kills its tmux server in the destructor.
class LocalTmuxScreen final : public bridge::SpeakerScreen {
 public:
  explicit LocalTmuxScreen(const std::string& env = "")
      : m_socket(m_dir.file("tmux.sock")), m_keys(m_dir.file("keys.log")) {
    // `env` holds shell assignments (quoted as needed); a script keeps them out of tmux's quoting.
    const std::string script = m_dir.write(
        "run.sh", "export CONTROLLER_KEY_LOG=" + m_keys + " " + env + "\nexec " +
                      HARMONY_SOURCE_DIR + "/tests/fixtures/volume-bridge/controller.sh\n");
    shell_output(tmux() + " new-session -d -x 80 -y 24 -s " + k_controller_session + " 'bash " +
                 script + "'");
  }
  ~LocalTmuxScreen() override { shell_output(tmux() + " kill-server 2>/dev/null"); }

  Result<std::string> capture() override {
    ++m_captures;
    std::string text =
        shell_output(tmux() + " capture-pane -p -t " + k_controller_session + " 2>/dev/null");
    if (text.empty()) {
      return make_error(ErrorKind::unavailable, "tmux session is gone");
    }
    return text;
  }
  Result<void> send_key(std::string_view key) override {
    shell_output(tmux() + " send-keys -t " + k_controller_session + " '" + std::string(key) + "'");
    return {};
  }
  bool wait_for_restart(std::chrono::milliseconds timeout, std::stop_token) override {
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(100)));
    return false;
  }
  int captures() const noexcept { return m_captures.load(); }
  std::string keys_received() const { return shell_output("cat " + m_keys + " 2>/dev/null"); }

 private:
  std::string tmux() const { return "tmux -S " + m_socket; }

  TempDir m_dir;
  std::string m_socket;
  std::string m_keys;
  std::atomic<int> m_captures{0};
};

}  // namespace harmony::testing
