#pragma once

#include <cstdio>

#include "Options.hpp"
#include "containers/ContainerRuntime.hpp"
#include "systemd/Notifier.hpp"

namespace harmony::wait_for_container {

// Waits as `options` say, prints the outcome (reached → `out`, anything else → `err`) and returns
// the exit code: 0 reached, 1 timed out, 64 bad pattern, 69 engine unreachable, 70 other errors.
int wait_and_report(const Options& options, containers::ContainerRuntime& runtime,
                    systemd::Notifier& notifier, std::FILE* out, std::FILE* err);

}  // namespace harmony::wait_for_container
