#!/usr/bin/env bash
# Shows that wait-for-container spawns no child process (issue 5, Performance): runs one
# not-healthy → healthy wait under `strace -f -e trace=process` and counts, after the tool's own
# execve, every execve and every fork/vfork/clone/clone3 that is not a thread (no CLONE_THREAD).
# Prints the counts and exits 1 if any is non-zero. Needs strace (scripts/packages.d/test-docker.txt).
#
#   bench/docker/child-processes.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool="$1/tools/wait-for-container/wait-for-container"
name="bench_wfc_children_$$"
log="$(mktemp /tmp/bench_wfc_strace.XXXXXX)"
trap 'docker rm -f "$name" >/dev/null 2>&1 || true; rm -f "$log"' EXIT
[[ -x "$tool" ]] || { echo "child-processes.sh: no tool at $tool (build it first)" >&2; exit 64; }
command -v strace >/dev/null || { echo "child-processes.sh: strace is not installed (apt-get install strace)" >&2; exit 69; }

"$here/../../docker/test-images/build.sh" speaker >&2
docker run -d --name "$name" --network none -e START_UNHEALTHY=1 --health-interval 100ms \
    --health-retries 1 harmony-test/speaker:latest >/dev/null
until [[ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" == unhealthy ]]; do sleep 0.05; done
strace -f -e trace=process -o "$log" "$tool" "$name" 30 1 healthy --stable 0 &
pid=$!
sleep 1  # the tool is waiting (probes, event stream); the flip happens mid-wait
docker exec "$name" touch /tmp/healthy
wait "$pid"
execs=$(grep -c 'execve(' "$log" || true)
threads=$(grep -E '(clone3?)\(' "$log" | grep -c 'CLONE_THREAD' || true)
processes=$(grep -E '(clone3?|v?fork)\(' "$log" | grep -vc 'CLONE_THREAD' || true)
echo "syscalls traced: $(wc -l <"$log") lines of strace -f -e trace=process"
echo "execve: $execs (1 = the tool itself), threads created: $threads, child processes created: $processes"
[[ "$execs" -eq 1 && "$processes" -eq 0 ]]
