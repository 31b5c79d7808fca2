#pragma once

#include "metrics/Registry.hpp"

namespace harmony::metrics {

// Registers the standard process_* series (resident and virtual memory, CPU seconds, open and
// maximum file descriptors, start time), read from /proc/self when scraped.
void register_process_metrics(Registry& registry);

}  // namespace harmony::metrics
