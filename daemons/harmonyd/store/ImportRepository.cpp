#include "store/ImportRepository.hpp"

#include <fmt/format.h>

#include "hdm/Job.hpp"
#include "store/JobRepository.hpp"

namespace harmony::harmonyd::store {
namespace {

constexpr const char* k_columns =
    "id, source, format, status, created_ms, finished_ms, summary, error";

nlohmann::json import_from_row(const sqlite::Statement& row) {
  return {{"id", row.column_int(0)},
          {"source", row.column_text(1)},
          {"format", row.column_text(2)},
          {"status", row.column_text(3)},
          {"created_ms", row.column_int(4)},
          {"finished_ms", row.column_int(5)},
          {"summary", nlohmann::json::parse(row.column_text(6), nullptr, false)},
          {"error", row.column_text(7)}};
}

// Queues `item` unless a download for the same recording exists.
Result<void> queue(sqlite::Database& db, imports::ImportItem& item, std::int64_t now_ms) {
  auto queued = queue_unless_same_recording(db, item.request, now_ms);
  if (!queued) {
    return std::move(queued).error();
  }
  item.job_id = queued->first;
  item.outcome = queued->second ? "queued" : "duplicate";
  if (!queued->second) {
    item.reason = fmt::format("already requested as download {}", item.job_id);
  }
  return {};
}

Result<void> run(sqlite::Database& db, const char* sql,
                 const std::function<void(sqlite::Statement&)>& bind) {
  auto stmt = db.prepare(sql);
  if (!stmt) {
    return std::move(stmt).error();
  }
  bind(*stmt);
  return stmt->run();
}

Result<std::int64_t> count_items(sqlite::Database& db, std::int64_t id) {
  auto stmt = db.prepare("SELECT count(*) FROM import_items WHERE import_id = ?1");
  if (!stmt) {
    return std::move(stmt).error();
  }
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) {
    return std::move(row).error();
  }
  return *row ? stmt->column_int(0) : std::int64_t{0};
}

}  // namespace

Result<std::int64_t> ImportRepository::create(const std::string& source, std::int64_t now_ms) {
  std::int64_t id = 0;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto ran =
        run(db, "INSERT INTO imports(source, status, created_ms) VALUES(?1, 'processing', ?2)",
            [&](sqlite::Statement& s) { s.bind(1, source).bind(2, now_ms); });
    id = db.last_insert_rowid();
    return ran;
  });
  if (!written) {
    return std::move(written).error();
  }
  return id;
}

Result<void> ImportRepository::finish(std::int64_t id, const std::string& format,
                                      std::vector<imports::ImportItem>& items,
                                      nlohmann::json summary, std::int64_t now_ms) {
  auto planned = items;  // a failed transaction must not leave half-decided outcomes behind
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    items = planned;
    std::map<std::string, std::int64_t> outcomes;
    auto insert =
        db.prepare("INSERT INTO import_items(import_id, position, item) VALUES(?1, ?2, ?3)");
    if (!insert) {
      return std::move(insert).error();
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto& item = items[i];
      if (item.outcome.empty()) {
        if (auto queued = queue(db, item, now_ms); !queued) {
          return queued;
        }
      }
      ++outcomes[item.outcome];
      insert->reset();
      auto ran = insert->bind(1, id)
                     .bind(2, static_cast<std::int64_t>(i))
                     .bind(3, imports::to_json(item).dump(-1, ' ', false,
                                                          nlohmann::json::error_handler_t::replace))
                     .run();
      if (!ran) {
        return ran;
      }
    }
    summary["outcomes"] = outcomes;
    if (auto done = run(db,
                        "UPDATE imports SET status = 'done', format = ?2, finished_ms = ?3, "
                        "summary = ?4 WHERE id = ?1",
                        [&](sqlite::Statement& s) {
                          s.bind(1, id).bind(2, format).bind(3, now_ms).bind(4, summary.dump());
                        });
        !done) {
      return done;
    }
    return run(db,
               "INSERT INTO activity(at_ms, type, artist_key, message) VALUES(?1, 'import_done', "
               "'', ?2)",
               [&](sqlite::Statement& s) {
                 s.bind(1, now_ms).bind(
                     2, fmt::format("import {}: {} items, {} queued, {} duplicates, {} in the "
                                    "library, {} invalid, {} refused, {} failed ({} lines, {} "
                                    "matched on Spotify)",
                                    id, items.size(), outcomes["queued"], outcomes["duplicate"],
                                    outcomes["in_library"], outcomes["invalid"],
                                    outcomes["refused"], outcomes["failed"],
                                    summary.value("lines", 0), summary.value("matched", 0)));
               });
  });
}

Result<void> ImportRepository::fail(std::int64_t id, const std::string& error,
                                    std::int64_t now_ms) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    return run(db,
               "UPDATE imports SET status = 'failed', finished_ms = ?2, error = ?3 WHERE id = ?1",
               [&](sqlite::Statement& s) {
                 s.bind(1, id).bind(2, now_ms).bind(3, error.substr(0, 1000));
               });
  });
}

Result<std::vector<nlohmann::json>> ImportRepository::list(std::size_t limit) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<nlohmann::json>> {
    auto stmt =
        db.prepare(fmt::format("SELECT {} FROM imports ORDER BY id DESC LIMIT ?1", k_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, static_cast<std::int64_t>(limit));
    std::vector<nlohmann::json> found;
    while (true) {
      auto row = stmt->step();
      if (!row) {
        return std::move(row).error();
      }
      if (!*row) {
        return found;
      }
      found.push_back(import_from_row(*stmt));
    }
  });
}

Result<std::optional<nlohmann::json>> ImportRepository::get(std::int64_t id) {
  return read_page(id, 0, std::nullopt);
}

Result<std::optional<nlohmann::json>> ImportRepository::page(std::int64_t id, std::size_t offset,
                                                             std::size_t limit) {
  return read_page(id, offset, limit);
}

Result<std::optional<nlohmann::json>> ImportRepository::read_page(
    std::int64_t id, std::size_t offset, std::optional<std::size_t> limit) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::optional<nlohmann::json>> {
    auto stmt = db.prepare(fmt::format("SELECT {} FROM imports WHERE id = ?1", k_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return std::optional<nlohmann::json>();
    }
    auto json = import_from_row(*stmt);
    if (limit) {
      // Counted on the primary key's index, without reading an item.
      auto counted = count_items(db, id);
      if (!counted) {
        return std::move(counted).error();
      }
      json["item_count"] = *counted;
    }
    // Positions run 0, 1, 2, … in line order (finish() writes them so): the page is a range
    // of the primary key (import_id, position). LIMIT -1 is SQLite's "no limit".
    auto items = db.prepare(
        "SELECT item FROM import_items WHERE import_id = ?1 AND position >= ?2 "
        "ORDER BY position LIMIT ?3");
    if (!items) {
      return std::move(items).error();
    }
    items->bind(1, id)
        .bind(2, static_cast<std::int64_t>(offset))
        .bind(3, limit ? static_cast<std::int64_t>(*limit) : std::int64_t{-1});
    json["items"] = nlohmann::json::array();
    while (true) {
      auto next = items->step();
      if (!next) {
        return std::move(next).error();
      }
      if (!*next) {
        return std::optional<nlohmann::json>(std::move(json));
      }
      json["items"].push_back(nlohmann::json::parse(items->column_text(0), nullptr, false));
    }
  });
}

}  // namespace harmony::harmonyd::store
