#!/usr/bin/env bash
# Stop the dockerd that dockerd-up.sh started, and only that one.
#
# Reads $HARMONY_TEST_STATE_DIR/dockerd.pid; checks that the PID is still a
# dockerd with the recorded start time (guards against PID reuse); sends SIGTERM
# and waits (bounded by HARMONY_DOCKERD_STOP_TIMEOUT seconds, default 45) for it
# to exit; removes the state files. With no PID file it does nothing: an engine
# the harness did not start is never touched.
#
# Idempotent; quiet on success. Usable as a CTest FIXTURES_CLEANUP test.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

timeout_s="${HARMONY_DOCKERD_STOP_TIMEOUT:-45}"
need_root

if [[ ! -f "$HARMONY_DOCKERD_PIDFILE" ]]; then
    info "no $HARMONY_DOCKERD_PIDFILE: dockerd was not started by the harness; leaving it alone"
    exit 0
fi

owner="$(cat "$HARMONY_DOCKERD_OWNERFILE" 2>/dev/null || true)"
if [[ -n "$owner" && "$owner" != "$PPID" && "${HARMONY_DOCKERD_FORCE_DOWN:-0}" != 1 ]]; then
    info "dockerd was started for another run (parent pid $owner); leaving it running" \
         "(HARMONY_DOCKERD_FORCE_DOWN=1 stops it anyway)"
    exit 0
fi

pid="$(our_dockerd_pid)"
if [[ -z "$pid" ]]; then
    info "recorded dockerd ($(cat "$HARMONY_DOCKERD_PIDFILE")) is no longer running; removing stale state"
    rm -f "$HARMONY_DOCKERD_PIDFILE" "$HARMONY_DOCKERD_STARTFILE"
    exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + timeout_s))
while [[ -n "$(our_dockerd_pid)" ]]; do
    if ((SECONDS >= deadline)); then
        echo "---- last 20 lines of $HARMONY_DOCKERD_LOG ----" >&2
        tail -n 20 "$HARMONY_DOCKERD_LOG" >&2 || true
        die "dockerd (pid $pid) still running ${timeout_s}s after SIGTERM; state file kept" \
            "inspect $HARMONY_DOCKERD_LOG, then 'kill -KILL $pid' and re-run $0"
    fi
    sleep 0.2
done
rm -f "$HARMONY_DOCKERD_PIDFILE" "$HARMONY_DOCKERD_STARTFILE" "$HARMONY_DOCKERD_OWNERFILE"
info "dockerd (pid $pid) stopped"
