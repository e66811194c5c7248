#!/bin/sh
# kling-tui bench: an idle program with nothing due (a store of finished
# tasks, the dashboard on screen when there is one): system calls (strace -c)
# and CPU time (/proc/PID/stat) over SECONDS. Target: no periodic wake-ups,
# i.e. a handful of calls at most and no CPU.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
# Usage: bench/idle.sh [SECONDS]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/common.sh"
need tmux strace
secs=${1:-30}
fill="$builddir/bench/fill-store"
[ -x "$fill" ] || { echo "bench: build bench/fill-store first (make bench)" >&2; exit 1; }
mkdir -p "$XDG_STATE_HOME/kling-tui"
"$fill" "$XDG_STATE_HOME/kling-tui/tasks.db" 200 0
sock="kt-bench-$$"
tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 "$KT"
bench_cleanup_tmux() { tmux -L "$sock" kill-server 2>/dev/null; bench_cleanup; }
trap bench_cleanup_tmux EXIT INT TERM
i=0; until tmux -L "$sock" capture-pane -p | grep -q Diagnostics || [ $i -ge 100 ]; do sleep 0.05; i=$((i + 1)); done
tmux -L "$sock" send-keys F2
sleep 2
pid=$(pgrep -P "$(tmux -L "$sock" display -p '#{pane_pid}')" | head -1)
[ -n "$pid" ] || pid=$(tmux -L "$sock" display -p '#{pane_pid}')
screen=$(tmux -L "$sock" capture-pane -p | head -1)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CPU first, untraced (attaching strace costs the tracee a little), then
# the system calls over a second window of the same length.
t0=$(ticks "$pid")
sleep "$secs"
t1=$(ticks "$pid")
timeout "$secs" strace -c -f -p "$pid" -o "$tmp/strace" 2>/dev/null || true
calls=$(awk '$NF == "total" { print $(NF-2) }' "$tmp/strace")
report "idle" <<EOT
idle program over $secs s, nothing due (200 finished tasks; screen: ${screen%% *})
  system calls (strace -c -f):  ${calls:-0}
  CPU time (utime+stime):       $((t1 - t0)) ticks of 1/$(getconf CLK_TCK) s
$(sed -n '/^% time/,$p' "$tmp/strace" | sed 's/^/    /')
EOT
