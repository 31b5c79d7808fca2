#include "container/Privileges.hpp"

#include <grp.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace harmony::harmonyd::container {
namespace {

Error call_failed(const char* call, int error) {
  return Error{ErrorKind::internal,
               fmt::format("{} failed while dropping root: {}", call, std::strerror(error)), error};
}

Result<void> verify(uid_t uid, gid_t gid) {
  uid_t ruid = 0;
  uid_t euid = 0;
  uid_t suid = 0;
  gid_t rgid = 0;
  gid_t egid = 0;
  gid_t sgid = 0;
  if (::getresuid(&ruid, &euid, &suid) != 0 || ::getresgid(&rgid, &egid, &sgid) != 0) {
    return call_failed("getresuid/getresgid", errno);
  }
  if (ruid != uid || euid != uid || suid != uid || rgid != gid || egid != gid || sgid != gid) {
    return Error{ErrorKind::internal,
                 fmt::format("privilege drop incomplete: uids {}/{}/{} gids {}/{}/{}, wanted {}:{}",
                             ruid, euid, suid, rgid, egid, sgid, uid, gid)};
  }
  gid_t groups[2] = {};
  const int count = ::getgroups(2, groups);
  if (count < 0 || count > 1 || (count == 1 && groups[0] != gid)) {
    return Error{ErrorKind::internal, "privilege drop incomplete: supplementary groups remain"};
  }
  // The proof: a process that really dropped root cannot take it back.
  if (::setuid(0) == 0 || ::seteuid(0) == 0) {
    return Error{ErrorKind::internal, "privilege drop failed: setuid(0) still succeeds"};
  }
  if (gid != 0 && (::setgid(0) == 0 || ::setegid(0) == 0)) {
    return Error{ErrorKind::internal, "privilege drop failed: setgid(0) still succeeds"};
  }
  return {};
}

}  // namespace

Result<void> drop_privileges(uid_t uid, gid_t gid) {
  if (uid == 0) {
    return Error{ErrorKind::config,
                 "PUID=0 would run the server as root; set PUID/PGID to the owner of your "
                 "host directories (e.g. PUID=1000 PGID=1000)"};
  }
  if (::setgroups(1, &gid) != 0) {
    return call_failed("setgroups", errno);
  }
  if (::setgid(gid) != 0) {
    return call_failed("setgid", errno);
  }
  if (::setuid(uid) != 0) {
    return call_failed("setuid", errno);
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return call_failed("prctl(PR_SET_NO_NEW_PRIVS)", errno);
  }
  return verify(uid, gid);
}

}  // namespace harmony::harmonyd::container
