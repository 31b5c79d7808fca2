#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace harmony::testing {

// A child process started by a test, with stdout and stderr captured into one pipe.
// The destructor kills (SIGKILL) and reaps it if it is still running, so no test leaks one.
class Process {
 public:
  // `env` entries are added to (or override) the test's own environment.
  Process(const std::string& program, const std::vector<std::string>& args,
          const std::map<std::string, std::string>& env = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const noexcept { return m_pid; }
  void signal(int signo) const;
  // The exit code (128+signal when killed), or nothing when it did not exit in time.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  // Everything written so far (reads what is available without blocking).
  const std::string& output();
  // Waits until `text` appears in the output.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);

 private:
  void drain(std::chrono::milliseconds wait);

  pid_t m_pid = -1;
  int m_out = -1;
  std::string m_output;
  std::optional<int> m_exit;
};

// The path of a program built by this project, e.g. build_path("daemons/harmonyd/harmonyd").
std::string build_path(const std::string& relative);

// A port on 127.0.0.1 that was free a moment ago (bound to 0 and released).
int free_loopback_port();

// True when something accepts TCP connections on 127.0.0.1:port right now.
bool port_accepts(int port);

// A fresh directory under /tmp (or under `base`, e.g. /dev/shm for another filesystem),
// removed with its contents by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& base = "");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const noexcept { return m_path; }
  std::string file(const std::string& name) const { return m_path + "/" + name; }
  // Writes `content` to `name` inside the directory and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string m_path;
};

}  // namespace harmony::testing
