#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "api/Imports.hpp"
#include "core/Clock.hpp"
#include "imports/ImportLine.hpp"
#include "imports/ImportResolver.hpp"
#include "metrics/Registry.hpp"
#include "store/ImportRepository.hpp"

namespace harmony::harmonyd {

// Imports as the daemon runs them: the text is parsed when it is submitted (so a file that
// cannot be read is refused at once), then one background thread resolves each import in turn
// (Spotify lookups, duplicates, the library) and writes its items and download jobs in one
// transaction; the download worker picks the jobs up. Requests never wait for it.
class ImportService final : public api::Imports {
 public:
  ImportService(store::Store& store, spotify::SpotifyCatalog& catalog, library::TrackStore& library,
                const Clock& clock);
  ~ImportService() override;
  ImportService(const ImportService&) = delete;
  ImportService& operator=(const ImportService&) = delete;

  void start();
  void stop() noexcept;
  void register_metrics(metrics::Registry& registry);

  Result<std::int64_t> submit(std::string text, std::string file_name) override;
  Result<std::vector<nlohmann::json>> list(std::size_t limit) override {
    return m_store.list(limit);
  }
  Result<nlohmann::json> get(std::int64_t id) override;
  Result<nlohmann::json> page(std::int64_t id, std::size_t offset, std::size_t limit) override;

 private:
  struct Pending {
    std::int64_t id = 0;
    imports::ParsedImport parsed;
  };
  void run();
  void process(Pending& pending);
  std::int64_t now_ms() const;

  store::ImportRepository m_store;
  imports::ImportResolver m_resolver;
  const Clock& m_clock;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Pending> m_queue;
  bool m_stopping = false;
  std::thread m_thread;
  // Metrics: lines parsed, items by outcome, Spotify requests, imports by result.
  std::atomic<std::int64_t> m_lines{0};
  std::atomic<std::int64_t> m_matched{0};
  std::atomic<std::int64_t> m_spotify_requests{0};
  std::mutex m_counts_mutex;
  std::map<std::string, std::int64_t> m_outcomes;
  std::atomic<std::int64_t> m_failed{0};
};

}  // namespace harmony::harmonyd
