// The stand-in's search endpoints: one-slot POST, at most 2 running, responses at completion.
#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fakes/SlskdStandInState.hpp"

namespace harmony::fakes {
namespace {

using nlohmann::json;
using standin::Clock;
using standin::Search;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : lower(text) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word.push_back(c);
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  return out;
}

}  // namespace

// Moves searches along: running ones complete after search_duration, then queued ones start,
// never more than 2 running (slskd's maximumConcurrentSearches).
void SlskdStandIn::State::advance_searches(Clock::time_point now) {
  int running = 0;
  for (auto& search : searches) {
    if (search.started && !search.complete && now >= *search.started + options.search_duration) {
      search.complete = true;
      search.responses = responses_for(search.text);
    }
    if (search.started && !search.complete) {
      ++running;
    }
  }
  for (auto& search : searches) {
    if (!search.started && running < 2) {
      search.started = now;
      ++running;
    }
  }
}

// The search with `id` as it stands now, or null.
const Search* SlskdStandIn::State::find_search(const std::string& id) {
  advance_searches(Clock::now());
  for (const auto& search : searches) {
    if (search.id == id) {
      return &search;
    }
  }
  return nullptr;
}

json SlskdStandIn::State::responses_for(const std::string& text) const {
  const auto wanted = words(text);
  std::map<std::string, json> by_user;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& file = files[i];
    const auto have = words(file.filename);
    const bool match = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
      return w.size() < 2 || std::find(have.begin(), have.end(), w) != have.end();
    });
    if (!match || !file.online) {
      continue;
    }
    auto& peer = by_user[file.username];
    if (peer.is_null()) {
      peer = {{"username", file.username},
              {"token", 1},
              {"hasFreeUploadSlot", file.has_free_upload_slot},
              {"queueLength", file.queue_length},
              {"uploadSpeed", 1000000},
              {"fileCount", 0},
              {"lockedFileCount", 0},
              {"files", json::array()},
              {"lockedFiles", json::array()}};
    }
    const auto dot = file.filename.rfind('.');
    json entry{{"filename", file.filename},
               {"size", file.announced_size.value_or(file_sizes[i])},
               {"extension", dot == std::string::npos ? "" : file.filename.substr(dot + 1)},
               {"code", 1},
               {"isLocked", false}};
    if (file.bit_rate) {  // nulls are omitted, as slskd does
      entry["bitRate"] = *file.bit_rate;
    }
    if (file.length_s) {
      entry["length"] = *file.length_s;
    }
    peer["files"].push_back(entry);
    peer["fileCount"] = peer["files"].size();
  }
  json out = json::array();
  for (auto& [user, peer] : by_user) {
    out.push_back(peer);
  }
  return out;
}

void SlskdStandIn::State::add_search_routes() {
  State& s = *this;
  server.Post("/api/v0/searches", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.authorised(req, res)) {
      return;
    }
    SearchPost post;
    post.begin = Clock::now();
    // SemaphoreSlim(1,1).Wait(0): a second POST while one is in flight gets 429 at once.
    if (s.search_post_busy.exchange(true)) {
      const std::lock_guard lock(s.mutex);
      ++s.overlaps;
      post.end = Clock::now();
      post.status = 429;
      s.posts.push_back(post);
      res.status = 429;
      res.set_content(
          "Only one concurrent operation is permitted. Wait until the previous operation is "
          "complete and try again.",
          "text/plain");
      return;
    }
    std::this_thread::sleep_for(s.options.post_latency);  // the work slskd does in the POST
    const json body = json::parse(req.body, nullptr, false);
    {
      const std::lock_guard lock(s.mutex);
      const std::string text = body.is_object() ? body.value("searchText", "") : "";
      const std::string id = body.is_object() ? body.value("id", "") : "";
      const bool duplicate = std::any_of(s.searches.begin(), s.searches.end(),
                                         [&](const Search& x) { return x.id == id; });
      if (text.find_first_not_of(' ') == std::string::npos || duplicate) {
        res.status = 400;
        post.status = 400;
      } else {
        const auto now = Clock::now();
        s.searches.push_back(Search{id.empty() ? fmt::format("auto-{}", s.searches.size()) : id,
                                    text,
                                    now,
                                    {},
                                    false,
                                    json::array()});
        s.advance_searches(now);
        const auto& search = s.searches.back();
        res.set_content(json{{"id", search.id},
                             {"searchText", text},
                             {"state", search.started ? "InProgress" : "Queued"},
                             {"isComplete", false},
                             {"responseCount", 0},
                             {"fileCount", 0}}
                            .dump(),
                        "application/json");
        post.status = 200;
      }
      post.unfinished_after = s.unfinished();
      s.max_unfinished = std::max(s.max_unfinished, post.unfinished_after);
      post.end = Clock::now();
      s.posts.push_back(post);
    }
    s.search_post_busy = false;
  });

  // A GET of one search: 401 without the key, 404 for an unknown id, else `answer` under the
  // mutex with the search as it stands now.
  const auto search_reader = [&s](auto answer) {
    return [&s, answer](const httplib::Request& req, httplib::Response& res) {
      if (!s.authorised(req, res)) {
        return;
      }
      const std::lock_guard lock(s.mutex);
      const Search* search = s.find_search(req.matches[1]);
      if (search == nullptr) {
        res.status = 404;
        return;
      }
      answer(*search, res);
    };
  };

  server.Get(R"(/api/v0/searches/([^/]+))",
             search_reader([](const Search& search, httplib::Response& res) {
               const std::string state = search.complete
                                             ? "Completed, TimedOut"
                                             : (search.started ? "InProgress" : "Queued");
               // Counters only while running; responses themselves appear at completion.
               res.set_content(json{{"id", search.id},
                                    {"searchText", search.text},
                                    {"state", state},
                                    {"isComplete", search.complete},
                                    {"responseCount", search.responses.size()},
                                    {"fileCount", 0},
                                    {"lockedFileCount", 0}}
                                   .dump(),
                               "application/json");
             }));

  server.Get(R"(/api/v0/searches/([^/]+)/responses)",
             search_reader([](const Search& search, httplib::Response& res) {
               res.set_content(search.complete ? search.responses.dump() : "[]",
                               "application/json");
             }));

  server.Delete(
      R"(/api/v0/searches/([^/]+))", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!s.authorised(req, res)) {
          return;
        }
        const std::lock_guard lock(s.mutex);
        const auto before = s.searches.size();
        s.searches.erase(std::remove_if(s.searches.begin(), s.searches.end(),
                                        [&](const Search& x) { return x.id == req.matches[1]; }),
                         s.searches.end());
        res.status = s.searches.size() < before ? 204 : 404;
      });
}

}  // namespace harmony::fakes
