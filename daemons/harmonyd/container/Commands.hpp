#pragma once

#include <optional>

#include <CLI/CLI.hpp>

#include "container/Entrypoint.hpp"
#include "container/Healthcheck.hpp"
#include "container/Preflight.hpp"

namespace harmony::harmonyd::container {

// The container subcommands of harmonyd (`entrypoint`, `healthcheck`, `preflight`), registered
// on the program's command line so main() only adds two lines. Not copyable: CLI11 holds
// pointers into the option structs.
class Commands {
 public:
  explicit Commands(CLI::App& cli);
  Commands(const Commands&) = delete;
  Commands& operator=(const Commands&) = delete;

  // After parsing: the exit code of the chosen subcommand, or nothing when none was chosen.
  // `entrypoint` returns only when it could not exec the server.
  std::optional<int> run();

 private:
  CLI::App* m_entrypoint = nullptr;
  CLI::App* m_healthcheck = nullptr;
  CLI::App* m_preflight = nullptr;
  EntrypointOptions m_entrypoint_options;
  HealthcheckOptions m_healthcheck_options;
  PreflightOptions m_preflight_options;
  int m_timeout_ms = 2000;
};

}  // namespace harmony::harmonyd::container
