#pragma once

#include <cstdio>

#include "config/Settings.hpp"

namespace harmony::harmonyd::cli {

struct SelfCheckOptions {
  bool assert_startup = false;  // exit with the failed check's code instead of 1
  bool json = false;            // print the verbose readiness report as JSON
};

// `harmonyd selfcheck`: the readiness checks without a running daemon and without changing
// anything (no harmony.yml or database is created). Prints one line per failed check with its
// fix (or the JSON report). Exit: 0 all passed; with --assert-startup 78/71/69/70 by the first
// failed check, else 1.
int run_selfcheck(const config::Settings& settings, const SelfCheckOptions& options,
                  std::FILE* out);

}  // namespace harmony::harmonyd::cli
