#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "Stack.hpp"

namespace harmony::harmonyctl {

enum class Command { status, fix_name_collision };

struct Options {
  Command command = Command::status;
  Stack stack;
  bool json = false;
  std::chrono::milliseconds timeout{3000};
  std::string name;  // --name: the speaker's FRIENDLY_NAME instead of the env file's
  std::string env_file;
  bool env_file_given = false;
  std::chrono::milliseconds clear_timeout{130'000};
  std::chrono::milliseconds job_timeout{120'000};
};

// Parsing's verdict: run with options, or exit at once (--help, --version, or a usage error
// whose message is in `message`, exit 64).
struct Parsed {
  std::optional<Options> options;
  int exit_code = 0;
  std::string message;
};

Parsed parse_options(const std::vector<std::string>& args);

}  // namespace harmony::harmonyctl
