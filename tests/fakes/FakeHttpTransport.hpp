#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "integrations/slskd/HttpTransport.hpp"

namespace harmony::fakes {

// Scripted HTTP answers keyed by "METHOD url-path" (no base URL, query kept); records every
// call. A key with several queued replies answers them in order and repeats the last one.
// An unscripted call answers 404. Thread-safe.
class FakeHttpTransport final : public harmonyd::slskd::HttpTransport {
 public:
  explicit FakeHttpTransport(std::string base_url) : m_base(std::move(base_url)) {}

  void script(const std::string& key, int status, std::string body, bool truncated = false) {
    const std::lock_guard lock(m_mutex);
    m_replies[key].push_back({status, std::move(body), truncated});
  }
  // A reply with headers (Retry-After, …).
  void script_reply(const std::string& key, harmonyd::slskd::HttpReply reply) {
    const std::lock_guard lock(m_mutex);
    m_replies[key].push_back(std::move(reply));
  }
  void fail_transport(const std::string& key) {
    const std::lock_guard lock(m_mutex);
    m_unreachable.push_back(key);
  }

  Result<harmonyd::slskd::HttpReply> send(const harmonyd::slskd::HttpCall& call) override {
    const std::lock_guard lock(m_mutex);
    m_calls.push_back(call);
    const std::string key = call.method + " " + call.url.substr(m_base.size());
    for (const auto& dead : m_unreachable) {
      if (dead == key) {
        return make_error(ErrorKind::unavailable, "connection refused: " + call.url);
      }
    }
    auto it = m_replies.find(key);
    if (it == m_replies.end() || it->second.empty()) {
      return harmonyd::slskd::HttpReply{404, "", false};
    }
    auto reply = it->second.front();
    if (it->second.size() > 1) {
      it->second.pop_front();
    }
    return reply;
  }

  std::vector<harmonyd::slskd::HttpCall> calls() const {
    const std::lock_guard lock(m_mutex);
    return m_calls;
  }

 private:
  std::string m_base;
  mutable std::mutex m_mutex;
  std::map<std::string, std::deque<harmonyd::slskd::HttpReply>> m_replies;
  std::vector<std::string> m_unreachable;
  std::vector<harmonyd::slskd::HttpCall> m_calls;
};

}  // namespace harmony::fakes
