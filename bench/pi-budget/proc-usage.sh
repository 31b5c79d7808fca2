# shellcheck shell=bash
# Helpers for the Pi budget benchmarks; source it. Reads /proc only (no sampling tools), so the
# measurement itself adds no process to the one measured.

# cpu_ticks PID → utime+stime of the process (all its threads), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# cpu_children_ticks PID → cutime+cstime: CPU of the children it waited for (forked helpers).
cpu_children_ticks() { awk '{print $16 + $17}' "/proc/$1/stat"; }

# status_kb PID KEY → a kB field of /proc/PID/status (VmRSS, RssAnon, RssFile, VmHWM, ...).
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# threads PID → number of threads.
threads() { ls "/proc/$1/task" | wc -l; }

# forks_total → processes created on the machine since boot (the "processes" line of /proc/stat).
forks_total() { awk '$1 == "processes" {print $2}' /proc/stat; }

# percent TICKS SECONDS → CPU percent of one core, 3 decimals.
percent() { awk -v t="$1" -v s="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", 100 * t / hz / s}'; }

# rss_breakdown PID → where the resident memory is, from /proc/PID/smaps (kB): the program's
# own file, shared libraries, heap (brk), thread stacks and malloc arenas (anonymous maps),
# the main stack.
rss_breakdown() {
  awk '
    /^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anon]"; next }
    $1 == "Rss:" {
      if (name ~ /\.so/) lib += $2
      else if (name == "[heap]") heap += $2
      else if (name == "[stack]") stack += $2
      else if (name == "[anon]") anon += $2
      else if (name ~ /^\//) prog += $2
      else other += $2
    }
    END { printf "program=%d libs=%d heap=%d anon(stacks+arenas)=%d main-stack=%d other=%d\n", prog, lib, heap, anon, stack, other }
  ' "/proc/$1/smaps"
}

# libraries PID → how many shared libraries the process has mapped.
libraries() { awk '$6 ~ /\.so/ {print $6}' "/proc/$1/maps" | sort -u | wc -l; }

# library_rss PID [N] → the N (default 10) mapped files with the most resident kB, "name kB, ...".
library_rss() {
  awk '
    /^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : ""; next }
    $1 == "Rss:" && name ~ /^\// { n = name; sub(/.*\//, "", n); rss[n] += $2 }
    END { for (n in rss) print rss[n], n }
  ' "/proc/$1/smaps" | sort -rn | head -n "${2:-10}" | awk '{printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1}'
}
