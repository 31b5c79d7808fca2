#!/usr/bin/env bash
# watchdog-idle.sh on a machine whose systemd is not PID 1 (the build machines): inside the
# systemd test host container of tests/harness/testhost.sh, with the engine's socket mounted, so
# harmony-watchdog reaches systemd on that container's system bus and watches a sibling container
# on the real engine. One command:
#
#   bench/pi-budget/watchdog-idle-testhost.sh [BUILD_DIR] [SECONDS] [TRACE_SECONDS]
#                                     (default build/release, 600, 120; as watchdog-idle.sh)
#   (REACTION=0 and BASELINE_BUILD=DIR in the environment are passed on to watchdog-idle.sh)
#
# The source tree (and BUILD_DIR when it lies outside it) is bind-mounted read-only at the same
# path; strace is installed inside from Debian's mirror when the image lacks it. Starts the engine
# if none answers (and stops it again), builds the busybox and test host images if missing, and
# removes the test host and the benchmark's container at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
harness=$source_root/tests/harness
build=$(realpath -m "${1:-$source_root/build/release}")
seconds=${2:-600}
trace_seconds=${3:-120}
[ -x "$build/daemons/harmony-watchdog/harmony-watchdog" ] || {
  echo "no harmony-watchdog in $build; build it: cmake --preset release && cmake --build --preset release --target harmony-watchdog" >&2
  exit 69
}
name="pibench-testhost-$$"
started_engine=0
docker info >/dev/null 2>&1 || started_engine=1
cleanup() {
  docker ps -aq --filter "label=org.harmony.bench=$name" | xargs -r docker rm -f >/dev/null 2>&1 || true
  "$harness/testhost.sh" stop "$name" || true
  [ "$started_engine" -eq 0 ] || "$harness/dockerd-down.sh" || true
}
trap cleanup EXIT
"$harness/dockerd-up.sh"
"$harness/images.sh" busybox testhost >&2
mounts="-v $source_root:$source_root:ro"
case "$build/" in "$source_root"/*) ;; *) mounts+=" -v $build:$build:ro" ;; esac
baseline=${BASELINE_BUILD:+$(realpath -m "$BASELINE_BUILD")}
case "${baseline:-$source_root}/" in "$source_root"/*) ;; *) mounts+=" -v $baseline:$baseline:ro" ;; esac
HARMONY_TESTHOST_QUIET=1 HARMONY_TESTHOST_RUN_ARGS="$mounts" "$harness/testhost.sh" start "$name"
# strace, and the runtime libraries of both builds (a baseline from before a dependency change
# needs libraries the test host image no longer has).
packages="strace"
for program in "$build" ${baseline:+"$baseline"}; do
  packages+=" $("$source_root/docker/harmonyd/runtime-packages.sh" "$program/daemons/harmony-watchdog/harmony-watchdog" | xargs)"
done
docker exec "$name" sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages >/dev/null" >&2
docker exec -e PIBENCH_OWNER="$name" -e REACTION="${REACTION:-1}" -e BASELINE_BUILD="$baseline" "$name" bash "$here/watchdog-idle.sh" "$build" "$seconds" "$trace_seconds"
