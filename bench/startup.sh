#!/bin/sh
# kling-tui bench: start-up to the first drawn frame with a store of 10,000
# tasks (targets: under 50 ms, max RSS under 16 MiB), and F2 to the other
# screen. Medians over RUNS starts on a pty.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
# Usage: bench/startup.sh [RUNS [TASKS]]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/common.sh"
need python3
runs=${1:-15} tasks=${2:-10000}
fill="$builddir/bench/fill-store"
[ -x "$fill" ] || { echo "bench: build bench/fill-store first (make bench)" >&2; exit 1; }
mkdir -p "$XDG_STATE_HOME/kling-tui"
"$fill" "$XDG_STATE_HOME/kling-tui/tasks.db" "$tasks" 0
# No key and no network: what is measured is the program and its store.
export TERM=xterm-256color LC_ALL=C.UTF-8
# The dashboard (its "sort:" line) when the store has tasks, else the editor.
python3 "$top/bench/first-frame.py" "$runs" "sort:" "Diagnostics" "$KT" >"$tmp/times"
first=$(cut -d' ' -f1 "$tmp/times" | median)
switch=$(cut -d' ' -f2 "$tmp/times" | median)
screen=$(cut -d' ' -f3 "$tmp/times" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
case $screen in sort:) screen=dashboard ;; Diagnostics) screen=editor ;; esac
# Max RSS of one whole session: start, dashboard, quit.
python3 "$top/bench/first-frame.py" 1 "sort:" "Diagnostics" \
	/usr/bin/time -v -o "$tmp/time.txt" "$KT" >/dev/null
rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time.txt")
report "startup" <<EOT
start-up with a store of $tasks tasks ($runs runs on a 100x30 pty, medians)
  to the first drawn frame ($screen): $first ms (target < 50 ms)
  F2 to the other screen:          $switch ms
  max RSS of the session:          $(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB (target < 16 MiB)
EOT
