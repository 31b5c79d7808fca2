#include "container/Commands.hpp"

#include <cstdio>

#include "log/Log.hpp"

namespace harmony::harmonyd::container {
namespace {

constexpr const char* k_entrypoint_help = R"(Container start (the image's ENTRYPOINT; run as root):
  1. PUID/PGID (default 1000/1000) and UMASK (octal, default 022) from the environment
  2. create CONFIG_DIR, DOWNLOADS_DIR, MUSIC_DIR (/config /downloads /music) and chown them
  3. drop root (setgroups, setgid, setuid) and verify it cannot be regained
  4. prove each directory writable, write harmony.yml on first boot, open the SQLite file
  5. exec the server (extra arguments are passed to it)
Exit codes: 78 bad PUID/PGID/UMASK or configuration, 71 a directory or the database cannot be
used (the log line names the path and the chown fix), 70 internal.
Example: docker run -e PUID=1000 -e PGID=1000 -v /srv/music:/music ... harmony/harmonyd)";

constexpr const char* k_preflight_help =
    R"(Exit codes: 0 ready, 71 a directory cannot be created or written (the fix is printed).
Example: sudo harmonyd preflight --config-dir /srv/harmony/config \
           --downloads-dir /srv/harmony/downloads --music-dir /srv/music --puid 1000 --pgid 1000)";

}  // namespace

Commands::Commands(CLI::App& cli) {
  m_entrypoint = cli.add_subcommand(
      "entrypoint", "Prepare the volumes as root, drop to PUID:PGID and exec the server");
  m_entrypoint->footer(k_entrypoint_help);
  m_entrypoint->allow_extras();

  m_healthcheck = cli.add_subcommand(
      "healthcheck", "Probe /api/health/live once (the image's HEALTHCHECK); exit 0 when live");
  m_healthcheck->add_option("--url", m_healthcheck_options.url,
                            "URL to probe instead of http://127.0.0.1:APP_PORT/api/health/live");
  m_healthcheck->add_option("--timeout-ms", m_timeout_ms, "Give up after this long")
      ->capture_default_str()
      ->check(CLI::Range(50, 60000));

  m_preflight = cli.add_subcommand(
      "preflight",
      "On the host: create the volume directories, chown them (as root), and prove "
      "PUID:PGID can write them");
  m_preflight->footer(k_preflight_help);
  m_preflight
      ->add_option("--config-dir", m_preflight_options.config_dir,
                   "Host directory mounted at /config")
      ->capture_default_str();
  m_preflight
      ->add_option("--downloads-dir", m_preflight_options.downloads_dir,
                   "Host directory mounted at /downloads")
      ->capture_default_str();
  m_preflight
      ->add_option("--music-dir", m_preflight_options.music_dir, "Host directory mounted at /music")
      ->capture_default_str();
  m_preflight->add_option("--puid", m_preflight_options.puid, "The container's PUID")
      ->capture_default_str();
  m_preflight->add_option("--pgid", m_preflight_options.pgid, "The container's PGID")
      ->capture_default_str();
}

std::optional<int> Commands::run() {
  if (m_entrypoint->parsed()) {
    log::set_sink(log::make_default_sink("harmonyd"));
    m_entrypoint_options.server_args = m_entrypoint->remaining();
    return run_entrypoint(m_entrypoint_options, process_environment());
  }
  if (m_healthcheck->parsed()) {
    m_healthcheck_options.timeout = std::chrono::milliseconds(m_timeout_ms);
    return run_healthcheck(m_healthcheck_options);
  }
  if (m_preflight->parsed()) {
    return run_preflight(m_preflight_options, stdout, stderr);
  }
  return std::nullopt;
}

}  // namespace harmony::harmonyd::container
