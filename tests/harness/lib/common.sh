# shellcheck shell=bash
# Shared helpers for the Harmony Docker test harness. Source it; do not run it.
#
# Environment knobs (all optional):
#   HARMONY_TEST_STATE_DIR   state dir for the harness      (default /run/harmony-test)
#   HARMONY_DOCKERD_LOG      dockerd log when we start it   (default /var/log/harmony-test-dockerd.log)
#   HARMONY_TEST_LOG_DIR     per-image build logs           (default /var/log/harmony-test)
#   HARMONY_HARNESS_VERBOSE  =1 to print progress messages

HARMONY_HARNESS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARMONY_TEST_STATE_DIR="${HARMONY_TEST_STATE_DIR:-/run/harmony-test}"
HARMONY_DOCKERD_LOG="${HARMONY_DOCKERD_LOG:-/var/log/harmony-test-dockerd.log}"
HARMONY_TEST_LOG_DIR="${HARMONY_TEST_LOG_DIR:-/var/log/harmony-test}"
HARMONY_DOCKERD_PIDFILE="$HARMONY_TEST_STATE_DIR/dockerd.pid"
HARMONY_DOCKERD_STARTFILE="$HARMONY_TEST_STATE_DIR/dockerd.starttime"
# The process (a CTest run, or a shell) whose dockerd-up.sh started the engine; only that same
# parent's dockerd-down.sh stops it, so one test run never stops an engine another run uses.
HARMONY_DOCKERD_OWNERFILE="$HARMONY_TEST_STATE_DIR/dockerd.owner"

_harness_name="$(basename "$0")"

die() {
    # die MESSAGE [HINT]
    echo "harmony-harness: $_harness_name: ERROR: $1" >&2
    if [[ $# -ge 2 && -n "$2" ]]; then
        echo "harmony-harness: $_harness_name: what to do: $2" >&2
    fi
    exit 1
}

warn() { echo "harmony-harness: $_harness_name: warning: $*" >&2; }

info() {
    if [[ "${HARMONY_HARNESS_VERBOSE:-0}" == 1 ]]; then
        echo "harmony-harness: $_harness_name: $*" >&2
    fi
}

need_root() {
    [[ $EUID -eq 0 ]] || die "must run as root (uid is $EUID)" "re-run with sudo or as root"
}

need_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "required command '$1' not found" "${2:-install it and retry}"
}

# Monotonic-ish wall clock in milliseconds (for timings only).
now_ms() { date +%s%3N; }

# fmt_secs START_MS -> "12.3"
fmt_secs() {
    local d=$(( $(now_ms) - $1 ))
    printf '%d.%d' $((d / 1000)) $(((d % 1000) / 100))
}

docker_ready() { timeout 10 docker info >/dev/null 2>&1; }

require_docker() {
    need_cmd docker "apt-get install -y docker.io"
    docker_ready || die "cannot talk to the Docker engine ('docker info' fails)" \
        "start it with: $HARMONY_HARNESS_DIR/dockerd-up.sh"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# pkg_installed PKG -> true if dpkg says the package is fully installed
pkg_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == installed ]]
}

# ensure_pkgs PKG... : apt-get update + install only for packages that are missing.
ensure_pkgs() {
    local missing=() p log
    for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    info "installing missing packages: ${missing[*]}"
    log="$(mktemp /tmp/harmony-apt.XXXXXX.log)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get -o DPkg::Lock::Timeout=300 update >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "apt-get update failed (needed to install: ${missing[*]}); full log: $log" \
            "check that the Debian mirror in /etc/apt/sources.list* is reachable"
    fi
    if ! apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "apt-get install ${missing[*]} failed; full log: $log" \
            "run 'apt-get install -y ${missing[*]}' by hand to see why"
    fi
    rm -f "$log"
}

# proc_starttime PID -> field 22 of /proc/PID/stat (start time in clock ticks), empty if gone.
proc_starttime() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
    # comm (field 2) may contain spaces; strip through the last ')'.
    stat="${stat##*) }"
    # now field 3 is the first word; start time is field 22 => word 20.
    awk '{print $20}' <<<"$stat"
}

# pid_alive PID -> true if the process exists and is not a zombie.
pid_alive() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [[ "${stat:0:1}" != Z && "${stat:0:1}" != X ]]
}

# our_dockerd_pid -> prints the PID of the dockerd this harness started, if it is still alive
# (and really is that process: same comm and start time). Prints nothing otherwise.
our_dockerd_pid() {
    local pid want have
    [[ -f "$HARMONY_DOCKERD_PIDFILE" ]] || return 0
    pid="$(tr -d '[:space:]' <"$HARMONY_DOCKERD_PIDFILE")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == dockerd ]] || return 0
    pid_alive "$pid" || return 0
    want="$(cat "$HARMONY_DOCKERD_STARTFILE" 2>/dev/null || true)"
    have="$(proc_starttime "$pid")"
    if [[ -n "$want" && "$want" != "$have" ]]; then
        return 0 # PID was reused by a different dockerd
    fi
    echo "$pid"
}

# Stops PID with SIGNAL (default TERM) only if it still is program COMM (guards against PID
# reuse), waits up to 5 s, then SIGKILL. For daemons a harness script started itself.
stop_pid() {  # stop_pid PID COMM SIGNAL: only if PID still is that program
    local pid=$1 comm=$2 sig=${3:-TERM}
    [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == "$comm" ]] || return 0
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        pid_alive "$pid" || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
}
