#include "LibraryService.hpp"

#include "audio/AudioFile.hpp"

namespace harmony::harmonyd {

LibraryService::LibraryService(const config::Settings& settings, store::Store& store)
    : m_tracks(store),
      m_scanner(settings.music_dir, m_tracks, audio::read_summary),
      m_indexer(m_scanner, settings.library_scan_interval) {}

Result<api::LibraryStats> LibraryService::stats() {
  auto counts = m_tracks.counts();
  if (!counts) {
    return std::move(counts).error();
  }
  return api::LibraryStats{m_scanner.music_dir().string(), *counts, m_indexer.status()};
}

library::IndexCounts LibraryService::recent_counts() {
  const std::lock_guard lock(m_counts_mutex);
  const auto now = std::chrono::steady_clock::now();
  if (now - m_counts_at > std::chrono::seconds(5)) {
    if (auto counts = m_tracks.counts(); counts) {
      m_counts = *counts;
      m_counts_at = now;
    }
  }
  return m_counts;
}

void LibraryService::register_metrics(metrics::Registry& registry) {
  registry.gauge_callback("harmony_library_tracks", "Readable audio files in the library index.",
                          [this] { return static_cast<double>(recent_counts().tracks); });
  registry.gauge_callback("harmony_library_unreadable_files",
                          "Files with an audio extension in MUSIC_DIR that TagLib cannot read.",
                          [this] { return static_cast<double>(recent_counts().unreadable); });
  registry.counter_callback("harmony_library_scans_total", "Library scans finished, by result.",
                            [this] {
                              const auto status = m_indexer.status();
                              return static_cast<double>(status.scans - status.failed_scans);
                            },
                            {{"result", "ok"}});
  registry.counter_callback("harmony_library_scans_total", "Library scans finished, by result.",
                            [this] { return static_cast<double>(m_indexer.status().failed_scans); },
                            {{"result", "failed"}});
  registry.gauge_callback(
      "harmony_library_scan_duration_seconds", "How long the last library scan took.", [this] {
        const auto status = m_indexer.status();
        return status.last ? static_cast<double>(status.last->duration.count()) / 1000.0 : 0.0;
      });
}

}  // namespace harmony::harmonyd
