#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each one for
# FUZZ_SECONDS (default 600), one after another, starting from the committed seeds in
# fuzz/corpus/<target>. New inputs go to build/fuzz/corpus/<target>, never into the repository;
# crashes, leaks and UB reports stop that target and are left as build/fuzz/findings/<target>/.
# Prints one line per target: seconds, executions, corpus size and the outcome.
# FUZZ_JOBS (default 1) runs that many targets at once (each still gets FUZZ_SECONDS of wall time).
# Usage: scripts/fuzz.sh [target...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mapfile -t targets < <(if (($#)); then printf '%s\n' "$@"; else ls fuzz/corpus; fi)
jobs=${FUZZ_JOBS:-1}
run_target() { # run_target TARGET: one campaign; prints its line; fails on a finding
  local target=$1 program work findings log outcome runs took status=0
  program=build/fuzz/fuzz/fuzz_${target}
  work=build/fuzz/corpus/${target}
  findings=build/fuzz/findings/${target}
  mkdir -p "$work" "$findings"
  log=build/fuzz/${target}.log
  if "$program" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$findings/" \
      "$work" "fuzz/corpus/${target}" >"$log" 2>&1; then
    outcome="0 findings"
  else
    outcome="FINDING (see $log and $findings)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "$seconds")
  echo "fuzz: ${target}: ${took} s, ${runs} executions, $(ls "$work" | wc -l) corpus inputs, ${outcome}"
  return "$status"
}
status=0
running=0
for target in "${targets[@]}"; do
  if ((running >= jobs)); then
    wait -n || status=1
    running=$((running - 1))
  fi
  run_target "$target" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || status=1
  running=$((running - 1))
done
exit "$status"
