#!/usr/bin/env bash
# verify-units.sh must fail, naming the defect, on each broken unit given:
#   verify-units-fails.sh BUILD_DIR UNIT_FILE EXPECTED_TEXT
set -uo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
out=$("$here/verify-units.sh" "$1" "$2" 2>&1)
status=$?
if [ "$status" -eq 0 ]; then
  printf '%s\n' "$out"
  echo "FAIL: verify-units.sh passed $2, which is broken on purpose" >&2
  exit 1
fi
if ! grep -qF -- "$3" <<<"$out"; then
  printf '%s\n' "$out"
  echo "FAIL: verify-units.sh failed on $2 but did not say '$3'" >&2
  exit 1
fi
echo "verify-units.sh rejected $(basename "$2") (exit $status): $(grep -F -- "$3" <<<"$out" | head -1)"
