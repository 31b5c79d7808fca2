// Imports: paste lines or upload a CSV/M3U/text file, the list of imports, and one import's
// per-line results (what was understood, the Spotify match, the download or why not).
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_listed = 50;        // imports on the page
constexpr std::size_t k_items_shown = 200;  // an import's items per page (up to 100,000 lines)
constexpr std::size_t k_kept_text =
    std::size_t{64} * 1024;  // pasted text shown back after an error

std::optional<std::int64_t> positive(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return std::nullopt;
  }
  return value;
}

std::string summary_line(const nlohmann::json& summary) {
  if (!summary.is_object() || !summary.contains("outcomes")) {
    return {};
  }
  std::string text = fmt::format("{} items", summary.value("items", 0));
  for (const auto& [outcome, count] : summary["outcomes"].items()) {
    text += fmt::format(", {} {}", count.get<std::int64_t>(), outcome);
  }
  return text;
}

nlohmann::json import_row(const nlohmann::json& import, std::int64_t now) {
  const std::string source = import.value("source", "");
  return {{"id", import.value("id", std::int64_t{0})},
          {"source", source.empty() ? "pasted text" : source},
          {"format", text_or_null(import.value("format", ""))},
          {"status", import.value("status", "")},
          {"created_ago", ago(import.value("created_ms", std::int64_t{0}), now)},
          {"summary", text_or_null(summary_line(import.value("summary", nlohmann::json())))},
          {"error", text_or_null(import.value("error", ""))}};
}

std::string duration_text(std::int64_t ms) {
  return ms > 0 ? fmt::format("{}:{:02}", ms / 60'000, ms / 1000 % 60) : std::string();
}

nlohmann::json item_row(const nlohmann::json& item) {
  const auto& request = item.contains("request") && item["request"].is_object()
                            ? item["request"]
                            : nlohmann::json::object();
  nlohmann::json row{
      {"line", item.value("line", 0)},
      {"text", item.value("text", "")},
      {"artist", request.value("artist", "")},
      {"title", text_or_null(request.value("title", ""))},
      {"album", text_or_null(request.value("album", ""))},
      {"isrc", text_or_null(request.value("isrc", ""))},
      {"duration", text_or_null(duration_text(request.value("duration_ms", std::int64_t{0})))},
      {"unmatched", item.value("unmatched", false)},
      {"outcome", item.value("outcome", "")},
      {"reason", text_or_null(item.value("reason", ""))},
      {"match", nullptr},
      {"download_id", nullptr}};
  if (item.contains("match") && item["match"].is_object()) {
    const auto& match = item["match"];
    // Names of their own: a missing one must not fall back to the row's album or ISRC.
    row["match"] = {
        {"match_album", match.value("album", "")},
        {"match_year",
         match.contains("year") && match["year"].is_number() ? match["year"] : nlohmann::json()},
        {"match_isrc", text_or_null(match.value("isrc", ""))},
        {"score", fmt::format("{:.2f}", match.value("score", 0.0))},
        {"threshold", fmt::format("{:.2f}", match.value("threshold", 0.0))}};
  }
  if (item.contains("download_id") && item["download_id"].is_number_integer()) {
    row["download_id"] = item["download_id"];
  }
  return row;
}

// The Imports page: the forms (with what was sent and the error when one failed) and the list.
http::Response imports_page(UiContext& context, const Visit& visit, nlohmann::json view,
                            int status = 200) {
  auto listed = context.console.imports().list(k_listed);
  const std::int64_t now = wall_ms();
  nlohmann::json rows = nlohmann::json::array();
  if (listed) {
    for (const auto& import : *listed) {
      rows.push_back(import_row(import, now));
    }
  }
  view["has_imports"] = !rows.empty();
  view["imports"] = std::move(rows);
  view["list_error"] = listed ? nlohmann::json(nullptr) : nlohmann::json(listed.error().message);
  view.update(followed_playlists(context));
  return render_page(context, visit, "Imports", "imports", "imports", std::move(view), status);
}

http::Response submitted(UiContext& context, const Visit& visit, Result<std::int64_t> id,
                         nlohmann::json view) {
  if (id) {
    return redirect(fmt::format("/ui/imports/{}", *id));
  }
  view["error"] = id.error().message;
  return imports_page(context, visit, std::move(view),
                      id.error().kind == ErrorKind::invalid ? 400 : 503);
}

// One import as the detail page and its live fragment show it; the page of items from `page`.
Result<nlohmann::json> detail_view(UiContext& context, const http::Request& request) {
  const auto id = positive(path_param(request, "id"));
  if (!id) {
    return make_error(ErrorKind::not_found, "that is not an import id");
  }
  // 100,000 lines make 500 pages; a larger number shows the empty last page.
  const std::size_t page = static_cast<std::size_t>(std::min<std::int64_t>(
      positive(request.query_value("page").value_or("1")).value_or(1), 1000));
  const std::size_t first = (page - 1) * k_items_shown;
  // Only the lines shown are read; the totals come from the import's count and summary.
  auto found = context.console.imports().page(*id, first, k_items_shown);
  if (!found) {
    return std::move(found).error();
  }
  nlohmann::json view = import_row(*found, wall_ms());
  nlohmann::json rows = nlohmann::json::array();
  if (found->contains("items") && (*found)["items"].is_array()) {
    for (const auto& item : (*found)["items"]) {
      rows.push_back(item_row(item));
    }
  }
  const std::size_t item_count = found->value("item_count", std::size_t{0});
  view["processing"] = view["status"] == "processing";
  view["poll_url"] = fmt::format("/ui/partials/imports/{}?page={}", *id, page);
  view["has_items"] = !rows.empty();
  view["items"] = std::move(rows);
  view["item_count"] = item_count;
  view["first_item"] = first + 1;
  view["last_item"] = first + view["items"].size();
  view["previous_url"] = page > 1
                             ? nlohmann::json(fmt::format("/ui/imports/{}?page={}", *id, page - 1))
                             : nlohmann::json(nullptr);
  view["next_url"] = first + k_items_shown < item_count
                         ? nlohmann::json(fmt::format("/ui/imports/{}?page={}", *id, page + 1))
                         : nlohmann::json(nullptr);
  return view;
}

}  // namespace

http::Response imports(UiContext& context, const http::Request&, const Visit& visit) {
  return imports_page(context, visit, nlohmann::json::object());
}

http::Response import_paste(UiContext& context, const http::Request&, const Visit& visit) {
  std::string text = visit.form.get("text").value_or("");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return submitted(context, visit,
                     make_error(ErrorKind::invalid,
                                "Paste at least one line, such as "
                                "“Artist - Title” or a Spotify link."),
                     nlohmann::json::object());
  }
  nlohmann::json view{{"text", text.substr(0, k_kept_text)}};
  return submitted(context, visit, context.console.imports().submit(std::move(text), ""),
                   std::move(view));
}

http::Response import_upload(UiContext& context, const http::Request& request, const Visit& visit) {
  const http::FormPart* file = request.part("file");
  if (file == nullptr || file->content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return submitted(context, visit,
                     make_error(ErrorKind::invalid,
                                file == nullptr || file->filename.empty()
                                    ? "Choose a file to upload (CSV, M3U/M3U8 or plain text)."
                                    : fmt::format("The file '{}' is empty.", file->filename)),
                     nlohmann::json::object());
  }
  return submitted(context, visit, context.console.imports().submit(file->content, file->filename),
                   nlohmann::json::object());
}

http::Response import_detail(UiContext& context, const http::Request& request, const Visit& visit) {
  auto view = detail_view(context, request);
  if (!view) {
    return error_page(context, view.error().kind == ErrorKind::not_found ? 404 : 503,
                      "Import not found",
                      "There is no such import. The Imports page lists every import.");
  }
  nlohmann::json page{{"id", (*view)["id"]},
                      {"poll", (*view)["processing"]},
                      {"poll_url", (*view)["poll_url"]},
                      {"detail", context.templates.render("import_detail", *view)}};
  return render_page(context, visit, fmt::format("Import {}", (*view)["id"].get<std::int64_t>()),
                     "imports", "import", std::move(page));
}

http::Response import_detail_live(UiContext& context, const http::Request& request, const Visit&) {
  auto view = detail_view(context, request);
  if (!view) {
    return error_page(context, 404, "Import not found", view.error().message);
  }
  http::Response response = render_fragment(context, "import_detail", *view);
  if (!(*view)["processing"].get<bool>()) {
    response.status = 286;  // htmx: swap this, then stop polling
  }
  return response;
}

}  // namespace harmony::harmonyd::ui::pages
