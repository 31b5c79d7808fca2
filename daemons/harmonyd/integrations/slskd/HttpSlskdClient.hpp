#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "integrations/slskd/HttpTransport.hpp"
#include "integrations/slskd/SlskdClient.hpp"
#include "log/Redact.hpp"

namespace harmony::harmonyd::slskd {

struct SlskdOptions {
  std::string base_url;  // SLSKD_URL, e.g. "http://127.0.0.1:5030" (no trailing slash needed)
  log::Secret api_key;   // SLSKD_API_KEY; sent as X-API-Key, never logged
  std::chrono::milliseconds request_timeout{10'000};
  std::size_t max_body_bytes = std::size_t{8} << 20;  // larger answers are an error
};

// SlskdClient over slskd's REST API v0 (peers-and-contracts.md §2). Thread-safe: search POSTs
// and enqueue POSTs are each serialised by a mutex, because slskd answers 429 to a second one
// in flight. The version is read once, lazily, and chooses the enqueue endpoint: the batch
// endpoint from 0.26.0, else the legacy POST /transfers/downloads/{username}.
class HttpSlskdClient final : public SlskdClient {
 public:
  HttpSlskdClient(SlskdOptions options, HttpTransport& transport);

  Result<std::string> version() override;
  Result<bool> logged_in() override;
  Result<void> start_search(const std::string& id, const std::string& text,
                            std::chrono::milliseconds search_timeout) override;
  Result<SearchStatus> search_status(const std::string& id) override;
  Result<std::vector<PeerResponse>> search_responses(const std::string& id) override;
  Result<void> delete_search(const std::string& id) override;
  Result<Transfer> enqueue(const std::string& username, const SearchFile& file) override;
  Result<Transfer> transfer(const std::string& username, const std::string& id) override;
  Result<void> cancel_transfer(const std::string& username, const std::string& id) override;

 private:
  struct Reply;
  Result<Reply> call(const std::string& method, const std::string& path, std::string body = {});
  Result<bool> supports_batches();

  SlskdOptions m_options;
  HttpTransport& m_transport;
  std::mutex m_search_post;
  std::mutex m_enqueue_post;
  std::mutex m_version_lock;
  std::optional<std::string> m_version;
};

// Parses "0.26.0", "0.26.0.0-dev", "v0.25.1+abc" into comparable numbers; unknown → 0.0.0.
bool version_at_least(std::string_view version, int major, int minor, int patch);

}  // namespace harmony::harmonyd::slskd
