#!/usr/bin/env bash
# Fault → end state per checklist item on the stack test host, and `harmonyctl status` latency,
# for docs/benchmarks.md. Runs the e2e stack tests (they append "ITEM SECONDS" to
# HARMONY_STACK_TIMINGS) ROUNDS times, then times harmonyctl inside the host with hyperfine.
#   bench/stack/checklist.sh BUILD_DIR [ROUNDS]      (root; holds /tmp/harmony-heavy.lock)
set -euo pipefail
build="$(cd "${1:?usage: $0 BUILD_DIR [ROUNDS]}" && pwd)"
rounds="${2:-3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="$build/e2e-stack.state"
timings="$(mktemp /tmp/harmony-stack-timings.XXXXXX)"
trap 'rm -f "$timings"' EXIT
exec 9>/tmp/harmony-heavy.lock
flock 9
"$repo/tests/harness/dockerd-up.sh" 9>&-
if [[ ! -f "$state" ]]; then
    "$repo/tests/harness/stack-host.sh" up "$build" "$state" 9>&-
    trap 'rm -f "$timings"; "$repo/tests/harness/stack-host.sh" down "$state" 9>&-' EXIT
fi
for ((i = 1; i <= rounds; i++)); do
    HARMONY_STACK_TIMINGS="$timings" "$build/tests/e2e/stack/e2e_stack" \
        --gtest_filter='Checklist.*:Checklist/*' >/dev/null 9>&- || echo "round $i: a test failed" >&2
done
echo "## fault → end state (s), $rounds rounds"
sort -k1,1 -k2,2n "$timings" | awk '
    { v[$1] = v[$1] " " $2; n[$1]++ }
    END { for (k in v) { split(substr(v[k], 2), a, " "); m = a[int((n[k] + 1) / 2)];
          printf "%-22s median %.1f  (%s)\n", k, m, substr(v[k], 2) } }' | sort
# shellcheck disable=SC1090
source "$state"
echo "## harmonyctl status inside $STACK_HOST"
docker exec "$STACK_HOST" sh -c "command -v hyperfine >/dev/null || exit 3" 9>&- ||
    docker cp "$(command -v hyperfine)" "$STACK_HOST:/usr/local/bin/hyperfine" 9>&-
docker exec "$STACK_HOST" hyperfine -N -i --warmup 3 --runs 30 \
    "$STACK_PREFIX/bin/harmonyctl status --watchdog-url http://127.0.0.1:$STACK_WATCHDOG_PORT/health" \
    "systemctl is-active tidal.service" 9>&-
