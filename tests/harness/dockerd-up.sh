#!/usr/bin/env bash
# Make sure a Docker engine is reachable for the tests.
#
# - If `docker info` already works: do nothing. No PID file is written, so
#   dockerd-down.sh will leave that engine alone.
# - Otherwise: install docker.io if missing, start
#   `dockerd --bridge=none --iptables=false` in the background (log:
#   $HARMONY_DOCKERD_LOG), record its PID in $HARMONY_TEST_STATE_DIR/dockerd.pid
#   and poll `docker info` until it answers (bounded by
#   HARMONY_DOCKERD_TIMEOUT seconds, default 60).
#
# Idempotent; quiet on success. Usable as a CTest FIXTURES_SETUP test.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

timeout_s="${HARMONY_DOCKERD_TIMEOUT:-60}"
need_root

# An engine is already usable (ours from an earlier run, or somebody else's).
if command -v docker >/dev/null 2>&1 && docker_ready; then
    if [[ -f "$HARMONY_DOCKERD_PIDFILE" && -z "$(our_dockerd_pid)" ]]; then
        # Stale record: the dockerd we once started is gone; the running one is not ours.
        rm -f "$HARMONY_DOCKERD_PIDFILE" "$HARMONY_DOCKERD_STARTFILE"
    fi
    info "docker engine already running; not starting one"
    exit 0
fi

ensure_pkgs docker.io
need_cmd dockerd "apt-get install -y docker.io"
need_cmd docker "apt-get install -y docker.io"
mkdir -p "$HARMONY_TEST_STATE_DIR"

wait_ready() {
    # wait_ready PID : poll `docker info` until it answers, PID dies, or we time out.
    local pid="$1" deadline=$((SECONDS + timeout_s))
    while ! docker_ready; do
        if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
            echo "---- last 30 lines of $HARMONY_DOCKERD_LOG ----" >&2
            tail -n 30 "$HARMONY_DOCKERD_LOG" >&2 || true
            rm -f "$HARMONY_DOCKERD_PIDFILE" "$HARMONY_DOCKERD_STARTFILE"
            die "dockerd (pid $pid) exited before it became ready" \
                "read $HARMONY_DOCKERD_LOG; a stale /var/run/docker.pid or another engine holding /var/lib/docker are common causes"
        fi
        if ((SECONDS >= deadline)); then
            echo "---- last 30 lines of $HARMONY_DOCKERD_LOG ----" >&2
            tail -n 30 "$HARMONY_DOCKERD_LOG" >&2 || true
            die "dockerd did not answer 'docker info' within ${timeout_s}s" \
                "read $HARMONY_DOCKERD_LOG; stop it with $HARMONY_HARNESS_DIR/dockerd-down.sh and retry (or raise HARMONY_DOCKERD_TIMEOUT)"
        fi
        sleep 0.2
    done
}

# We started one earlier and it is still coming up: just wait for it.
pid="$(our_dockerd_pid)"
if [[ -n "$pid" ]]; then
    wait_ready "$pid"
    exit 0
fi
rm -f "$HARMONY_DOCKERD_PIDFILE" "$HARMONY_DOCKERD_STARTFILE"

# Some other dockerd is running but not answering: do not start a second one over it.
other=""
for p in $(pgrep -x dockerd || true); do
    pid_alive "$p" && other+="$p "
done
if [[ -n "$other" ]]; then
    die "a dockerd not started by this harness is running (pid(s): ${other% }) but 'docker info' fails" \
        "check that engine (its socket, DOCKER_HOST=${DOCKER_HOST:-unset}) or stop it yourself, then retry"
fi

mkdir -p "$(dirname "$HARMONY_DOCKERD_LOG")"
# setsid: own session, so CTest killing the fixture's process group does not take dockerd down.
# The background child is not a process-group leader, so setsid execs dockerd in place: $! is dockerd.
setsid dockerd --bridge=none --iptables=false </dev/null >"$HARMONY_DOCKERD_LOG" 2>&1 &
pid=$!
echo "$pid" >"$HARMONY_DOCKERD_PIDFILE"
echo "$PPID" >"$HARMONY_DOCKERD_OWNERFILE"
# Give setsid a moment to exec, so the start time/comm we record are dockerd's.
for _ in $(seq 1 50); do
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == dockerd ]] && break
    pid_alive "$pid" || break
    sleep 0.02
done
proc_starttime "$pid" >"$HARMONY_DOCKERD_STARTFILE"

wait_ready "$pid"
info "dockerd started (pid $pid), log $HARMONY_DOCKERD_LOG"
