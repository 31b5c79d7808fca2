// The stand-in's transfer endpoints: batch and legacy enqueue, state by id, cancel/remove, and
// completed files written into the downloads folder in slskd's layout.
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fakes/SlskdStandInState.hpp"

namespace harmony::fakes {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using standin::Clock;
using standin::Transfer;

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

// The transfer's state at `now`; writes the file into the downloads folder on success.
void SlskdStandIn::State::advance_transfer(Transfer& t, Clock::time_point now) {
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

void SlskdStandIn::State::write_download(Transfer& t) {
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

json SlskdStandIn::State::transfer_json(const Transfer& t) const {
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

void SlskdStandIn::State::enqueue(const std::string& username, const json& requested,
                                  httplib::Response& res, bool batch) {
  if (enqueue_in_flight.fetch_add(1) >= 2) {  // SemaphoreSlim(2,2)
    enqueue_in_flight.fetch_sub(1);
    res.status = 429;
    return;
  }
  const std::lock_guard lock(mutex);
  enqueue_in_flight.fetch_sub(1);
  if (!requested.is_array() || requested.empty()) {
    res.status = 400;
    return;
  }
  json created = json::array();
  json failures = json::array();
  for (const auto& f : requested) {
    const std::string filename = f.is_object() ? f.value("filename", "") : "";
    if (batch && (filename.find("\\..\\") != std::string::npos || filename.find("..\\") == 0)) {
      res.status = 400;  // the batch request validator rejects traversal segments
      res.set_content(R"({"errors":{"files":["Filename must not contain traversal segments"]}})",
                      "application/json");
      return;
    }
    std::optional<std::size_t> index;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (files[i].username == username && files[i].filename == filename) {
        index = i;
      }
    }
    if (!index) {
      failures.push_back({{"filename", filename}, {"message", "File not shared"}});
      continue;
    }
    if (!files[*index].online) {
      res.status = 404;  // user offline
      return;
    }
    Transfer t;
    t.id = fmt::format("00000000-0000-4000-8000-{:012d}", ++transfer_counter);
    t.file_index = *index;
    t.created = Clock::now();
    t.state = "Requested";
    created.push_back(transfer_json(t));
    transfers[t.id] = t;
    enqueued.push_back(username);
  }
  if (batch) {
    res.status = failures.empty() ? 201 : (created.empty() ? 200 : 207);
    res.set_content(json{{"batch",
                          {{"id", fmt::format("batch-{}", transfer_counter)},
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
}

void SlskdStandIn::State::add_transfer_routes() {
  State& s = *this;
  server.Post("/api/v0/transfers/downloads/batches",
              [&s](const httplib::Request& req, httplib::Response& res) {
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
                s.enqueue(body.value("username", ""), body.value("files", json()), res, true);
              });

  server.Post(R"(/api/v0/transfers/downloads/([^/]+))",
              [&s](const httplib::Request& req, httplib::Response& res) {
                if (!s.authorised(req, res)) {
                  return;
                }
                s.enqueue(req.matches[1], json::parse(req.body, nullptr, false), res, false);
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
}

}  // namespace harmony::fakes
