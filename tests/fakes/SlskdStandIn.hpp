#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace harmony::fakes {

// A stand-in for slskd (which cannot run here): an HTTP server on 127.0.0.1 that follows the
// REST contract in reference/peers-and-contracts.md §2 closely enough to break a client that
// does not — X-API-Key auth (401), a one-slot search POST (429 while another POST is in
// flight), at most 2 running searches (others "Queued"), responses stored only once a search
// completes, nulls omitted, flag-string states, the batch enqueue endpoint from 0.26 (with its
// ".." rejection and 404 for an offline peer) and the legacy one, transfers that move through
// "Queued, Remotely" → "InProgress" → "Completed, Succeeded|Errored", 404 after retention, and
// completed files written into the downloads folder in slskd's layout
// (<downloads>/<remote parent folder>/<file name>). Every search POST is logged with its timing
// for pacing checks. Time is real (steady clock); durations are options so tests stay short.
class SlskdStandIn {
 public:
  enum class Outcome {
    succeed,      // the file arrives
    error,        // ends "Completed, Errored" after some progress
    stay_queued,  // stays "Queued, Remotely" forever
    stall,        // starts, then never progresses
  };

  // One file a peer shares. `audio` decides the bytes served: "flac", "mp3:<kbps>", or "text"
  // (not audio). The announced size is the real size unless `announced_size` is set.
  struct PeerFile {
    std::string username;
    std::string filename;  // remote, backslash-separated
    std::string audio = "flac";
    double seconds = 2.0;
    std::optional<int> bit_rate{};  // reported in search results; absent = null
    std::optional<int> length_s{};
    bool has_free_upload_slot = true;
    int queue_length = 0;
    Outcome outcome = Outcome::succeed;
    std::optional<std::int64_t> announced_size{};
    bool online = true;
  };

  struct Options {
    std::string api_key = "stand-in-api-key-0123456789";
    std::filesystem::path downloads_dir;
    std::string version = "0.26.0";
    std::chrono::milliseconds search_duration{150};  // how long a running search takes
    std::chrono::milliseconds post_latency{15};      // time a search POST holds the lock
    std::chrono::milliseconds transfer_step{60};     // per transfer phase
    std::optional<std::chrono::milliseconds> transfer_retention{};  // then GET → 404
    int port = 0;  // 0: any free loopback port; else this one (a slskd that starts late)
  };

  struct SearchPost {
    std::chrono::steady_clock::time_point begin;
    std::chrono::steady_clock::time_point end;
    int status = 0;
    int unfinished_after = 0;  // searches not yet complete once this POST was handled
  };

  explicit SlskdStandIn(Options options);
  ~SlskdStandIn();
  SlskdStandIn(const SlskdStandIn&) = delete;
  SlskdStandIn& operator=(const SlskdStandIn&) = delete;

  // Makes the real audio file now (sox/flac/lame); false when the tools are missing.
  bool add(PeerFile file);
  std::string url() const;
  const std::string& api_key() const;

  std::vector<SearchPost> search_posts() const;
  int concurrent_post_overlaps() const;  // POSTs that arrived while another was in flight
  int max_unfinished_searches() const;
  int enqueue_count() const;
  std::vector<std::string> enqueued_usernames() const;
  int cancelled_count() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace harmony::fakes
