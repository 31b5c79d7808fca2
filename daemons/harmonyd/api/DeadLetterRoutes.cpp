// /api/v1/dlq, /api/v1/dlq/stats, /api/v1/dlq/requeue and /api/v1/dlq/purge: the dead-letter
// workflow (list by reason, count, replay, remove). The export and DELETE /api/v1/dlq live
// with the download routes.
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "api/Routes.hpp"
#include "core/Duration.hpp"

namespace harmony::harmonyd::api {
namespace {

constexpr std::size_t k_default_page = 50;
constexpr std::size_t k_max_page = 500;
constexpr std::size_t k_max_ids = 500;

http::Response invalid(const std::string& message) {
  return http::Response::error(400, "VALIDATION_ERROR", message);
}

std::optional<std::int64_t> positive_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return std::nullopt;
  }
  return value;
}

std::string reason_list() {
  std::string list;
  for (const auto reason : hdm::k_dead_letter_reasons) {
    list += list.empty() ? "" : ", ";
    list += reason;
  }
  return list;
}

// `ids`: 1 to 500 distinct positive download ids, in the order given.
Result<std::vector<std::int64_t>> id_list(const nlohmann::json& body, bool required) {
  if (!body.contains("ids")) {
    if (required) {
      return make_error(ErrorKind::invalid, "'ids' is required: an array of 1 to 500 download ids");
    }
    return std::vector<std::int64_t>();
  }
  const auto& ids = body["ids"];
  if (!ids.is_array() || ids.empty() || ids.size() > k_max_ids) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'ids' must be an array of 1 to {} download ids", k_max_ids));
  }
  std::vector<std::int64_t> list;
  std::set<std::int64_t> seen;
  for (const auto& id : ids) {
    if (!id.is_number_integer() || id.get<std::int64_t>() < 1) {
      return make_error(
          ErrorKind::invalid,
          fmt::format("'ids' holds {}; every id is a positive integer", id.dump().substr(0, 40)));
    }
    if (seen.insert(id.get<std::int64_t>()).second) {
      list.push_back(id.get<std::int64_t>());
    }
  }
  return list;
}

}  // namespace

http::Response v1_dlq_list(ApiServices& services, const http::Request& request) {
  std::string reason;
  if (const auto text = request.query_value("reason"); text && !text->empty()) {
    if (!hdm::is_dead_letter_reason(*text)) {
      return invalid(
          fmt::format("unknown reason '{}'; use one of {}", text->substr(0, 40), reason_list()));
    }
    reason = std::string(*text);
  }
  std::size_t limit = k_default_page;
  if (const auto text = request.query_value("limit")) {
    const auto parsed = positive_integer(*text);
    if (!parsed || *parsed > static_cast<std::int64_t>(k_max_page)) {
      return invalid(fmt::format("limit must be from 1 to {}", k_max_page));
    }
    limit = static_cast<std::size_t>(*parsed);
  }
  std::optional<std::int64_t> cursor;
  if (const auto text = request.query_value("cursor"); text && !text->empty()) {
    cursor = positive_integer(*text);
    if (!cursor) {
      return invalid("cursor must be the next_cursor of the previous page");
    }
  }
  auto page = services.downloads().dead_letters(reason, limit, cursor);
  if (!page) {
    return http::Response::from_error(page.error());
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& job : page->jobs) {
    auto item = job.to_json();
    item["reason"] = hdm::dead_letter_reason(job);
    items.push_back(std::move(item));
  }
  return http::Response::json(
      200, {{"items", std::move(items)},
            {"next_cursor", page->next_cursor ? nlohmann::json(std::to_string(*page->next_cursor))
                                              : nlohmann::json(nullptr)}});
}

http::Response v1_dlq_stats(ApiServices& services, const http::Request&) {
  auto stats = services.downloads().dead_letter_stats();
  if (!stats) {
    return http::Response::from_error(stats.error());
  }
  return http::Response::json(
      200,
      {{"total", stats->total}, {"by_reason", stats->by_reason}, {"last_24h", stats->last_24h}});
}

http::Response v1_dlq_requeue(ApiServices& services, const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  if (!body->is_object()) {
    return invalid(R"(the body must be a JSON object such as {"ids":[12,13]})");
  }
  auto ids = id_list(*body, true);
  if (!ids) {
    return http::Response::from_error(ids.error());
  }
  // Each id on its own: one that is gone or no longer dead-lettered does not stop the rest.
  nlohmann::json requeued = nlohmann::json::array();
  nlohmann::json refused = nlohmann::json::array();
  for (const std::int64_t id : *ids) {
    auto job = services.downloads().find(id);
    if (job && job->state != hdm::JobState::dead_letter) {
      refused.push_back({{"id", id},
                         {"reason", fmt::format("download {} is {}, not dead_letter", id,
                                                hdm::to_string(job->state))}});
      continue;
    }
    if (job) {
      job = services.downloads().retry(id);
    }
    if (!job) {
      if (job.error().kind != ErrorKind::not_found && job.error().kind != ErrorKind::invalid) {
        return http::Response::from_error(job.error());  // the store or slskd: nothing to list
      }
      refused.push_back({{"id", id}, {"reason", job.error().message}});
      continue;
    }
    requeued.push_back(id);
  }
  return http::Response::json(200,
                              {{"requeued", std::move(requeued)}, {"refused", std::move(refused)}});
}

http::Response v1_dlq_purge_selected(ApiServices& services, const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  if (!body->is_object()) {
    return invalid(R"(the body must be a JSON object such as {"ids":[12]} or {"older_than":"7d"})");
  }
  hdm::DeadLetterPurge purge;
  auto ids = id_list(*body, false);
  if (!ids) {
    return http::Response::from_error(ids.error());
  }
  purge.ids = std::move(*ids);
  if (body->contains("older_than")) {
    const auto& text = (*body)["older_than"];
    auto age = text.is_string() ? parse_duration(text.get<std::string>())
                                : Result<std::chrono::milliseconds>(make_error(
                                      ErrorKind::invalid, "'older_than' must be a string"));
    if (!age) {
      return invalid(fmt::format("'older_than' must be a duration such as \"72h\" or \"30m\": {}",
                                 age.error().message));
    }
    purge.older_than = *age;
  }
  if (purge.ids.empty() && !purge.older_than) {
    return invalid("say which dead letters to purge: 'ids' (1 to 500) and/or 'older_than'");
  }
  auto removed = services.downloads().purge_dead_letters(purge);
  if (!removed) {
    return http::Response::from_error(removed.error());
  }
  return http::Response::json(200, {{"purged", *removed}});
}

}  // namespace harmony::harmonyd::api
