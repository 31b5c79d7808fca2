#!/usr/bin/env bash
# runtime-packages.sh BINARY — prints the Debian packages that provide BINARY's shared
# libraries, one per line (what the runtime image installs). Used by the Dockerfile's builder
# stage and by tests/harness/harmonyd-image.sh, so both images get the same runtime set.
set -euo pipefail
binary="${1:?usage: runtime-packages.sh BINARY}"
paths=()
while read -r lib; do
    # usrmerge: ldd may print /lib/... while dpkg registered /usr/lib/... (or the other way).
    paths+=("$lib" "/usr${lib#/usr}" "${lib#/usr}" "$(readlink -f "$lib")")
done < <(ldd "$binary" | awk '/=> \// {print $3}')
[[ ${#paths[@]} -gt 0 ]] || { echo "runtime-packages.sh: ldd found no libraries in $binary" >&2; exit 1; }
# One dpkg query for all candidates (each call reads the whole database); misses are expected.
{ dpkg -S "${paths[@]}" 2>/dev/null || true; } | sed -n 's/^\([^:, ]*\)\(:[a-z0-9]*\)\{0,1\}: .*/\1/p' | sort -u
