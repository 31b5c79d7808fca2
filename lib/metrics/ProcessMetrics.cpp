#include "metrics/ProcessMetrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace harmony::metrics {
namespace {

// Fields of /proc/self/stat after the command name (which may contain spaces and parentheses).
struct Stat {
  double cpu_seconds = 0;
  double start_seconds_after_boot = 0;
  double virtual_bytes = 0;
  double resident_bytes = 0;
};

Stat read_stat() {
  Stat stat;
  std::ifstream file("/proc/self/stat");
  std::string line;
  if (!std::getline(file, line)) {
    return stat;
  }
  const auto close = line.rfind(')');
  if (close == std::string::npos) {
    return stat;
  }
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  // Field 3 (state) is index 0 here; utime=14, stime=15, starttime=22, vsize=23, rss=24.
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  for (int index = 3; fields >> field; ++index) {
    if (index == 14 || index == 15) {
      stat.cpu_seconds += std::stod(field) / ticks;
    } else if (index == 22) {
      stat.start_seconds_after_boot = std::stod(field) / ticks;
    } else if (index == 23) {
      stat.virtual_bytes = std::stod(field);
    } else if (index == 24) {
      stat.resident_bytes = std::stod(field) * page;
      break;
    }
  }
  return stat;
}

double boot_time_seconds() {
  std::ifstream file("/proc/stat");
  std::string key;
  while (file >> key) {
    if (key == "btime") {
      double value = 0;
      file >> value;
      return value;
    }
    file.ignore(1 << 16, '\n');
  }
  return 0;
}

double open_fds() {
  std::error_code ec;
  double count = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++count;
  }
  return count;
}

double max_fds() {
  rlimit limit{};
  return getrlimit(RLIMIT_NOFILE, &limit) == 0 ? static_cast<double>(limit.rlim_cur) : 0;
}

}  // namespace

void register_process_metrics(Registry& registry) {
  registry.gauge_callback("process_resident_memory_bytes", "Resident memory size in bytes.",
                          [] { return read_stat().resident_bytes; });
  registry.gauge_callback("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                          [] { return read_stat().virtual_bytes; });
  registry.counter_callback("process_cpu_seconds_total",
                            "Total user and system CPU time spent in seconds.",
                            [] { return read_stat().cpu_seconds; });
  registry.gauge_callback("process_open_fds", "Number of open file descriptors.", open_fds);
  registry.gauge_callback("process_max_fds", "Maximum number of open file descriptors.", max_fds);
  const double start = boot_time_seconds() + read_stat().start_seconds_after_boot;
  registry.gauge_callback("process_start_time_seconds",
                          "Start time of the process since unix epoch in seconds.",
                          [start] { return start; });
}

}  // namespace harmony::metrics
