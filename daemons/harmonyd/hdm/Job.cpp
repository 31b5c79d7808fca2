#include "hdm/Job.hpp"

#include <array>
#include <utility>

namespace harmony::harmonyd::hdm {
namespace {

constexpr std::array<std::pair<JobState, std::string_view>, 12> k_names{{
    {JobState::requested, "requested"},
    {JobState::searching, "searching"},
    {JobState::selecting, "selecting"},
    {JobState::queued_remote, "queued_remote"},
    {JobState::downloading, "downloading"},
    {JobState::verifying, "verifying"},
    {JobState::tagging, "tagging"},
    {JobState::filing, "filing"},
    {JobState::done, "done"},
    {JobState::failed, "failed"},
    {JobState::dead_letter, "dead_letter"},
    {JobState::cancelled, "cancelled"},
}};

template <typename T>
T value_or(const nlohmann::json& json, const char* key, T fallback) {
  if (!json.is_object() || !json.contains(key)) {
    return fallback;
  }
  const auto& value = json[key];
  if constexpr (std::is_same_v<T, std::string>) {
    return value.is_string() ? value.get<std::string>() : fallback;
  } else {
    return value.is_number() ? value.get<T>() : fallback;
  }
}

template <typename T>
std::optional<T> optional_number(const nlohmann::json& json, const char* key) {
  if (!json.is_object() || !json.contains(key) || !json[key].is_number()) {
    return std::nullopt;
  }
  return json[key].get<T>();
}

nlohmann::json file_to_json(const slskd::SearchFile& file) {
  nlohmann::json json{
      {"filename", file.filename}, {"size", file.size}, {"extension", file.extension}};
  if (file.bit_rate) {
    json["bit_rate"] = *file.bit_rate;
  }
  if (file.bit_depth) {
    json["bit_depth"] = *file.bit_depth;
  }
  if (file.sample_rate) {
    json["sample_rate"] = *file.sample_rate;
  }
  if (file.length_s) {
    json["length_s"] = *file.length_s;
  }
  if (file.is_variable_bit_rate) {
    json["vbr"] = *file.is_variable_bit_rate;
  }
  return json;
}

slskd::SearchFile file_from_json(const nlohmann::json& json) {
  slskd::SearchFile file;
  file.filename = value_or<std::string>(json, "filename", "");
  file.size = value_or<std::int64_t>(json, "size", 0);
  file.extension = value_or<std::string>(json, "extension", "");
  file.bit_rate = optional_number<int>(json, "bit_rate");
  file.bit_depth = optional_number<int>(json, "bit_depth");
  file.sample_rate = optional_number<int>(json, "sample_rate");
  file.length_s = optional_number<int>(json, "length_s");
  if (json.is_object() && json.contains("vbr") && json["vbr"].is_boolean()) {
    file.is_variable_bit_rate = json["vbr"].get<bool>();
  }
  return file;
}

nlohmann::json candidate_to_json(const Candidate& candidate) {
  return {{"username", candidate.username},
          {"file", file_to_json(candidate.file)},
          {"score", candidate.score.to_json()}};
}

}  // namespace

std::string_view to_string(JobState state) noexcept {
  for (const auto& [value, name] : k_names) {
    if (value == state) {
      return name;
    }
  }
  return "unknown";
}

std::optional<JobState> parse_job_state(std::string_view text) noexcept {
  for (const auto& [value, name] : k_names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

bool is_terminal(JobState state) noexcept {
  return state == JobState::done || state == JobState::dead_letter || state == JobState::cancelled;
}

nlohmann::json request_to_json(const TrackRequest& request) {
  nlohmann::json json{{"artist", request.artist}, {"title", request.title}};
  if (!request.album.empty()) {
    json["album"] = request.album;
  }
  if (request.year) {
    json["year"] = *request.year;
  }
  if (request.track_number) {
    json["track_number"] = *request.track_number;
  }
  if (request.duration_ms) {
    json["duration_ms"] = *request.duration_ms;
  }
  if (!request.isrc.empty()) {
    json["isrc"] = request.isrc;
  }
  if (request.disc_number) {
    json["disc_number"] = *request.disc_number;
  }
  json["source"] = request.source;
  return json;
}

TrackRequest request_from_json(const nlohmann::json& json) {
  TrackRequest request;
  request.artist = value_or<std::string>(json, "artist", "");
  request.title = value_or<std::string>(json, "title", "");
  request.album = value_or<std::string>(json, "album", "");
  request.year = optional_number<int>(json, "year");
  request.track_number = optional_number<int>(json, "track_number");
  request.duration_ms = optional_number<std::int64_t>(json, "duration_ms");
  request.isrc = value_or<std::string>(json, "isrc", "");
  request.disc_number = optional_number<int>(json, "disc_number");
  request.source = value_or<std::string>(json, "source", "api");
  return request;
}

nlohmann::json job_details_to_json(const Job& job) {
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& candidate : job.candidates) {
    candidates.push_back(candidate_to_json(candidate));
  }
  return {{"search_id", job.search_id},         {"search_started_ms", job.search_started_ms},
          {"candidates", candidates},           {"candidate_index", job.candidate_index},
          {"peer_failures", job.peer_failures}, {"transfer_id", job.transfer_id},
          {"bytes_seen", job.bytes_seen},       {"source_path", job.source_path},
          {"planned_path", job.planned_path},   {"progress_ms", job.progress_ms}};
}

void job_details_from_json(const nlohmann::json& json, Job& job) {
  job.search_id = value_or<std::string>(json, "search_id", "");
  job.search_started_ms = value_or<std::int64_t>(json, "search_started_ms", 0);
  job.candidates.clear();
  if (json.is_object() && json.contains("candidates") && json["candidates"].is_array()) {
    for (const auto& item : json["candidates"]) {
      if (!item.is_object()) {
        continue;
      }
      Candidate candidate;
      candidate.username = value_or<std::string>(item, "username", "");
      candidate.file = file_from_json(item.contains("file") ? item["file"] : nlohmann::json());
      if (item.contains("score") && item["score"].is_object()) {
        candidate.score = ScoreBreakdown::from_json(item["score"]);
      }
      job.candidates.push_back(std::move(candidate));
    }
  }
  job.candidate_index = value_or<std::size_t>(json, "candidate_index", 0);
  job.peer_failures.clear();
  if (json.is_object() && json.contains("peer_failures") && json["peer_failures"].is_object()) {
    for (const auto& [user, count] : json["peer_failures"].items()) {
      if (count.is_number_integer()) {
        job.peer_failures[user] = count.get<int>();
      }
    }
  }
  job.transfer_id = value_or<std::string>(json, "transfer_id", "");
  job.bytes_seen = value_or<std::int64_t>(json, "bytes_seen", 0);
  job.source_path = value_or<std::string>(json, "source_path", "");
  job.planned_path = value_or<std::string>(json, "planned_path", "");
  job.progress_ms = value_or<std::int64_t>(json, "progress_ms", 0);
}

nlohmann::json Job::to_json() const {
  nlohmann::json json{{"id", id},
                      {"state", to_string(state)},
                      {"request", request_to_json(request)},
                      {"dedupe_key", dedupe_key},
                      {"attempts", attempts},
                      {"last_error", last_error},
                      {"final_path", final_path},
                      {"candidates_considered", candidates.size()},
                      {"peer_failures", peer_failures},
                      {"created_ms", created_ms},
                      {"updated_ms", updated_ms}};
  if (next_retry_ms != 0) {
    json["next_retry_at_ms"] = next_retry_ms;
  }
  if (const auto* candidate = chosen()) {
    json["chosen"] = candidate_to_json(*candidate);
  } else {
    json["chosen"] = nullptr;
  }
  return json;
}

}  // namespace harmony::harmonyd::hdm
