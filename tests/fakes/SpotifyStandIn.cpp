// The Spotify stand-in's lifecycle, controls and counters; the accounts service, the Web API
// and the catalogue are in SpotifyStandInAccounts.cpp, SpotifyStandInApi.cpp and
// SpotifyStandInCatalogue.cpp.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <random>

#include <fmt/format.h>

#include "fakes/SpotifyStandInState.hpp"

namespace harmony::fakes {

void api_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", {{"status", status}, {"message", message}}}}.dump(),
                  "application/json");
}

void accounts_error(httplib::Response& res, int status, const std::string& error,
                    const std::string& description) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", error}, {"error_description", description}}.dump(),
                  "application/json");
}

std::string s256(const std::string& verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  unsigned char encoded[64] = {};
  const int length = EVP_EncodeBlock(encoded, digest, SHA256_DIGEST_LENGTH);
  std::string text(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(length));
  while (!text.empty() && text.back() == '=') {
    text.pop_back();
  }
  for (char& c : text) {
    c = c == '+' ? '-' : (c == '/' ? '_' : c);
  }
  return text;
}

std::string base64_decode(const std::string& text) {
  if (text.size() % 4 != 0 || text.size() > 4096) {
    return {};
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) {
    return {};
  }
  out.resize(static_cast<std::size_t>(length));
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) {
    ++padding;
  }
  out.resize(out.size() - padding);
  return out;
}

std::string SpotifyStandIn::State::mint(std::size_t length) {
  static constexpr std::string_view k_chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::mt19937_64 rng(static_cast<std::uint64_t>(++serial) * 7919U +
                      static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()));
  std::string value;
  for (std::size_t i = 0; i < length; ++i) {
    value.push_back(k_chars[rng() % k_chars.size()]);
  }
  return value;
}

SpotifyStandIn::SpotifyStandIn(Options options) : m_state(std::make_unique<State>()) {
  State& s = *m_state;
  s.options = std::move(options);
  if (s.options.seed_catalogue) {
    s.seed();
  }
  s.add_accounts_routes();
  s.add_api_routes();
  s.port = s.server.bind_to_any_port("127.0.0.1");
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  while (!s.server.is_running()) {
    std::this_thread::yield();
  }
}

SpotifyStandIn::~SpotifyStandIn() {
  m_state->server.stop();
  m_state->thread.join();
}

std::string SpotifyStandIn::accounts_url() const {
  return fmt::format("http://127.0.0.1:{}", m_state->port);
}
std::string SpotifyStandIn::api_url() const {
  return fmt::format("http://127.0.0.1:{}/v1", m_state->port);
}
const SpotifyStandIn::Options& SpotifyStandIn::options() const {
  return m_state->options;
}

void SpotifyStandIn::add_artist(const std::string& id, const std::string& name) {
  const std::lock_guard lock(m_state->mutex);
  m_state->artists[id] = name;
}
void SpotifyStandIn::add_album(Album album) {
  const std::lock_guard lock(m_state->mutex);
  m_state->albums.push_back(std::move(album));
}
void SpotifyStandIn::add_playlist(Playlist playlist) {
  const std::lock_guard lock(m_state->mutex);
  m_state->playlists.push_back(std::move(playlist));
}

void SpotifyStandIn::set_playlist_tracks(const std::string& id,
                                         std::vector<std::string> track_ids) {
  const std::lock_guard lock(m_state->mutex);
  for (Playlist& playlist : m_state->playlists) {
    if (playlist.id == id) {
      playlist.track_ids = std::move(track_ids);
    }
  }
}
void SpotifyStandIn::set_liked(std::vector<std::string> track_ids) {
  const std::lock_guard lock(m_state->mutex);
  m_state->liked = std::move(track_ids);
}

void SpotifyStandIn::set_token_lifetime(std::chrono::seconds lifetime) {
  const std::lock_guard lock(m_state->mutex);
  m_state->options.token_lifetime = lifetime;
}
void SpotifyStandIn::throttle(std::chrono::seconds retry_after) {
  const std::lock_guard lock(m_state->mutex);
  m_state->throttle_next = retry_after;
}
void SpotifyStandIn::fail_next(int count, int status) {
  const std::lock_guard lock(m_state->mutex);
  m_state->failures_left = count;
  m_state->failure_status = status;
}
void SpotifyStandIn::deny_next_authorize() {
  const std::lock_guard lock(m_state->mutex);
  m_state->deny_authorize = true;
}
void SpotifyStandIn::revoke_refresh_tokens() {
  const std::lock_guard lock(m_state->mutex);
  for (auto& [token, info] : m_state->refresh_tokens) {
    info.used = true;
  }
}
void SpotifyStandIn::set_owner_premium(bool premium) {
  const std::lock_guard lock(m_state->mutex);
  m_state->owner_premium = premium;
}
void SpotifyStandIn::set_token_reply_not_json(bool broken) {
  const std::lock_guard lock(m_state->mutex);
  m_state->token_not_json = broken;
}
void SpotifyStandIn::set_api_latency(std::chrono::milliseconds latency) {
  const std::lock_guard lock(m_state->mutex);
  m_state->api_latency = latency;
}

std::vector<SpotifyStandIn::ApiRequest> SpotifyStandIn::api_requests() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->requests;
}
int SpotifyStandIn::api_request_count() const {
  const std::lock_guard lock(m_state->mutex);
  return static_cast<int>(m_state->requests.size());
}
int SpotifyStandIn::token_requests(const std::string& grant_type) const {
  const std::lock_guard lock(m_state->mutex);
  if (!grant_type.empty()) {
    const auto it = m_state->token_grants.find(grant_type);
    return it == m_state->token_grants.end() ? 0 : it->second;
  }
  int total = 0;
  for (const auto& [grant, count] : m_state->token_grants) {
    total += count;
  }
  return total;
}
int SpotifyStandIn::refresh_tokens_issued() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->refresh_issued;
}
std::chrono::steady_clock::time_point SpotifyStandIn::first_throttled_at() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->first_throttled;
}

}  // namespace harmony::fakes
