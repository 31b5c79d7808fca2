#!/usr/bin/env bash
# Every test tier, as `make test` runs them, in the least wall-clock time two cores allow:
#
#   1. the Debug build of everything (all cores);
#   2. every CTest tier of that build in the foreground (unit, integration, e2e, browser), while
#      the ASan/UBSan build of the unit tier compiles in the background at the lowest CPU
#      priority: the integration and e2e tiers spend most of their time waiting on dockerd,
#      systemd and timers, and a nice-19 compiler takes only the cycles they leave idle;
#   3. the unit tier under ASan/UBSan (in the foreground: its tests may time real waits).
#
# Extra background work may join stage 2: HARMONY_BACKGROUND="make lint" (how .ci/run lints).
# Background output goes to build/asan-build.log and build/background.log and is printed at the
# end. Exits 1 when any stage failed, after running all of them; the last lines name each stage's
# outcome.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 70
mkdir -p build

results=()
status=0
started=$SECONDS
record() { # record NAME RC [SECONDS]: the stage's outcome, with its wall-clock time when known
  local took=${3:+ in ${3} s}
  if [ "$2" -eq 0 ]; then results+=("test-tiers: $1: passed$took"); else
    results+=("test-tiers: $1: FAILED (exit $2)$took")
    status=1
  fi
}

t0=$SECONDS
make --no-print-directory debug || { echo "test-tiers: the Debug build failed" >&2; exit 1; }
record "Debug build" 0 $((SECONDS - t0))

background() { # background NAME COMMAND...: runs at the lowest priority, logging to build/NAME.log
  local name=$1
  shift
  # The log ends with the job's wall-clock time.
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} nice -n 19 \
    bash -c 's=$SECONDS; "$@"; rc=$?; echo "took $((SECONDS - s)) s"; exit $rc' "$name" "$@" \
    >"build/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
}
pids=()
names=()
background asan-build make --no-print-directory asan
if [ -n "${HARMONY_BACKGROUND:-}" ]; then
  background background bash -c "$HARMONY_BACKGROUND"
fi

t0=$SECONDS
ctest --preset debug
record "every tier (Debug)" $? $((SECONDS - t0))

for i in "${!pids[@]}"; do
  wait "${pids[$i]}"
  rc=$?
  echo "== ${names[$i]} (build/${names[$i]}.log)"
  # The whole log of a failure; the end of a success.
  if [ "$rc" -eq 0 ]; then tail -n 5 "build/${names[$i]}.log"; else cat "build/${names[$i]}.log"; fi
  record "${names[$i]} (background)" "$rc" "$(sed -n 's/^took \([0-9]*\) s$/\1/p' "build/${names[$i]}.log" | tail -n 1)"
done

if [ "${results[*]}" != "${results[*]/asan-build (background): FAILED/}" ]; then
  record "unit tier under ASan/UBSan (not run: its build failed)" 1
else
  t0=$SECONDS
  ctest --preset asan-ubsan
  record "unit tier under ASan/UBSan" $? $((SECONDS - t0))
fi

printf '%s\n' "${results[@]}" "test-tiers: all stages took $((SECONDS - started)) s"
exit "$status"
