#include "ImportService.hpp"

#include <fmt/format.h>

#include "imports/ImportParsers.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd {
namespace {

// Every outcome an item can have, so each metric series exists from the start.
constexpr std::array<const char*, 6> k_outcomes{"queued",  "duplicate", "in_library",
                                                "invalid", "refused",   "failed"};

Result<nlohmann::json> found_or_not(Result<std::optional<nlohmann::json>> found, std::int64_t id) {
  if (!found) {
    return std::move(found).error();
  }
  if (!*found) {
    return make_error(ErrorKind::not_found, fmt::format("there is no import {}", id));
  }
  return std::move(**found);
}

}  // namespace

ImportService::ImportService(store::Store& store, spotify::SpotifyCatalog& catalog,
                             library::TrackStore& library, const Clock& clock)
    : m_store(store), m_resolver(catalog, library), m_clock(clock) {}

ImportService::~ImportService() {
  stop();
}

void ImportService::start() {
  m_thread = std::thread([this] { run(); });
}

void ImportService::stop() noexcept {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::int64_t ImportService::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             m_clock.wall_now().time_since_epoch())
      .count();
}

Result<std::int64_t> ImportService::submit(std::string text, std::string file_name) {
  auto parsed = imports::parse_import(text, file_name);
  if (!parsed) {
    return std::move(parsed).error();
  }
  auto id = m_store.create(file_name.empty() ? "pasted text" : file_name.substr(0, 200), now_ms());
  if (!id) {
    return id;
  }
  m_lines += static_cast<std::int64_t>(parsed->lines.size());
  {
    const std::lock_guard lock(m_mutex);
    m_queue.push_back({*id, std::move(*parsed)});
  }
  m_wake.notify_one();
  return id;
}

Result<nlohmann::json> ImportService::get(std::int64_t id) {
  return found_or_not(m_store.get(id), id);
}

Result<nlohmann::json> ImportService::page(std::int64_t id, std::size_t offset, std::size_t limit) {
  return found_or_not(m_store.page(id, offset, limit), id);
}

void ImportService::run() {
  while (true) {
    Pending pending;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_stopping) {
        return;  // an import still queued stays `processing`; its text was never stored
      }
      pending = std::move(m_queue.front());
      m_queue.pop_front();
    }
    process(pending);
  }
}

void ImportService::process(Pending& pending) {
  imports::ResolveReport report;
  auto items = m_resolver.resolve(pending.parsed, report);
  m_spotify_requests += static_cast<std::int64_t>(report.spotify_requests);
  m_matched += static_cast<std::int64_t>(report.matched);
  Result<void> finished = items ? Result<void>() : Result<void>(items.error());
  if (items) {
    nlohmann::json summary = {{"lines", pending.parsed.lines.size()},
                              {"items", items->size()},
                              {"matched", report.matched},
                              {"spotify_requests", report.spotify_requests}};
    finished = m_store.finish(pending.id, std::string(imports::to_string(pending.parsed.format)),
                              *items, std::move(summary), now_ms());
  }
  if (!finished) {
    ++m_failed;
    log::error("import failed; nothing of it was queued",
               {{"IMPORT", std::to_string(pending.id)}, {"ERROR", finished.error().message}});
    static_cast<void>(m_store.fail(pending.id, finished.error().message, now_ms()));
    return;
  }
  const std::lock_guard lock(m_counts_mutex);
  for (const auto& item : *items) {
    ++m_outcomes[item.outcome];
  }
  log::info("import processed", {{"IMPORT", std::to_string(pending.id)},
                                 {"ITEMS", std::to_string(items->size())},
                                 {"QUEUED", std::to_string(m_outcomes["queued"])}});
}

void ImportService::register_metrics(metrics::Registry& registry) {
  registry.counter_callback("harmony_import_lines_total",
                            "Import lines parsed (blank and comment lines left out).",
                            [this] { return static_cast<double>(m_lines.load()); });
  registry.counter_callback(
      "harmony_import_matched_total",
      "Import items whose Spotify track is known (links and matched searches).",
      [this] { return static_cast<double>(m_matched.load()); });
  registry.counter_callback("harmony_import_spotify_requests_total",
                            "Spotify Web API requests made for imports.",
                            [this] { return static_cast<double>(m_spotify_requests.load()); });
  registry.counter_callback("harmony_imports_failed_total",
                            "Imports that could not be written (nothing of them was queued).",
                            [this] { return static_cast<double>(m_failed.load()); });
  for (const char* outcome : k_outcomes) {
    registry.counter_callback(
        "harmony_import_items_total", "Import items by outcome (queued, duplicate, in_library, …).",
        [this, name = std::string(outcome)] {
          const std::lock_guard lock(m_counts_mutex);
          const auto it = m_outcomes.find(name);
          return it == m_outcomes.end() ? 0.0 : static_cast<double>(it->second);
        },
        {{"outcome", outcome}});
  }
}

}  // namespace harmony::harmonyd
