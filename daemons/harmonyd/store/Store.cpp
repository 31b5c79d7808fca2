#include "store/Store.hpp"

#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "log/Log.hpp"
#include "store/Schema.hpp"

namespace harmony::harmonyd::store {
namespace fs = std::filesystem;

namespace {

Result<void> remove_database(const std::string& path) {
  for (const std::string suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    fs::remove(path + suffix, ec);
    if (ec) {
      return make_error(ErrorKind::filesystem, fmt::format("DB_RESET: cannot delete {} ({})",
                                                           path + suffix, ec.message()));
    }
  }
  return {};
}

Error corrupt(const std::string& path, const std::string& result) {
  return make_error(
      ErrorKind::filesystem,
      fmt::format("database {} failed its integrity check: {}; restore a backup, or start "
                  "once with DB_RESET=1 to recreate it (all harmonyd state is lost)",
                  path, result));
}

}  // namespace

DatabaseHealth inspect_database(const std::string& path) {
  DatabaseHealth health;
  health.path = path;
  std::error_code ec;
  health.exists = fs::is_regular_file(path, ec);
  const std::string dir = fs::path(path).parent_path().string();
  health.writable = ::access(dir.c_str(), W_OK | X_OK) == 0 &&
                    (!health.exists || ::access(path.c_str(), W_OK) == 0);
  if (!health.exists) {
    health.quick_check = "not created yet";
    return health;
  }
  auto db = sqlite::Database::open(path, {.read_only = true,
                                          .create = false,
                                          .busy_timeout = std::chrono::milliseconds(500),
                                          .wal = false});
  if (!db) {
    health.quick_check = db.error().message;
    return health;
  }
  auto mode = db->query_text("PRAGMA journal_mode");
  health.wal = mode && *mode == "wal";
  auto check = db->quick_check();
  health.quick_check = check ? *check : check.error().message;
  return health;
}

Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  if (options.reset) {
    log::warning(fmt::format("DB_RESET is set: deleting {} and starting with an empty database",
                             options.path),
                 {{"PATH", options.path}});
    if (auto removed = remove_database(options.path); !removed) {
      return std::move(removed).error();
    }
  }
  auto writer = sqlite::Database::open(options.path);
  if (!writer) {
    const Error& error = writer.error();
    if (error.kind == ErrorKind::filesystem && fs::exists(options.path)) {
      return corrupt(options.path, error.message);
    }
    return std::move(writer).error();
  }
  auto check = writer->quick_check();
  if (!check) {
    return corrupt(options.path, check.error().message);
  }
  if (*check != "ok") {
    return corrupt(options.path, *check);
  }
  auto version = sqlite::apply_migrations(*writer, migrations());
  if (!version) {
    return std::move(version).error();
  }
  auto reader = sqlite::Database::open(options.path, {.read_only = true, .create = false});
  if (!reader) {
    return std::move(reader).error();
  }
  auto writes = std::make_unique<sqlite::WriteQueue>(std::move(*writer));
  return std::unique_ptr<Store>(
      new Store(options.path, std::move(*reader), std::move(writes), *version));
}

}  // namespace harmony::harmonyd::store
