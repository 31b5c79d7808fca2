#include "log/GuardedMain.hpp"

#include <exception>

#include <fmt/format.h>

#include "core/Error.hpp"
#include "core/ExitCode.hpp"
#include "log/Log.hpp"

namespace harmony::log {

int guarded_main(RunFunction run, int argc, char** argv) noexcept {
  try {
    return run(argc, argv);
  } catch (const ErrorException& e) {
    error(e.error().message);
    return exit_code_for(e.error().kind);
  } catch (const std::exception& e) {
    critical(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    critical("internal error: unknown exception");
  }
  return exit_code::k_internal;
}

}  // namespace harmony::log
