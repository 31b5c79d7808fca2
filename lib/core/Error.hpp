#pragma once

#include <string>

namespace harmony {

// What kind of failure happened; decides the exit code and HTTP status at the boundary.
enum class ErrorKind {
  usage,        // bad command line
  config,       // a configuration value is wrong
  unavailable,  // a dependency (engine, daemon, remote API) cannot be reached
  filesystem,   // a path cannot be created, read or written
  not_found,    // the thing asked for does not exist
  invalid,      // input (remote data, request body) failed validation
  internal,     // a bug or broken invariant
};

// A failure described for the person who has to fix it: `message` names the thing (file and line,
// key, path, container) and what to do. `native_code` keeps errno / library codes for diagnostics.
struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  int native_code = 0;
};

std::string_view to_string(ErrorKind kind) noexcept;

// Maps an error kind to the sysexits code a program exits with.
int exit_code_for(ErrorKind kind) noexcept;

// Thrown only at program boundaries (setup code) to carry an Error up to main().
class ErrorException : public std::exception {
 public:
  explicit ErrorException(Error error) : m_error(std::move(error)) {}
  const Error& error() const noexcept { return m_error; }
  const char* what() const noexcept override { return m_error.message.c_str(); }

 private:
  Error m_error;
};

}  // namespace harmony
