#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "integrations/slskd/SlskdClient.hpp"

namespace harmony::fakes {

// An in-memory SlskdClient for engine unit tests. Every search returns `responses` after
// `polls_to_complete` status reads; each peer's transfers walk through the states scripted in
// `transfer_states[username]` (one per read, the last repeats). Thread-safe; records calls.
class FakeSlskdClient final : public harmonyd::slskd::SlskdClient {
 public:
  using SearchFile = harmonyd::slskd::SearchFile;
  using Transfer = harmonyd::slskd::Transfer;

  std::vector<harmonyd::slskd::PeerResponse> responses;
  int polls_to_complete = 1;
  std::map<std::string, std::vector<std::string>> transfer_states;
  std::set<std::string> offline_peers;
  int busy_posts = 0;  // this many search POSTs answer 429 first
  bool reachable = true;
  // Called as each request starts (with its name: "start_search", "transfer", ...), outside the
  // fake's lock: a test holds a call here, as a slow slskd would.
  std::function<void(std::string_view)> on_call;

  Result<std::string> version() override { return std::string("0.26.0"); }
  Result<bool> logged_in() override { return reachable; }

  Result<void> start_search(const std::string& id, const std::string& text,
                            std::chrono::milliseconds) override {
    called("start_search");
    const std::lock_guard lock(m_mutex);
    if (!reachable) {
      // Connection refused, as while slskd is still starting: the POST never reached it.
      return make_error(ErrorKind::unavailable, "slskd unreachable",
                        harmonyd::slskd::k_not_reached);
    }
    if (busy_posts > 0) {
      --busy_posts;
      return make_error(ErrorKind::unavailable, "busy", harmonyd::slskd::k_busy);
    }
    m_searches[id] = 0;
    search_texts.push_back(text);
    ++m_unfinished;
    max_unfinished = std::max(max_unfinished, m_unfinished);
    return {};
  }
  Result<harmonyd::slskd::SearchStatus> search_status(const std::string& id) override {
    called("search_status");
    const std::lock_guard lock(m_mutex);
    const auto it = m_searches.find(id);
    if (it == m_searches.end()) {
      return make_error(ErrorKind::not_found, "no search " + id);
    }
    ++it->second;
    harmonyd::slskd::SearchStatus status;
    status.id = id;
    status.is_complete = it->second >= polls_to_complete;
    status.state = status.is_complete ? "Completed, TimedOut" : "InProgress";
    return status;
  }
  Result<std::vector<harmonyd::slskd::PeerResponse>> search_responses(
      const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    if (!m_searches.contains(id)) {
      return make_error(ErrorKind::not_found, "no search " + id);
    }
    return responses;
  }
  Result<void> delete_search(const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    if (m_searches.erase(id) > 0) {
      --m_unfinished;
    }
    ++deleted_searches;
    return {};
  }
  Result<Transfer> enqueue(const std::string& username, const SearchFile& file) override {
    called("enqueue");
    const std::lock_guard lock(m_mutex);
    if (offline_peers.contains(username)) {
      return make_error(ErrorKind::not_found, "peer offline");
    }
    enqueued.push_back(username);
    Transfer transfer;
    transfer.id = "t" + std::to_string(enqueued.size());
    transfer.username = username;
    transfer.filename = file.filename;
    transfer.size = file.size;
    transfer.state = harmonyd::slskd::TransferState::parse("Requested");
    m_transfers[transfer.id] = {username, 0};
    return transfer;
  }
  Result<Transfer> transfer(const std::string& username, const std::string& id) override {
    called("transfer");
    const std::lock_guard lock(m_mutex);
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end() || it->second.first != username) {
      return make_error(ErrorKind::not_found, "no transfer " + id);
    }
    const auto& states = transfer_states[username];
    const std::size_t index = std::min(it->second.second, states.empty() ? 0 : states.size() - 1);
    ++it->second.second;
    Transfer transfer;
    transfer.id = id;
    transfer.username = username;
    transfer.state = harmonyd::slskd::TransferState::parse(states.empty() ? "Completed, Succeeded"
                                                                          : states[index]);
    transfer.bytes_transferred = static_cast<std::int64_t>(index) * 1000;
    return transfer;
  }
  Result<void> cancel_transfer(const std::string& username, const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    cancelled.push_back(username + "/" + id);
    return {};
  }

  std::vector<std::string> search_texts;
  std::vector<std::string> enqueued;
  std::vector<std::string> cancelled;
  int deleted_searches = 0;
  int max_unfinished = 0;

 private:
  void called(std::string_view name) {
    if (on_call) {
      on_call(name);
    }
  }
  std::mutex m_mutex;
  std::map<std::string, int> m_searches;
  std::map<std::string, std::pair<std::string, std::size_t>> m_transfers;
  int m_unfinished = 0;
};

}  // namespace harmony::fakes
