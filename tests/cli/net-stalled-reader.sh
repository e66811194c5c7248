#!/bin/sh
# kling-tui: a watch whose reader has stopped reading (`watch | less` left
# at its first page) waits on the full pipe without the store's write lock:
# another instance still records a submission at once, where it waited ten
# seconds and failed with "database is locked" when the answers were printed
# inside the transaction that records them.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

# No pace between queries: the watch asks them all in a second.
printf 'requests_per_second = 9999\n' >>"$XDG_CONFIG_HOME/kling-tui/config"
start_sim --task-seconds 3600 --balance 100000 || exit 1
export CRUN_API_KEY="$SIM_KEY"
# 400 lines of about 240 bytes: more than the pipe (64 KiB) and stdio's
# buffer hold.
n=400
set --
for i in $(seq 1 $n); do set -- "$@" "$NET/t2v.json"; done
run kt submit --parallel 8 "$@"
is "$RC" 0 "$n tasks submitted"

# The reader: a slow one (512 bytes every 2 s: a pager, a slow link) until
# told to ($TMP/go), then all the rest. The watch asks 32 at a time, whose
# answers pile up while it waits to write, and come as one batch of about
# 8 KB: more than stdio's buffer, so part of it is written while the batch is
# recorded.
( kt watch --once --json --parallel 16; echo $? >"$TMP/watch-rc" ) |
	( while [ ! -f "$TMP/go" ]; do
		dd bs=512 count=1 2>/dev/null >>"$TMP/watch-out"
		sleep 2
	  done
	  cat >>"$TMP/watch-out" ) &
reader=$!
# The watch fills the pipe (about 280 lines here), then asks only as fast
# as its output is read.
sleep 3
got=$(sim_log_count GET /api/v1/client/job/TaskInfo)
ok "$([ "$got" -gt 0 ] && [ "$got" -lt $n ] && echo 0 || echo 1)" \
	"the watch asked ($got of $n), then waits on its reader"
is "$(cat "$TMP/watch-rc" 2>/dev/null)" "" "it has not ended"

# The store is free: a submission is recorded within its own round trip,
# not after the ten seconds the store waits for a lock.
t0=$(date +%s%N)
run kt submit "$NET/t2v.json"
ms=$((($(date +%s%N) - t0) / 1000000))
is "$RC" 0 "another instance submits meanwhile"
ok "$([ $ms -lt 2000 ] && echo 0 || echo 1)" "without waiting for the watch ($ms ms)"
is "$(kt list --json | wc -l)" "$((n + 1))" "its task is in the store"

# The reader reads everything at last: the watch writes it all and ends well.
touch "$TMP/go"
wait "$reader"
is "$(cat "$TMP/watch-rc")" 0 "the watch ends well"
is "$(wc -l <"$TMP/watch-out")" "$n" "nothing it printed is lost"
is "$(jq -r .task_id "$TMP/watch-out" | sort -u | wc -l)" "$n" "each task once"
done_testing
