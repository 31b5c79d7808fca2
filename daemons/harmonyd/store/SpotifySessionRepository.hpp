#pragma once

#include "integrations/spotify/SessionStore.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// spotify::SessionStore over the oauth_transactions and spotify_session tables. Writes go
// through the store's single writer (each call one transaction); reads use the read connection.
class SpotifySessionRepository final : public spotify::SessionStore {
 public:
  explicit SpotifySessionRepository(Store& store) : m_store(store) {}

  Result<void> add_transaction(const spotify::OAuthTransaction& transaction,
                               std::size_t max_pending) override;
  Result<std::optional<spotify::OAuthTransaction>> find_transaction(
      const std::string& state) override;
  Result<bool> claim_transaction(const std::string& state) override;
  Result<void> finish_transaction(const std::string& state, std::string_view status,
                                  std::string_view error_code, const std::string& message,
                                  std::int64_t at_ms) override;
  Result<std::optional<spotify::StoredSession>> load_session() override;
  Result<void> save_session(const spotify::StoredSession& session) override;
  Result<void> clear_session(const std::string& reason) override;
  Result<std::string> last_reason() override;

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
