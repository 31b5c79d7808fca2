#include "fakes/SlskdStandIn.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fakes/AudioFiles.hpp"
#include "support/Process.hpp"

namespace harmony::fakes {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Search {
  std::string id;
  std::string text;
  Clock::time_point created;
  std::optional<Clock::time_point> started;  // running since
  bool complete = false;
  json responses = json::array();
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

// slskd names the local folder after the remote parent folder; the stand-in never writes
// outside its downloads folder even for hostile names.
std::string local_segment(std::string segment) {
  if (segment.empty() || segment == "." || segment == "..") {
    return "_";
  }
  std::replace(segment.begin(), segment.end(), '/', '_');
  return segment;
}

}  // namespace

struct SlskdStandIn::State {
  Options options;
  testing::TempDir cache;
  httplib::Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;
  std::vector<PeerFile> files;
  std::vector<fs::path> file_paths;
  std::vector<std::int64_t> file_sizes;
  std::vector<Search> searches;  // creation order
  std::map<std::string, Transfer> transfers;
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
                                          [](const Search& s) { return !s.complete; }));
  }

  // Moves searches along: running ones complete after search_duration, then queued ones start,
  // never more than 2 running (slskd's maximumConcurrentSearches).
  void advance_searches(Clock::time_point now) {
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

  // The search with `id` as it stands now, or null. Callers hold the mutex.
  const Search* find_search(const std::string& id) {
    advance_searches(Clock::now());
    for (const auto& search : searches) {
      if (search.id == id) {
        return &search;
      }
    }
    return nullptr;
  }

  json responses_for(const std::string& text) const {
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

  // The transfer's state at `now`; writes the file into the downloads folder on success.
  void advance_transfer(Transfer& t, Clock::time_point now) {
    if (t.cancelled || t.ended) {
      return;
    }
    const auto& file = files[t.file_index];
    const auto step = options.transfer_step;
    const auto age = now - t.created;
    const std::int64_t size = file_sizes[t.file_index];
    if (file.outcome == Outcome::stay_queued || age < step) {
      t.state = age < step / 2 ? "Requested" : "Queued, Remotely";
      return;
    }
    if (age < 2 * step) {
      t.state = "Initializing";
      return;
    }
    if (file.outcome == Outcome::stall) {
      t.state = "InProgress";
      t.bytes = size / 3;
      return;
    }
    if (age < 3 * step) {
      t.state = "InProgress";
      t.bytes = size / 2;
      return;
    }
    t.ended = t.created + 3 * step;
    if (file.outcome == Outcome::error) {
      t.state = "Completed, Errored";
      return;
    }
    write_download(t);
    t.state = "Completed, Succeeded";
    t.bytes = size;
  }

  void write_download(Transfer& t) {
    const auto& file = files[t.file_index];
    const auto sep = file.filename.find_last_of('\\');
    const std::string dir = sep == std::string::npos ? "" : file.filename.substr(0, sep);
    const auto dir_sep = dir.find_last_of('\\');
    const std::string parent =
        local_segment(dir_sep == std::string::npos ? dir : dir.substr(dir_sep + 1));
    const std::string name =
        local_segment(sep == std::string::npos ? file.filename : file.filename.substr(sep + 1));
    const fs::path folder = options.downloads_dir / parent;
    fs::create_directories(folder);
    // slskd downloads into an incomplete folder and moves the finished file into place.
    const fs::path incomplete = options.downloads_dir / ".incomplete" / (t.id + ".part");
    fs::create_directories(incomplete.parent_path());
    fs::copy_file(file_paths[t.file_index], incomplete, fs::copy_options::overwrite_existing);
    fs::rename(incomplete, folder / name);
    t.written = true;
  }

  json transfer_json(const Transfer& t) const {
    const auto& file = files[t.file_index];
    const std::int64_t size = file_sizes[t.file_index];
    return {{"id", t.id},
            {"username", file.username},
            {"direction", "Download"},
            {"filename", file.filename},
            {"size", size},
            {"state", t.state},
            {"bytesTransferred", t.bytes},
            {"bytesRemaining", size - t.bytes},
            {"percentComplete",
             size > 0 ? 100.0 * static_cast<double>(t.bytes) / static_cast<double>(size) : 0.0},
            {"attempts", 1},
            {"removed", t.removed}};
  }

  bool authorised(const httplib::Request& req, httplib::Response& res) const {
    if (req.get_header_value("X-API-Key") != options.api_key) {
      res.status = 401;
      return false;
    }
    return true;
  }
};

SlskdStandIn::SlskdStandIn(Options options) : m_state(std::make_unique<State>()) {
  State& s = *m_state;
  s.options = std::move(options);
  auto& server = s.server;

  server.Get("/api/v0/application/version",
             [&s](const httplib::Request& req, httplib::Response& res) {
               if (s.authorised(req, res)) {
                 res.set_content(json(s.options.version).dump(), "application/json");
               }
             });
  server.Get("/api/v0/application", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.authorised(req, res)) {
      const json state{
          {"version", {{"full", s.options.version}, {"current", s.options.version}}},
          {"server",
           {{"isConnected", true}, {"isLoggedIn", true}, {"state", "Connected, LoggedIn"}}}};
      res.set_content(state.dump(), "application/json");
    }
  });

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

  server.Get(
      R"(/api/v0/searches/([^/]+))", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!s.authorised(req, res)) {
          return;
        }
        const std::lock_guard lock(s.mutex);
        const Search* search = s.find_search(req.matches[1]);
        if (search == nullptr) {
          res.status = 404;
          return;
        }
        const std::string state =
            search->complete ? "Completed, TimedOut" : (search->started ? "InProgress" : "Queued");
        // Counters only while running; responses themselves appear at completion.
        res.set_content(json{{"id", search->id},
                             {"searchText", search->text},
                             {"state", state},
                             {"isComplete", search->complete},
                             {"responseCount", search->responses.size()},
                             {"fileCount", 0},
                             {"lockedFileCount", 0}}
                            .dump(),
                        "application/json");
      });

  server.Get(R"(/api/v0/searches/([^/]+)/responses)", [&s](const httplib::Request& req,
                                                           httplib::Response& res) {
    if (!s.authorised(req, res)) {
      return;
    }
    const std::lock_guard lock(s.mutex);
    const Search* search = s.find_search(req.matches[1]);
    if (search == nullptr) {
      res.status = 404;
      return;
    }
    res.set_content(search->complete ? search->responses.dump() : "[]", "application/json");
  });

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

  // Both enqueue endpoints share this: find the file, check the peer, create the transfer.
  auto enqueue = [&s](const std::string& username, const json& files, httplib::Response& res,
                      bool batch) {
    if (s.enqueue_in_flight.fetch_add(1) >= 2) {  // SemaphoreSlim(2,2)
      s.enqueue_in_flight.fetch_sub(1);
      res.status = 429;
      return;
    }
    const std::lock_guard lock(s.mutex);
    s.enqueue_in_flight.fetch_sub(1);
    if (!files.is_array() || files.empty()) {
      res.status = 400;
      return;
    }
    json created = json::array();
    json failures = json::array();
    for (const auto& f : files) {
      const std::string filename = f.is_object() ? f.value("filename", "") : "";
      if (batch && (filename.find("\\..\\") != std::string::npos || filename.find("..\\") == 0)) {
        res.status = 400;  // the batch request validator rejects traversal segments
        res.set_content(R"({"errors":{"files":["Filename must not contain traversal segments"]}})",
                        "application/json");
        return;
      }
      std::optional<std::size_t> index;
      for (std::size_t i = 0; i < s.files.size(); ++i) {
        if (s.files[i].username == username && s.files[i].filename == filename) {
          index = i;
        }
      }
      if (!index) {
        failures.push_back({{"filename", filename}, {"message", "File not shared"}});
        continue;
      }
      if (!s.files[*index].online) {
        res.status = 404;  // user offline
        return;
      }
      Transfer t;
      t.id = fmt::format("00000000-0000-4000-8000-{:012d}", ++s.transfer_counter);
      t.file_index = *index;
      t.created = Clock::now();
      t.state = "Requested";
      created.push_back(s.transfer_json(t));
      s.transfers[t.id] = t;
      s.enqueued.push_back(username);
    }
    if (batch) {
      res.status = failures.empty() ? 201 : (created.empty() ? 200 : 207);
      res.set_content(json{{"batch",
                            {{"id", fmt::format("batch-{}", s.transfer_counter)},
                             {"username", username},
                             {"direction", "Download"},
                             {"transfers", created}}},
                           {"failures", failures}}
                          .dump(),
                      "application/json");
    } else {
      res.status = 201;
      res.set_content(json{{"enqueued", created}, {"failed", json::array()}}.dump(),
                      "application/json");
    }
  };

  server.Post("/api/v0/transfers/downloads/batches",
              [&s, enqueue](const httplib::Request& req, httplib::Response& res) {
                if (!s.authorised(req, res)) {
                  return;
                }
                if (!s.batches()) {
                  res.status = 404;
                  return;
                }
                const json body = json::parse(req.body, nullptr, false);
                if (!body.is_object()) {
                  res.status = 400;
                  return;
                }
                enqueue(body.value("username", ""), body.value("files", json()), res, true);
              });

  server.Post(R"(/api/v0/transfers/downloads/([^/]+))",
              [&s, enqueue](const httplib::Request& req, httplib::Response& res) {
                if (!s.authorised(req, res)) {
                  return;
                }
                enqueue(req.matches[1], json::parse(req.body, nullptr, false), res, false);
              });

  server.Get(R"(/api/v0/transfers/downloads/([^/]+)/([^/]+))", [&s](const httplib::Request& req,
                                                                    httplib::Response& res) {
    if (!s.authorised(req, res)) {
      return;
    }
    const std::lock_guard lock(s.mutex);
    const auto it = s.transfers.find(req.matches[2]);
    if (it == s.transfers.end() || s.files[it->second.file_index].username != req.matches[1]) {
      res.status = 404;
      return;
    }
    auto& t = it->second;
    const auto now = Clock::now();
    s.advance_transfer(t, now);
    if (t.removed || (t.ended && s.options.transfer_retention &&
                      now > *t.ended + *s.options.transfer_retention)) {
      res.status = 404;  // removed, or cleaned up by retention
      return;
    }
    res.set_content(s.transfer_json(t).dump(), "application/json");
  });

  server.Delete(R"(/api/v0/transfers/downloads/([^/]+)/([^/]+))",
                [&s](const httplib::Request& req, httplib::Response& res) {
                  if (!s.authorised(req, res)) {
                    return;
                  }
                  const std::lock_guard lock(s.mutex);
                  const auto it = s.transfers.find(req.matches[2]);
                  if (it == s.transfers.end()) {
                    res.status = 404;
                    return;
                  }
                  auto& t = it->second;
                  if (!t.ended) {
                    t.cancelled = true;
                    t.ended = Clock::now();
                    t.state = "Completed, Cancelled";
                    ++s.cancelled;
                  }
                  t.removed = req.get_param_value("remove") == "true";
                  res.status = 204;
                });

  s.port = server.bind_to_any_port("127.0.0.1");
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  while (!server.is_running()) {
    std::this_thread::yield();
  }
}

SlskdStandIn::~SlskdStandIn() {
  m_state->server.stop();
  m_state->thread.join();
}

bool SlskdStandIn::add(PeerFile file) {
  State& s = *m_state;
  const std::lock_guard lock(s.mutex);
  const fs::path path = fs::path(s.cache.path()) / fmt::format("file-{}", s.files.size());
  bool made = false;
  if (file.audio == "flac") {
    made = make_flac(path.string() + ".flac", file.seconds);
    fs::rename(path.string() + ".flac", path);
  } else if (file.audio.rfind("mp3:", 0) == 0) {
    made = make_mp3(path.string() + ".mp3", file.seconds, std::stoi(file.audio.substr(4)));
    fs::rename(path.string() + ".mp3", path);
  } else {
    std::ofstream(path) << "root:x:0:0:root:/root:/bin/bash\n";
    made = true;
  }
  if (!made) {
    return false;
  }
  s.file_sizes.push_back(static_cast<std::int64_t>(fs::file_size(path)));
  s.file_paths.push_back(path);
  s.files.push_back(std::move(file));
  return true;
}

std::string SlskdStandIn::url() const {
  return fmt::format("http://127.0.0.1:{}", m_state->port);
}
const std::string& SlskdStandIn::api_key() const {
  return m_state->options.api_key;
}

std::vector<SlskdStandIn::SearchPost> SlskdStandIn::search_posts() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->posts;
}
int SlskdStandIn::concurrent_post_overlaps() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->overlaps;
}
int SlskdStandIn::max_unfinished_searches() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->max_unfinished;
}
int SlskdStandIn::enqueue_count() const {
  const std::lock_guard lock(m_state->mutex);
  return static_cast<int>(m_state->enqueued.size());
}
std::vector<std::string> SlskdStandIn::enqueued_usernames() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->enqueued;
}
int SlskdStandIn::cancelled_count() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->cancelled;
}

}  // namespace harmony::fakes
