#pragma once

// Process exit codes from sysexits(3); the only codes our programs return besides 0 and 1.
namespace harmony::exit_code {

inline constexpr int k_ok = 0;
inline constexpr int k_failure = 1;       // the awaited condition was not reached
inline constexpr int k_usage = 64;        // EX_USAGE: bad command line
inline constexpr int k_unavailable = 69;  // EX_UNAVAILABLE: a dependency cannot be reached
inline constexpr int k_internal = 70;     // EX_SOFTWARE: a bug or broken invariant
inline constexpr int k_filesystem = 71;   // EX_OSERR: a path cannot be created, read or written
inline constexpr int k_config = 78;       // EX_CONFIG: a configuration value is wrong

}  // namespace harmony::exit_code
