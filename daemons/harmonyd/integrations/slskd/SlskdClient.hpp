#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "integrations/slskd/TransferState.hpp"
#include "integrations/slskd/Types.hpp"

namespace harmony::harmonyd::slskd {

// HTTP status slskd uses when another search or enqueue request is in flight. A failure with
// this native_code means "busy, try again after the other call returned", not a quota.
inline constexpr int k_busy = 429;
// native_code of a failure where the request provably never reached slskd (connection refused,
// name not resolved): slskd did nothing, so nothing was started or spent.
inline constexpr int k_not_reached = -1;

// The slskd operations harmonyd needs (peers-and-contracts.md §2), as a port so the download
// engine is tested with a fake. Failures: ErrorKind::unavailable (slskd unreachable, 5xx, busy
// with native_code k_busy, peer offline), ErrorKind::not_found (the search or transfer is gone,
// e.g. after retention), ErrorKind::invalid (an answer that is not JSON, too large, or not the
// documented shape), ErrorKind::config (the API key was refused).
class SlskdClient {
 public:
  virtual ~SlskdClient() = default;

  // "0.26.0", from GET /api/v0/application/version.
  virtual Result<std::string> version() = 0;
  // server.isLoggedIn from GET /api/v0/application: the readiness signal (/health is not).
  virtual Result<bool> logged_in() = 0;

  // POST /api/v0/searches with our own id, so a retried POST cannot start a second search.
  virtual Result<void> start_search(const std::string& id, const std::string& text,
                                    std::chrono::milliseconds search_timeout) = 0;
  virtual Result<SearchStatus> search_status(const std::string& id) = 0;
  // Only meaningful once the search is complete: slskd stores responses at the end.
  virtual Result<std::vector<PeerResponse>> search_responses(const std::string& id) = 0;
  virtual Result<void> delete_search(const std::string& id) = 0;

  // Enqueues one file from one peer and returns its transfer (id, state).
  virtual Result<Transfer> enqueue(const std::string& username, const SearchFile& file) = 0;
  virtual Result<Transfer> transfer(const std::string& username, const std::string& id) = 0;
  // Cancels and hides a transfer (DELETE …?remove=true). A transfer already gone is success.
  virtual Result<void> cancel_transfer(const std::string& username, const std::string& id) = 0;
};

}  // namespace harmony::harmonyd::slskd
