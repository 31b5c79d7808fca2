#include "core/Error.hpp"

#include "core/ExitCode.hpp"

namespace harmony {

std::string_view to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage:
      return "usage";
    case ErrorKind::config:
      return "config";
    case ErrorKind::unavailable:
      return "unavailable";
    case ErrorKind::filesystem:
      return "filesystem";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::invalid:
      return "invalid";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

int exit_code_for(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage:
      return exit_code::k_usage;
    case ErrorKind::config:
      return exit_code::k_config;
    case ErrorKind::unavailable:
      return exit_code::k_unavailable;
    case ErrorKind::filesystem:
      return exit_code::k_filesystem;
    case ErrorKind::not_found:
    case ErrorKind::invalid:
      return exit_code::k_failure;
    case ErrorKind::internal:
      return exit_code::k_internal;
  }
  return exit_code::k_internal;
}

}  // namespace harmony
