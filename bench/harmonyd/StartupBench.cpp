// Measures harmonyd's process start → READY=1 time and its idle resident memory.
// Usage: harmonyd_startup_probe HARMONYD [RUNS]; prints one line per figure (median of RUNS).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long value = -1;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      break;
    }
    status.ignore(4096, '\n');
  }
  return value;
}

int free_port() {
  const int sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &length);
  close(sock);
  return ntohs(addr.sin_port);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s HARMONYD [RUNS]\n", argv[0]);
    return 64;
  }
  const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
  const std::string root =
      std::filesystem::temp_directory_path() / ("harmonyd-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(root);
  const std::string socket_path = root + "/notify";
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  socket_path.copy(addr.sun_path, sizeof addr.sun_path - 1);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("bind");
    return 71;
  }
  std::vector<double> ready_ms;
  std::vector<double> rss;
  for (int run = 0; run < runs; ++run) {
    const std::string port = std::to_string(free_port());
    const auto start = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
      setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
      setenv("HARMONY_PROFILE", "container", 1);
      setenv("CONFIG_DIR", (root + "/config").c_str(), 1);
      setenv("DOWNLOADS_DIR", (root + "/downloads").c_str(), 1);
      setenv("MUSIC_DIR", (root + "/music").c_str(), 1);
      setenv("APP_HOST", "127.0.0.1", 1);
      setenv("APP_PORT", port.c_str(), 1);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);
      execl(argv[1], argv[1], static_cast<char*>(nullptr));
      _exit(127);
    }
    bool ready = false;
    char buffer[4096];
    while (!ready && Clock::now() - start < std::chrono::seconds(10)) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        const ssize_t n = recv(fd, buffer, sizeof buffer - 1, 0);
        ready = n > 0 && std::string(buffer, static_cast<std::size_t>(n)).find("READY=1") !=
                             std::string::npos;
      }
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!ready) {
      std::fprintf(stderr, "run %d: no READY=1 within 10 s\n", run);
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      return 1;
    }
    ready_ms.push_back(ms);
    if (run == 0) {
      // Idle: give the first process a second with no traffic, then read its RSS.
      std::this_thread::sleep_for(std::chrono::seconds(1));
      rss.push_back(static_cast<double>(rss_kib(pid)));
    }
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  std::printf("start_to_ready_ms_median %.1f (min %.1f, max %.1f, runs %d)\n", median(ready_ms),
              *std::min_element(ready_ms.begin(), ready_ms.end()),
              *std::max_element(ready_ms.begin(), ready_ms.end()), runs);
  std::printf("idle_rss_kib %.0f\n", rss.front());
  std::filesystem::remove_all(root);
  return 0;
}
