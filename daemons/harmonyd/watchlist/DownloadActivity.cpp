#include "watchlist/DownloadActivity.hpp"

#include <fmt/format.h>

#include "log/Log.hpp"
#include "watchlist/ReleaseChecker.hpp"

namespace harmony::harmonyd::watchlist {

void DownloadActivity::ended(const hdm::Job& job) {
  if (job.request.source != "watchlist") {
    return;
  }
  auto artist = m_store.artist_of_job(job.id);
  if (!artist) {
    log::warning("cannot record watchlist activity", {{"ERROR", artist.error().message}});
    return;
  }
  if (!*artist) {
    return;  // unwatched meanwhile (its releases went with it): nobody to tell
  }
  ActivityEntry entry;
  entry.at_ms = wall_ms(m_clock);
  entry.artist_key = **artist;
  if (job.state == hdm::JobState::done) {
    entry.type = "download_done";
    entry.message = fmt::format("{} – {} filed as {} (download {})", job.request.artist,
                                job.request.title, job.final_path, job.id);
  } else {
    entry.type = "download_failed";
    entry.message = fmt::format(
        "{} – {} failed after {} search rounds: {} (download {}; "
        "POST /api/v1/downloads/{}/retry tries again)",
        job.request.artist, job.request.title, job.attempts, job.last_error, job.id, job.id);
  }
  if (auto added = m_store.add_activity(entry); !added) {
    log::warning("cannot record watchlist activity", {{"ERROR", added.error().message}});
  }
}

}  // namespace harmony::harmonyd::watchlist
