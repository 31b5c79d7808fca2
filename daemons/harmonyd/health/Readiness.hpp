#pragma once

#include <functional>
#include <vector>

#include "config/Settings.hpp"
#include "health/CheckResult.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::health {

struct ReadinessReport {
  std::vector<CheckResult> checks;

  bool ok() const noexcept;
  // {"status":"ok"|"fail"} plus "checks" (always when verbose or failed) and "issues".
  nlohmann::json to_json(bool verbose) const;
  // The first failed check's exit code (checks are ordered config, paths, database, slskd,
  // spotify, so a configuration problem wins); 0 when everything passed.
  int exit_code() const noexcept;
};

// The directories harmonyd needs: exists, is a directory, writable (an unnamed O_TMPFILE probe
// is written and fsynced; a named one only where the filesystem lacks O_TMPFILE). Fails with
// ErrorKind::filesystem naming the first bad path.
CheckResult check_paths(const config::Settings& settings);
// Removes ".harmony-probe-*" files a killed harmonyd left by the named-probe fallback, from the
// top level of each folder; returns how many. Called once at start.
std::size_t remove_stale_probes(const std::vector<std::string>& dirs) noexcept;
CheckResult check_config(const config::Settings& settings);
CheckResult check_database(const store::DatabaseHealth& health);

// The checks shared by /api/health/ready and `harmonyd selfcheck`.
class Readiness {
 public:
  Readiness(std::function<std::shared_ptr<const config::Settings>()> settings,
            std::function<store::DatabaseHealth()> database, DependencyProbe& slskd,
            DependencyProbe& spotify)
      : m_settings(std::move(settings)),
        m_database(std::move(database)),
        m_slskd(slskd),
        m_spotify(spotify) {}

  ReadinessReport evaluate() const;

 private:
  std::function<std::shared_ptr<const config::Settings>()> m_settings;
  std::function<store::DatabaseHealth()> m_database;
  DependencyProbe& m_slskd;
  DependencyProbe& m_spotify;
};

}  // namespace harmony::harmonyd::health
