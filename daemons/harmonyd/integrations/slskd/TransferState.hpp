#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace harmony::harmonyd::slskd {

// slskd's TransferStates flag enum, serialised as comma-joined names ("Completed, Errored").
// Parsed as a set of flags, never by string equality (peers-and-contracts.md §2.3).
class TransferState {
 public:
  enum Flag : std::uint32_t {
    k_requested = 1,
    k_queued = 2,
    k_initializing = 4,
    k_in_progress = 8,
    k_completed = 16,
    k_succeeded = 32,
    k_cancelled = 64,
    k_timed_out = 128,
    k_errored = 256,
    k_rejected = 512,
    k_aborted = 1024,
    k_locally = 2048,
    k_remotely = 4096,
  };

  TransferState() = default;
  // Unknown names are ignored (kept in text()); an empty string is "None".
  static TransferState parse(std::string_view text);

  bool has(Flag flag) const noexcept { return (m_flags & flag) != 0; }
  std::uint32_t flags() const noexcept { return m_flags; }
  const std::string& text() const noexcept { return m_text; }

  bool succeeded() const noexcept { return has(k_completed) && has(k_succeeded); }
  // Completed without success: Errored, TimedOut, Rejected, Cancelled, Aborted, or a bare
  // "Completed" (a malfunction slskd can report).
  bool failed() const noexcept { return has(k_completed) && !has(k_succeeded); }
  bool queued() const noexcept { return !has(k_completed) && (has(k_requested) || has(k_queued)); }
  bool in_progress() const noexcept {
    return !has(k_completed) && (has(k_initializing) || has(k_in_progress));
  }

 private:
  std::uint32_t m_flags = 0;
  std::string m_text;
};

// One download as slskd reports it.
struct Transfer {
  std::string id;  // GUID
  std::string username;
  std::string filename;
  std::int64_t size = 0;
  TransferState state;
  std::int64_t bytes_transferred = 0;
  double percent_complete = 0;
  std::string exception;  // slskd's reason for a failure, if any
};

}  // namespace harmony::harmonyd::slskd
