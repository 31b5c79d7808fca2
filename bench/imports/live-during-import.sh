#!/usr/bin/env bash
# /api/health/live latency while a 10,000-line import is matched and queued (issue 17: p99 ≤ 5 ms),
# the import's wall time, and Spotify requests per matched line (≤ 1.2 on average).
#
# A real harmonyd with the Spotify stand-in (1,000 artists × 10 tracks) and the slskd stand-in as
# processes. The import's lines (a realistic mix, see make_input): most "Artist - Title" lines
# Spotify can match, some track and album links, some lines Spotify has no match for, some
# garbage. One client probes /api/health/live at 20 requests/s with curl (--rate), alternating
# 100-request rounds with keep-alive off (Connection: close, a new connection each) and on, until
# the import is done. Baseline in the same run: the same probe against the same harmonyd, idle,
# before the import is sent. Spotify requests are counted by the stand-in; matched lines are the
# import's items with a Spotify match (its summary's `matched`).
#
# Usage: bench/imports/live-during-import.sh [BUILD_DIR] [LINES]
#   BUILD_DIR  default build/release (targets harmonyd, spotify-standin, slskd-standin)
#   LINES      default 10000
# SPOTIFY_REQUESTS_PER_30S is raised to its maximum (1000) so the import takes minutes, not an
# hour: with the default 90 it is paced to 3 requests/s.
set -euo pipefail
build=${1:-build/release}
lines=${2:-10000}
harmonyd=$build/daemons/harmonyd/harmonyd
spotify_standin=$build/tests/browser/spotify-standin
slskd_standin=$build/tests/browser/slskd-standin
for program in "$harmonyd" "$spotify_standin" "$slskd_standin"; do
  [[ -x $program ]] || { echo "missing $program: build harmonyd spotify-standin slskd-standin" >&2; exit 69; }
done
tmp=$(mktemp -d)
pids=()
cleanup() {
  exec {spotify_in}>&- 2>/dev/null || true
  exec {slskd_in}>&- 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {  # the first port from $1 on that nothing listens on
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# N artists with 22-character ids; the stand-in gives each one album of 10 tracks.
artists=$(((lines + 9) / 10))
awk -v n="$artists" 'BEGIN {
  printf "[";
  for (i = 0; i < n; i++) printf "%s{\"id\":\"%s\",\"name\":\"Bench Artist %04d\"}", (i ? "," : ""), sprintf("0BenchArt%04dAAAAAAAAA", i), i;
  print "]" }' >"$tmp/artists.json"

# The import: per 100 lines, 85 "Artist - Title" of catalogue tracks, 5 track links, 5 lines
# Spotify has no match for, 5 garbage lines (4 without " - ", 1 over the 2,048-byte bound); then
# one album link per 500 lines to albums no other line touches (the last artists).
make_input() {
  awk -v n="$lines" -v artists="$artists" 'BEGIN {
    albums = int(n / 500); plain = n - albums; t = 0;
    for (i = 0; i < plain; i++) {
      k = i % 100;
      if (k < 90) {
        a = int(t / 10); s = t % 10 + 1; t++;
        if (a >= artists - albums) { a = a % (artists - albums) }
        if (k < 85) { printf "Bench Artist %04d - Light Song %d\n", a, s }
        else {
          id = sprintf("0BenchArt%04dAAAAAAAAA", a); num = s "";
          printf "https://open.spotify.com/track/%strk%s?si=bench\n", substr(id, 1, 19 - length(num)), num
        }
      } else if (k < 95) { printf "Unknown Band %d - Demo Take %d\n", i, i }
      else if (k < 99) { printf "just some words %d\n", i }
      else { line = "A - "; while (length(line) < 2100) line = line "x"; print line }
    }
    for (j = 0; j < albums; j++) {
      id = sprintf("0BenchArt%04dAAAAAAAAA", artists - 1 - j);
      printf "spotify:album:%salb\n", substr(id, 1, 19)
    }
  }' >"$tmp/import.txt"
}

mkdir -p "$tmp/config" "$tmp/music" "$tmp/downloads"
echo '[]' >"$tmp/peers.json"
callback_port=$(free_port 18390)
mkfifo "$tmp/spotify.in" "$tmp/spotify.out" "$tmp/slskd.in" "$tmp/slskd.out"
"$spotify_standin" --redirect-uri "http://127.0.0.1:$callback_port/callback" \
  --artists "$tmp/artists.json" --tracks 10 <"$tmp/spotify.in" >"$tmp/spotify.out" &
pids+=($!)
exec {spotify_in}>"$tmp/spotify.in" {spotify_out}<"$tmp/spotify.out"
"$slskd_standin" --downloads "$tmp/downloads" --peers "$tmp/peers.json" \
  <"$tmp/slskd.in" >"$tmp/slskd.out" &
pids+=($!)
exec {slskd_in}>"$tmp/slskd.in" {slskd_out}<"$tmp/slskd.out"
read -r -t 20 spotify_json <&"$spotify_out"
read -r -t 20 slskd_json <&"$slskd_out"
field() { sed -E "s/.*\"$2\":\"([^\"]*)\".*/\1/" <<<"$1"; }
spotify_counts() { echo >&"$spotify_in"; read -r -t 20 counts <&"$spotify_out"; echo "$counts"; }
number() { sed -E "s/.*\"$2\":([0-9]+).*/\1/" <<<"$1"; }

port=$(free_port 18380)
base=http://127.0.0.1:$port
env -i PATH="$PATH" HARMONY_PROFILE=container APP_HOST=127.0.0.1 APP_PORT="$port" \
  CONFIG_DIR="$tmp/config" MUSIC_DIR="$tmp/music" DOWNLOADS_DIR="$tmp/downloads" \
  SLSKD_URL="$(field "$slskd_json" url)" SLSKD_API_KEY="$(field "$slskd_json" api_key)" \
  SPOTIFY_CLIENT_ID="$(field "$spotify_json" client_id)" \
  SPOTIFY_CLIENT_SECRET="$(field "$spotify_json" client_secret)" \
  SPOTIFY_ACCOUNTS_URL="$(field "$spotify_json" accounts_url)" \
  SPOTIFY_API_URL="$(field "$spotify_json" api_url)" \
  SPOTIFY_REDIRECT_URI="http://127.0.0.1:$callback_port/callback" \
  SPOTIFY_REQUESTS_PER_30S=1000 RATE_LIMIT_ENABLED=false \
  "$harmonyd" 2>"$tmp/harmonyd.log" &
pids+=($!)
for _ in $(seq 200); do curl -sf "$base/api/health/live" >/dev/null && break; sleep 0.05; done
curl -sf "$base/api/health/live" >/dev/null || { tail -20 "$tmp/harmonyd.log" >&2; exit 70; }

# One round: 100 probes at 20/s from one curl; each probe's total time in ms on stdout.
probe_round() {  # keep-alive: on|off
  local args=(-s --rate 20/s -w '%{time_total}\n')
  [[ $1 == off ]] && args+=(-H 'Connection: close')
  local urls=()  # -o applies to one URL: each gets its own
  for _ in $(seq 100); do urls+=(-o /dev/null "$base/api/health/live"); done
  curl "${args[@]}" "${urls[@]}" | awk '{ printf "%.3f\n", $1 * 1000 }'
}
stats() {  # name file: p50/p99/max of the file's ms values
  sort -n "$2" | awk -v name="$1" '{ v[NR] = $1 } END {
    if (NR == 0) { printf "| %s | 0 | – | – | – |\n", name; exit }
    p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1];
    printf "| %s | %d | %.2f | %.2f | %.2f |\n", name, NR, p50, p99, v[NR] }'
}
import_status() { curl -sf "$base/api/v1/imports?limit=1"; }

echo "== $(date -u +%FT%TZ) $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== idle baseline: 6 rounds of 100 probes at 20/s, keep-alive off and on alternately"
for round in 1 2 3; do
  probe_round off >>"$tmp/idle-off"
  probe_round on >>"$tmp/idle-on"
done

make_input
echo "== import: $(wc -l <"$tmp/import.txt") lines ($(grep -c ' - Light Song ' "$tmp/import.txt") \"Artist - Title\" in the catalogue," \
  "$(grep -c 'open.spotify.com/track' "$tmp/import.txt") track links, $(grep -c '^spotify:album' "$tmp/import.txt") album links," \
  "$(grep -c '^Unknown Band' "$tmp/import.txt") without a Spotify match, $(grep -cE '^(just some|A - x)' "$tmp/import.txt") garbage)"
before=$(spotify_counts)
started=$(date +%s.%N)
reply=$(curl -sf -F "file=@$tmp/import.txt;filename=list.txt" "$base/api/v1/imports")
accepted=$(date +%s.%N)
id=$(sed -E 's/.*"id":([0-9]+).*/\1/' <<<"$reply")
while import_status | grep -q '"status":"processing"'; do
  probe_round off >>"$tmp/busy-off"
  import_status | grep -q '"status":"processing"' || break
  probe_round on >>"$tmp/busy-on"
done
ended=$(date +%s.%N)
after=$(spotify_counts)
status=$(import_status)
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -q '"status":"done"' <<<"$status" || { echo "import $id did not finish: $status" >&2; exit 70; }

echo
echo "| /api/health/live, 20 requests/s | probes | p50 ms | p99 ms | max ms |"
echo "|---|---|---|---|---|"
stats "idle, keep-alive off (baseline)" "$tmp/idle-off"
stats "idle, keep-alive on (baseline)" "$tmp/idle-on"
stats "during the import, keep-alive off" "$tmp/busy-off"
stats "during the import, keep-alive on" "$tmp/busy-on"
echo
matched=$(sed -E 's/.*"matched":([0-9]+).*/\1/' <<<"$status")
items=$(sed -E 's/.*"items":([0-9]+).*/\1/' <<<"$status")
requests=$(($(number "$after" api_requests) - $(number "$before" api_requests)))
searches=$(($(number "$after" searches) - $(number "$before" searches)))
created=$(sed -E 's/.*"created_ms":([0-9]+).*/\1/' <<<"$status")
finished=$(sed -E 's/.*"finished_ms":([0-9]+).*/\1/' <<<"$status")
echo "import $id: $items items, $matched matched; as listed: $status"
awk -v s="$started" -v a="$accepted" -v e="$ended" -v c="$created" -v f="$finished" \
  'BEGIN { printf "wall time: %.1f s from created to finished (the upload answered 202 after %.2f s; done seen %.1f s after it)\n", (f - c) / 1000, a - s, e - s }'
awk -v r="$requests" -v q="$searches" -v m="$matched" \
  'BEGIN { printf "Spotify Web API requests (stand-in count): %d (%d searches) → %.3f per matched line\n", r, q, r / m }'
