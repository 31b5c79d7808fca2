#pragma once

// Private to the slskd stand-in's sources (SlskdStandIn*.cpp): the state every endpoint group
// shares. Tests use SlskdStandIn.hpp only.

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/SlskdStandIn.hpp"
#include "support/Process.hpp"

namespace harmony::fakes {
namespace standin {

using Clock = std::chrono::steady_clock;

struct Search {
  std::string id;
  std::string text;
  Clock::time_point created;
  std::optional<Clock::time_point> started;  // running since
  bool complete = false;
  nlohmann::json responses = nlohmann::json::array();
};

struct Transfer {
  std::string id;
  std::size_t file_index = 0;
  Clock::time_point created;
  std::optional<Clock::time_point> ended;
  bool cancelled = false;
  bool removed = false;
  bool written = false;
  std::string state;
  std::int64_t bytes = 0;
};

}  // namespace standin

// Handlers run on httplib's worker threads: everything below `mutex` is guarded by it.
struct SlskdStandIn::State {
  using Clock = standin::Clock;

  Options options;
  testing::TempDir cache;
  httplib::Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;
  std::vector<PeerFile> files;
  std::vector<std::filesystem::path> file_paths;
  std::vector<std::int64_t> file_sizes;
  std::vector<standin::Search> searches;  // creation order
  std::map<std::string, standin::Transfer> transfers;
  std::vector<SearchPost> posts;
  std::vector<std::string> enqueued;
  int overlaps = 0;
  int max_unfinished = 0;
  int cancelled = 0;
  int transfer_counter = 0;

  std::atomic<bool> search_post_busy{false};
  std::atomic<int> enqueue_in_flight{0};

  bool batches() const { return options.version.rfind("0.2", 0) != 0 || options.version >= "0.26"; }

  int unfinished() const {
    return static_cast<int>(std::count_if(searches.begin(), searches.end(),
                                          [](const standin::Search& s) { return !s.complete; }));
  }

  // 401 unless the request carries the configured X-API-Key.
  bool authorised(const httplib::Request& req, httplib::Response& res) const;

  // Endpoint groups, each registered on `server` by its own source file.
  void add_application_routes();  // SlskdStandIn.cpp
  void add_search_routes();       // SlskdStandInSearches.cpp
  void add_transfer_routes();     // SlskdStandInTransfers.cpp

  // Searches (SlskdStandInSearches.cpp). Callers hold the mutex.
  void advance_searches(Clock::time_point now);
  const standin::Search* find_search(const std::string& id);
  nlohmann::json responses_for(const std::string& text) const;

  // Transfers (SlskdStandInTransfers.cpp). Callers hold the mutex.
  void advance_transfer(standin::Transfer& t, Clock::time_point now);
  void write_download(standin::Transfer& t);
  nlohmann::json transfer_json(const standin::Transfer& t) const;
  // Both enqueue endpoints share this: find the file, check the peer, create the transfer.
  // Takes the mutex itself (after the 2-slot semaphore).
  void enqueue(const std::string& username, const nlohmann::json& requested, httplib::Response& res,
               bool batch);
};

}  // namespace harmony::fakes
