#include "StackHost.hpp"

#include <time.h>

#include <fstream>
#include <set>

namespace harmony::testing {
namespace {

std::string chomp(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

// avahi-browse -p escapes a label's bytes as \DDD (decimal) and '.'/'\' as \. and \\.
std::string unescape(const std::string& label) {
  std::string out;
  for (std::size_t i = 0; i < label.size(); ++i) {
    if (label[i] == '\\' && i + 3 < label.size() &&
        std::isdigit(static_cast<unsigned char>(label[i + 1])) != 0) {
      out += static_cast<char>(std::stoi(label.substr(i + 1, 3)));
      i += 3;
    } else if (label[i] == '\\' && i + 1 < label.size()) {
      out += label[++i];
    } else {
      out += label[i];
    }
  }
  return out;
}

// The value of a `KEY=value` line as `printf %q` wrote it (only the escapes our names use).
std::string unquote(const std::string& value) {
  if (value.size() >= 3 && value.rfind("$'", 0) == 0) {
    return value.substr(2, value.size() - 3);
  }
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      ++i;
    }
    out += value[i];
  }
  return out;
}

}  // namespace

long long monotonic_us() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<long long>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

StackHost::StackHost() {
  std::ifstream in(HARMONY_STACK_STATE);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) {
      m_state[line.substr(0, eq)] = unquote(line.substr(eq + 1));
    }
  }
  m_host = fact("STACK_HOST");
  m_name = fact("STACK_NAME");
}

std::string StackHost::fact(const std::string& key) const {
  const auto it = m_state.find(key);
  return it == m_state.end() ? std::string() : it->second;
}

Testhost::Result StackHost::exec(const std::vector<std::string>& command) const {
  std::vector<std::string> full{"/usr/bin/env", "docker", "exec", m_host};
  full.insert(full.end(), command.begin(), command.end());
  return run_command(full);
}

Testhost::Result StackHost::run(const std::vector<std::string>& command) {
  return run_command(command);
}

Testhost::Result StackHost::engine(const std::vector<std::string>& args) const {
  std::vector<std::string> full{"/usr/bin/env", "DOCKER_HOST=" + fact("STACK_DOCKER_HOST"),
                                "docker"};
  full.insert(full.end(), args.begin(), args.end());
  return run_command(full);
}

Testhost::Result StackHost::engine_control(const std::vector<std::string>& args) const {
  std::vector<std::string> full{std::string(HARMONY_SOURCE_DIR) + "/tests/harness/stack-host.sh",
                                "engine", HARMONY_STACK_STATE};
  full.insert(full.end(), args.begin(), args.end());
  return run_command(full);
}

std::string StackHost::show(const std::string& unit, const std::string& property) const {
  return chomp(exec({"systemctl", "show", "-p", property, "--value", unit}).output);
}

std::vector<std::string> StackHost::browse_from_peer() const {
  const auto browsed =
      run_command({std::string(HARMONY_SOURCE_DIR) + "/tests/harness/stack-host.sh", "browse",
                   HARMONY_STACK_STATE});
  std::set<std::string> names;
  std::size_t start = 0;
  const std::string& out = browsed.output;
  while (start < out.size()) {
    auto end = out.find('\n', start);
    if (end == std::string::npos) {
      end = out.size();
    }
    const std::string line = out.substr(start, end - start);
    start = end + 1;
    // "=;IFACE;IPv4;NAME;_tidalconnect._tcp;local;HOST;ADDR;PORT;TXT" (resolved entries)
    if (line.rfind("=;", 0) != 0) {
      continue;
    }
    std::vector<std::string> fields;
    std::size_t from = 0;
    for (std::size_t semi; (semi = line.find(';', from)) != std::string::npos; from = semi + 1) {
      fields.push_back(line.substr(from, semi - from));
    }
    fields.push_back(line.substr(from));
    if (fields.size() > 4) {
      names.insert(unescape(fields[3]));
    }
  }
  return {names.begin(), names.end()};
}

int StackHost::sink_volume_percent() const {
  const auto out = exec({"env", "PULSE_SERVER=unix:/run/pulse-e2e/native", "pactl",
                         "get-sink-volume", "speaker"})
                       .output;
  const auto percent = out.find('%');
  if (percent == std::string::npos) {
    return -1;
  }
  auto begin = percent;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(out[begin - 1])) != 0) {
    --begin;
  }
  return begin == percent ? -1 : std::stoi(out.substr(begin, percent - begin));
}

int StackHost::journal_count(const std::string& unit, const std::string& match,
                             long long since_us) const {
  const auto out = exec({"journalctl", "-u", unit, "--no-pager", "-o", "export",
                         "--output-fields=MESSAGE", match})
                       .output;
  int count = 0;
  const std::string key = "__MONOTONIC_TIMESTAMP=";
  for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + 1)) {
    const auto begin = at + key.size();
    if (std::stoll(out.substr(begin, out.find('\n', begin) - begin)) >= since_us) {
      ++count;
    }
  }
  return count;
}

}  // namespace harmony::testing
