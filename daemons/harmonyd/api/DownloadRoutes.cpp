// /api/v1/downloads and /api/v1/dlq/export: request bodies validated here, jobs as Job::to_json.
#include <cctype>
#include <charconv>
#include <memory>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "api/Routes.hpp"

namespace harmony::harmonyd::api {
namespace {

constexpr std::size_t k_max_text = 512;  // artist, title, album
constexpr std::size_t k_default_page = 50;
constexpr std::size_t k_max_page = 500;

Result<std::int64_t> parse_integer(std::string_view text, std::string_view what) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return make_error(ErrorKind::invalid, fmt::format("{} must be a non-negative integer, got '{}'",
                                                      what, text.substr(0, 40)));
  }
  return value;
}

Result<std::string> text_field(const nlohmann::json& body, const char* key, bool required) {
  if (!body.contains(key) || body[key].is_null()) {
    if (required) {
      return make_error(ErrorKind::invalid, fmt::format("'{}' is required", key));
    }
    return std::string();
  }
  if (!body[key].is_string()) {
    return make_error(ErrorKind::invalid, fmt::format("'{}' must be a string", key));
  }
  std::string value = body[key].get<std::string>();
  const auto first = value.find_first_not_of(" \t");
  value = first == std::string::npos
              ? ""
              : value.substr(first, value.find_last_not_of(" \t") - first + 1);
  if (required && value.empty()) {
    return make_error(ErrorKind::invalid, fmt::format("'{}' must not be empty", key));
  }
  if (value.size() > k_max_text) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' is longer than {} bytes", key, k_max_text));
  }
  return value;
}

Result<std::optional<std::int64_t>> number_field(const nlohmann::json& body, const char* key,
                                                 std::int64_t low, std::int64_t high) {
  if (!body.contains(key) || body[key].is_null()) {
    return std::optional<std::int64_t>();
  }
  if (!body[key].is_number_integer() || body[key].get<std::int64_t>() < low ||
      body[key].get<std::int64_t>() > high) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' must be an integer from {} to {}", key, low, high));
  }
  return std::optional<std::int64_t>(body[key].get<std::int64_t>());
}

// ISRC: CC-XXX-YY-NNNNN, 12 letters/digits once the hyphens are gone.
Result<std::string> isrc_field(const nlohmann::json& body) {
  auto text = text_field(body, "isrc", false);
  if (!text || text->empty()) {
    return text;
  }
  std::string isrc;
  for (const char c : *text) {
    if (c == '-') {
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      isrc.clear();
      break;
    }
    isrc.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (isrc.size() != 12) {
    return make_error(ErrorKind::invalid,
                      "'isrc' must be 12 letters and digits such as GBAYE0601690");
  }
  return isrc;
}

Result<hdm::TrackRequest> parse_track_request(const nlohmann::json& body) {
  if (!body.is_object()) {
    return make_error(ErrorKind::invalid,
                      "the body must be a JSON object such as {\"artist\":\"…\",\"title\":\"…\"}");
  }
  hdm::TrackRequest request;
  HARMONY_TRY_ASSIGN(request.artist, text_field(body, "artist", true));
  HARMONY_TRY_ASSIGN(request.title, text_field(body, "title", true));
  HARMONY_TRY_ASSIGN(request.album, text_field(body, "album", false));
  std::optional<std::int64_t> number;
  HARMONY_TRY_ASSIGN(number, number_field(body, "year", 1000, 9999));
  request.year = number ? std::optional<int>(static_cast<int>(*number)) : std::nullopt;
  HARMONY_TRY_ASSIGN(number, number_field(body, "track_number", 1, 999));
  request.track_number = number ? std::optional<int>(static_cast<int>(*number)) : std::nullopt;
  HARMONY_TRY_ASSIGN(request.duration_ms, number_field(body, "duration_ms", 1, 86'400'000));
  HARMONY_TRY_ASSIGN(request.isrc, isrc_field(body));
  return request;
}

Result<std::int64_t> job_id(const http::Request& request) {
  const auto it = request.path_params.find("id");
  return parse_integer(it == request.path_params.end() ? "" : it->second, "the download id");
}

// invalid from retry/cancel means "not in this state": 409, not 400.
http::Response state_error(const Error& error) {
  if (error.kind == ErrorKind::invalid) {
    return http::Response::error(409, "CONFLICT", error.message);
  }
  return http::Response::from_error(error);
}

}  // namespace

http::Response v1_downloads_create(ApiServices& services, const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  auto track = parse_track_request(*body);
  if (!track) {
    return http::Response::from_error(track.error());
  }
  auto submitted = services.downloads().submit(std::move(*track));
  if (!submitted) {
    return http::Response::from_error(submitted.error());
  }
  const auto& [job, outcome] = *submitted;
  http::Response response =
      http::Response::json(outcome == hdm::SubmitOutcome::created ? 202 : 200, job.to_json());
  response.set_header("Location", fmt::format("/api/v1/downloads/{}", job.id));
  return response;
}

http::Response v1_downloads_list(ApiServices& services, const http::Request& request) {
  std::optional<hdm::JobState> state;
  if (const auto text = request.query_value("state"); text && !text->empty()) {
    state = hdm::parse_job_state(*text);
    if (!state) {
      return http::Response::error(
          400, "VALIDATION_ERROR",
          fmt::format("unknown state '{}'; use one of requested, searching, selecting, "
                      "queued_remote, downloading, verifying, tagging, filing, done, failed, "
                      "dead_letter, cancelled",
                      text->substr(0, 40)));
    }
  }
  std::size_t limit = k_default_page;
  if (const auto text = request.query_value("limit")) {
    auto parsed = parse_integer(*text, "limit");
    if (!parsed || *parsed < 1 || *parsed > static_cast<std::int64_t>(k_max_page)) {
      return http::Response::error(400, "VALIDATION_ERROR",
                                   fmt::format("limit must be from 1 to {}", k_max_page));
    }
    limit = static_cast<std::size_t>(*parsed);
  }
  std::optional<std::int64_t> cursor;
  if (const auto text = request.query_value("cursor"); text && !text->empty()) {
    auto parsed = parse_integer(*text, "cursor");
    if (!parsed) {
      return http::Response::from_error(parsed.error());
    }
    cursor = *parsed;
  }
  auto page = services.downloads().list(state, limit, cursor);
  if (!page) {
    return http::Response::from_error(page.error());
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& job : page->jobs) {
    items.push_back(job.to_json());
  }
  return http::Response::json(
      200, {{"items", std::move(items)},
            {"next_cursor", page->next_cursor ? nlohmann::json(std::to_string(*page->next_cursor))
                                              : nlohmann::json(nullptr)}});
}

http::Response v1_downloads_get(ApiServices& services, const http::Request& request) {
  auto id = job_id(request);
  if (!id) {
    return http::Response::from_error(id.error());
  }
  auto job = services.downloads().find(*id);
  return job ? http::Response::json(200, job->to_json()) : http::Response::from_error(job.error());
}

http::Response v1_downloads_retry(ApiServices& services, const http::Request& request) {
  auto id = job_id(request);
  if (!id) {
    return http::Response::from_error(id.error());
  }
  auto job = services.downloads().retry(*id);
  return job ? http::Response::json(200, job->to_json()) : state_error(job.error());
}

http::Response v1_downloads_cancel(ApiServices& services, const http::Request& request) {
  auto id = job_id(request);
  if (!id) {
    return http::Response::from_error(id.error());
  }
  auto job = services.downloads().cancel(*id);
  return job ? http::Response::json(200, job->to_json()) : state_error(job.error());
}

http::Response v1_dlq_export(ApiServices& services, const http::Request&) {
  // One page in memory at a time, however long the dead-letter list is: the first page is read
  // here (so a failing store is still a proper error status), the rest while the answer is sent.
  struct Export {
    ApiServices& services;
    std::optional<std::int64_t> cursor;
    bool started = false;
  };
  auto state = std::make_shared<Export>(Export{services, std::nullopt, false});
  auto next_page = [state]() -> Result<std::optional<std::string>> {
    if (state->started && !state->cursor) {
      return std::optional<std::string>();
    }
    state->started = true;
    auto page =
        state->services.downloads().list(hdm::JobState::dead_letter, k_max_page, state->cursor);
    if (!page) {
      return std::move(page).error();
    }
    std::string lines;
    for (const auto& job : page->jobs) {
      lines += job.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      lines += '\n';
    }
    state->cursor = page->next_cursor;
    return std::optional<std::string>(std::move(lines));
  };
  auto first = next_page();
  if (!first) {
    return http::Response::from_error(first.error());
  }
  http::Response response = http::Response::text(200, "", "application/x-ndjson");
  response.stream = [first = std::move(*first), next_page]() mutable -> std::optional<std::string> {
    if (first) {
      return std::exchange(first, std::nullopt);
    }
    auto page = next_page();
    // A store failure after the first page ends the export early; the client sees fewer lines.
    return page ? std::move(*page) : std::nullopt;
  };
  response.set_header("Content-Disposition", "attachment; filename=\"harmony-dlq.jsonl\"");
  return response;
}

http::Response v1_dlq_purge(ApiServices& services, const http::Request&) {
  auto removed = services.downloads().purge_dead_letters();
  if (!removed) {
    return http::Response::from_error(removed.error());
  }
  return http::Response::json(200, {{"purged", *removed}});
}

}  // namespace harmony::harmonyd::api
