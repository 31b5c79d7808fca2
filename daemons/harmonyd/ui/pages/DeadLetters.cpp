// Dead letters: the jobs that ran out of attempts, grouped by their last error, with requeue
// (a fresh round of attempts), purge, and the NDJSON export of the API.
#include <charconv>

#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_shown = 100;  // the page lists at most this many; the export has all

}  // namespace

http::Response dead_letters(UiContext& context, const http::Request&, const Visit& visit) {
  auto page = context.console.downloads().list(hdm::JobState::dead_letter, k_shown, std::nullopt);
  const std::int64_t now = wall_ms();
  std::map<std::string, nlohmann::json> groups;
  std::size_t count = 0;
  if (page) {
    for (const auto& job : page->jobs) {
      const std::string reason = job.last_error.empty() ? "no error recorded" : job.last_error;
      auto& group = groups[reason];
      if (group.is_null()) {
        group = {{"reason", reason}, {"jobs", nlohmann::json::array()}};
      }
      nlohmann::json entry = job_row(job, now);
      entry["csrf"] = visit.session.csrf;
      group["jobs"].push_back(std::move(entry));
      ++count;
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (auto& [reason, group] : groups) {
    group["count"] = group["jobs"].size();
    list.push_back(std::move(group));
  }
  nlohmann::json view{
      {"groups", std::move(list)},
      {"has_jobs", count > 0},
      {"count", count},
      {"truncated", page && page->next_cursor.has_value()},
      {"error", page ? nlohmann::json(nullptr) : nlohmann::json(page.error().message)}};
  return render_page(context, visit, "Dead letters", "dead-letters", "dead_letters",
                     std::move(view));
}

http::Response dead_letter_requeue(UiContext& context, const http::Request& request, const Visit&) {
  std::int64_t id = 0;
  const auto it = request.path_params.find("id");
  const std::string text = it == request.path_params.end() ? "" : it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return error_page(context, 404, "Download not found", "That is not a download id.");
  }
  auto retried = context.console.downloads().retry(id);
  if (!retried) {
    return error_page(context, retried.error().kind == ErrorKind::not_found ? 404 : 409,
                      "The download could not be requeued", retried.error().message);
  }
  return redirect("/ui/dead-letters");
}

http::Response dead_letters_purge(UiContext& context, const http::Request&, const Visit&) {
  auto removed = context.console.downloads().purge_dead_letters();
  if (!removed) {
    return error_page(context, 503, "The dead letters could not be purged",
                      removed.error().message);
  }
  return redirect("/ui/dead-letters");
}

}  // namespace harmony::harmonyd::ui::pages
