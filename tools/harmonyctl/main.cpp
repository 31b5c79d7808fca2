#include <cstdio>

#include "Commands.hpp"
#include "log/GuardedMain.hpp"

namespace harmony::harmonyctl {
namespace {

int run(int argc, char** argv) {
  auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  return parsed.options->command == Command::status ? run_status(*parsed.options)
                                                    : run_fix_name_collision(*parsed.options);
}

}  // namespace
}  // namespace harmony::harmonyctl

int main(int argc, char** argv) noexcept {
  return harmony::log::guarded_main(harmony::harmonyctl::run, argc, argv);
}
