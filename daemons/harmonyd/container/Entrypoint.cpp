#include "container/Entrypoint.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "cli/Startup.hpp"
#include "config/Settings.hpp"
#include "container/MountTable.hpp"
#include "container/Privileges.hpp"
#include "container/Volumes.hpp"
#include "core/ExitCode.hpp"
#include "log/Log.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::container {
namespace {

// What the operator does about a directory the container user cannot use. The host path is
// unknown inside the container, hence the placeholder.
std::string fix_for(const Volume& volume, const Identity& identity, int error) {
  const std::string chown = fmt::format(
      "give the directory you mount at {} to the container user: chown {}:{} /host/path (or set "
      "PUID/PGID to its owner)",
      volume.path, identity.uid, identity.gid);
  if (error == EROFS) {
    return fmt::format("fix: {} is mounted read-only; mount it read-write (drop ':ro') and {}",
                       volume.path, chown);
  }
  return "fix: on the host, " + chown;
}

int fail(const Volume& volume, const Identity& identity, const Error& error,
         std::string_view step) {
  log::error(fmt::format("entrypoint: {} directory {}: {}; {}", volume.name, volume.path,
                         error.message, fix_for(volume, identity, error.native_code)),
             {{"STEP", std::string(step)}, {"PATH", volume.path}});
  return exit_code::k_filesystem;
}

int prepare(const Volume& volume, const Identity& identity, bool as_root,
            const std::vector<std::string>& mounts) {
  auto created = ensure_directory(volume.path, 0777);
  if (!created) {
    return fail(volume, identity, created.error(), "mkdir");
  }
  log::info(fmt::format("entrypoint: {} directory {} {}", volume.name, volume.path,
                        *created ? "created" : "exists"),
            {{"STEP", "mkdir"}, {"PATH", volume.path}});
  if (as_root) {
    auto changed = ensure_owner(volume.path, identity.uid, identity.gid);
    if (!changed) {
      return fail(volume, identity, changed.error(), "chown");
    }
    log::info(
        fmt::format("entrypoint: {} directory {} {} {}:{}", volume.name, volume.path,
                    *changed ? "now owned by" : "already owned by", identity.uid, identity.gid),
        {{"STEP", "chown"}, {"PATH", volume.path}});
  }
  if (!is_mount_point(volume.path, mounts)) {
    log::warning(fmt::format("entrypoint: {} is not a mount point: data will be lost when the "
                             "container is removed; mount a host directory or volume there",
                             volume.path),
                 {{"STEP", "mount"}, {"PATH", volume.path}});
  }
  return exit_code::k_ok;
}

// First boot as the server's user, so everything created belongs to it: harmony.yml with every
// key, then the SQLite file opened, checked and migrated (the server reopens it).
int bootstrap_state(const config::Settings& settings, const Identity& identity) {
  if (auto written = cli::prepare_config({}); !written) {
    log::error("entrypoint: " + written.error().message,
               {{"STEP", "config"}, {"PATH", settings.config_file}});
    return exit_code_for(written.error().kind);
  }
  const std::string& database = settings.database_path;
  auto store = store::Store::open({database, settings.db_reset});
  if (!store) {
    log::error(fmt::format("entrypoint: database {}: {}; fix: on the host, chown {}:{} the "
                           "directory holding it (or move a damaged file away)",
                           database, store.error().message, identity.uid, identity.gid),
               {{"STEP", "database"}, {"PATH", database}});
    return exit_code_for(store.error().kind);
  }
  log::info(fmt::format("entrypoint: database {} ready (schema version {})", database,
                        (*store)->schema_version()),
            {{"STEP", "database"}, {"PATH", database}});
  return exit_code::k_ok;
}

}  // namespace

int run_entrypoint(const EntrypointOptions& options, const EnvLookup& env) {
  auto identity = identity_from_environment(env);
  if (!identity) {
    log::error("entrypoint: " + identity.error().message, {{"STEP", "identity"}});
    return exit_code::k_config;
  }
  ::umask(identity->umask);
  log::info(fmt::format("entrypoint: serving as PUID={} PGID={} with UMASK={:03o}", identity->uid,
                        identity->gid, identity->umask),
            {{"STEP", "identity"}});
  const bool as_root = ::geteuid() == 0;
  if (!as_root && (::geteuid() != identity->uid || ::getegid() != identity->gid)) {
    log::error(fmt::format("entrypoint: the container runs as {}:{} without root, so PUID={} "
                           "PGID={} cannot be applied; remove '--user' (the entrypoint drops "
                           "root itself) or set PUID={} PGID={}",
                           ::geteuid(), ::getegid(), identity->uid, identity->gid, ::geteuid(),
                           ::getegid()),
               {{"STEP", "identity"}});
    return exit_code::k_config;
  }
  auto settings = config::load_settings({});
  if (!settings) {
    log::error("entrypoint: " + settings.error().message, {{"STEP", "config"}});
    return exit_code_for(settings.error().kind);
  }
  const std::vector<Volume> volumes = {{"config", settings->config_dir},
                                       {"downloads", settings->downloads_dir},
                                       {"music", settings->music_dir}};
  const std::vector<std::string> mounts = read_mount_points();
  for (const Volume& volume : volumes) {
    if (const int code = prepare(volume, *identity, as_root, mounts); code != exit_code::k_ok) {
      return code;
    }
  }
  if (as_root) {
    if (auto dropped = drop_privileges(identity->uid, identity->gid); !dropped) {
      log::error("entrypoint: " + dropped.error().message, {{"STEP", "drop"}});
      return exit_code_for(dropped.error().kind);
    }
    log::info(fmt::format("entrypoint: dropped root, now {}:{} (verified: root cannot be "
                          "regained)",
                          identity->uid, identity->gid),
              {{"STEP", "drop"}});
  }
  // Probing after the drop answers the real question: can the server's user write here?
  for (const Volume& volume : volumes) {
    if (auto probed = probe_writable(volume.path); !probed) {
      return fail(volume, *identity, probed.error(), "probe");
    }
    log::info(fmt::format("entrypoint: {} directory {} is writable by {}:{}", volume.name,
                          volume.path, identity->uid, identity->gid),
              {{"STEP", "probe"}, {"PATH", volume.path}});
  }
  if (const int code = bootstrap_state(*settings, *identity); code != exit_code::k_ok) {
    return code;
  }

  std::vector<char*> argv;
  std::string name = "harmonyd";
  argv.push_back(name.data());
  std::vector<std::string> args = options.server_args;
  for (std::string& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  log::info(fmt::format("entrypoint: starting the server as {}:{}", ::geteuid(), ::getegid()),
            {{"STEP", "exec"}, {"PATH", options.server_program}});
  ::execv(options.server_program.c_str(), argv.data());
  const int error = errno;
  log::error(
      fmt::format("entrypoint: cannot start {}: {}", options.server_program, std::strerror(error)),
      {{"STEP", "exec"}, {"PATH", options.server_program}});
  return exit_code::k_internal;
}

}  // namespace harmony::harmonyd::container
