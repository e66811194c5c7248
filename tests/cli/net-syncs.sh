#!/bin/sh
# kling-tui: a sweep costs no disk sync per task: `watch --once` over 100
# unchanged tasks, with a budget of status queries too large to hold anyone
# back (requests_per_second = 9999, as bench/bench.py sets it), syncs the
# store a handful of times at most, and asks at most 8 at once over reused
# connections, as curl --parallel-max 8 does (issue 11); --parallel 2, over
# two. Needs strace.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null ||
	{ echo "1..0 # SKIP strace is missing or cannot trace here"; exit 0; }
n=100
echo "requests_per_second = 9999" >>"$XDG_CONFIG_HOME/kling-tui/config"
start_sim --task-seconds 3600 --balance 100000000 || exit 1
export CRUN_API_KEY="$SIM_KEY"
set --
for i in $(seq 1 $n); do set -- "$@" "$NET/t2v.json"; done
run kt submit --parallel 8 "$@"
is "$RC" 0 "$n tasks submitted"
run kt watch --once          # the first answers move them: pending
settled
before=$(wc -l <"$SIM_LOG")
# LeakSanitizer (an ASan build's) cannot run under ptrace: it would abort.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
timeout 60 strace -f -c -o "$TMP/strace" -e trace=fdatasync,fsync,sendto \
	"$KLING_TUI" --base-url "$SIM_URL" watch --once --parallel 8 >"$TMP/out" 2>&1
is "$?" 0 "watch --once under strace"
syncs=$(awk '$NF == "fdatasync" || $NF == "fsync" { n += $4 } END { print n + 0 }' "$TMP/strace")
echo "# fdatasync and fsync in a sweep of $n unchanged tasks: $syncs"
ok $([ "$syncs" -le 3 ]; echo $?) "a sweep of $n tasks syncs the store $syncs times, not once a task"
# A send a query, and a few to wake the worker: a query queued while every
# transfer slot is busy waits for one to end, and needs no wake-up (there
# was one a query: 2 sends each).
sends=$(awk '$NF == "sendto" { n += $4 } END { print n + 0 }' "$TMP/strace")
echo "# sendto in a sweep of $n tasks: $sends"
ok $([ "$sends" -ge $n ] && [ "$sends" -lt $((n * 17 / 10)) ]; echo $?) \
	"a sweep of $n tasks: $sends sends, not two a query"
settled
tail -n +$((before + 1)) "$SIM_LOG" >"$TMP/sweep"
is "$(grep -c TaskInfo "$TMP/sweep")" $n "one TaskInfo a task"
conns=$(jq -r .conn "$TMP/sweep" | sort -u | wc -l | tr -d ' ')
ok $([ "$conns" -le 8 ]; echo $?) "over at most 8 connections, reused ($conns)"

# Into a file, the lines of a sweep go in a write a batch of answers, not a
# write a line (how many a batch depends on the timing: at most half as
# many writes as lines, where a write a line would be one each); none is lost.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
timeout 60 strace -f -o "$TMP/writes" -e trace=write \
	"$KLING_TUI" --base-url "$SIM_URL" watch --once --parallel 8 >"$TMP/out2" 2>/dev/null
is "$?" 0 "watch --once into a file, under strace"
is "$(grep -c '(t2v.json): ' "$TMP/out2")" $n "a line for each of the $n tasks"
writes=$(grep -c 'write(1,' "$TMP/writes")
echo "# writes to standard output in a sweep of $n tasks: $writes"
ok $([ "$writes" -ge 1 ] && [ "$writes" -le $((n / 2)) ]; echo $?) \
	"$n lines in $writes writes, not one a line"

# The sweep queues more queries than it sends at once: --parallel still
# bounds what is on the wire (one request a connection at a time).
before=$(wc -l <"$SIM_LOG")
run kt watch --once --parallel 2
is "$RC" 0 "watch --once --parallel 2"
settled
tail -n +$((before + 1)) "$SIM_LOG" >"$TMP/sweep2"
is "$(grep -c TaskInfo "$TMP/sweep2")" $n "one TaskInfo a task"
conns=$(jq -r .conn "$TMP/sweep2" | sort -u | wc -l | tr -d ' ')
ok $([ "$conns" -le 2 ]; echo $?) "--parallel 2: over at most 2 connections ($conns)"
done_testing
