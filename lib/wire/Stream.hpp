#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::wire {

class Canceller;

using Deadline = std::chrono::steady_clock::time_point;
inline constexpr Deadline k_no_deadline = Deadline::max();

// A connected byte stream an HTTP exchange runs over: a plain Socket, or TLS on top of one
// (wire/tls). Every wait honours the deadline and, when given, the Canceller; failures are
// ErrorKind::unavailable naming the peer, with ETIMEDOUT or ECANCELED in native_code when the
// deadline passed or the canceller fired.
class Stream {
 public:
  virtual ~Stream() = default;

  virtual Result<void> write_all(std::string_view bytes, Deadline deadline,
                                 const Canceller* canceller) = 0;
  // Reads what is there (at most `size` bytes), waiting for something first; 0 means the peer
  // closed its side.
  virtual Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline,
                                        const Canceller* canceller) = 0;
  virtual const std::string& peer() const noexcept = 0;

 protected:
  Stream() = default;
  Stream(const Stream&) = default;
  Stream& operator=(const Stream&) = default;
  Stream(Stream&&) = default;
  Stream& operator=(Stream&&) = default;
};

// The error a Stream call gives when its canceller fired (native_code ECANCELED).
bool is_cancellation(const Error& error) noexcept;

}  // namespace harmony::wire
