#pragma once

#include <chrono>
#include <string>

namespace harmony::harmonyd::container {

struct HealthcheckOptions {
  std::string url;  // empty: http://127.0.0.1:APP_PORT/api/health/live from the configuration
  std::chrono::milliseconds timeout{2000};
};

// The image's HEALTHCHECK (so the image needs no curl): one GET of the liveness endpoint.
// 0 when it answers 2xx, 1 otherwise (Docker counts that as a failed check), 78 when the
// configuration cannot be read. Prints one line saying what it probed and what it got.
int run_healthcheck(const HealthcheckOptions& options);

}  // namespace harmony::harmonyd::container
