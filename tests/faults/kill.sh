#!/bin/sh
# kling-tui fault campaign: kill -9 at random moments while tasks are in
# flight. Nothing committed to the store is ever lost, every create that
# reached the service was recorded first, none is sent twice, and a restart
# follows what is left without resubmitting anything.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"
export CRUN_API_KEY="$SIM_KEY"
ROUNDS=${KT_KILL_ROUNDS:-6}
# The moments come from a seed that is printed, so that a failing campaign
# can be run again as it was: KT_KILL_SEED=N.
seed=${KT_KILL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
case $seed in ''|*[!0-9]*) echo "Bail out! KT_KILL_SEED must be a number"; exit 1 ;; esac
echo "# seed $seed (KT_KILL_SEED=$seed repeats this campaign)"
random_ms() { # random_ms MIN SPAN: sets ms (no subshell: the state moves on)
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	ms=$(( $1 + (seed / 65536) % $2 ))
}
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
snapshot() { "$KLING_TUI" list --json --all | jq -c '{id, task_id}' | sort; }

start_sim --latency 200 --task-seconds 3 || exit 1
for f in a b c d; do cp "$NET/t2v.json" "$TMP/$f.json"; done
: >"$TMP/before"
lost=0 moved=0
for round in $(seq 1 "$ROUNDS"); do
	# Submit four files two at a time, then follow them: killed at a
	# random moment of either.
	if [ $((round % 2)) -eq 1 ]; then
		"$KLING_TUI" --base-url "$SIM_URL" submit --wait --parallel 2 \
			"$TMP/a.json" "$TMP/b.json" "$TMP/c.json" "$TMP/d.json" >/dev/null 2>&1 &
	else
		"$KLING_TUI" --base-url "$SIM_URL" watch >/dev/null 2>&1 &
	fi
	pid=$!
	random_ms 100 1500
	sleep_ms "$ms"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	echo "# round $round: killed after $ms ms"
	snapshot >"$TMP/after" || { lost=$((lost + 1)); continue; }
	# Every row seen before is still there; a task id once known stays.
	while read -r line; do
		rid=$(echo "$line" | jq -r .id)
		tid=$(echo "$line" | jq -r .task_id)
		now=$(grep "{\"id\":$rid," "$TMP/after")
		[ -n "$now" ] || { lost=$((lost + 1)); echo "# lost row $rid"; continue; }
		[ "$tid" = null ] || [ "$(echo "$now" | jq -r .task_id)" = "$tid" ] ||
			{ moved=$((moved + 1)); echo "# row $rid lost its task id $tid"; }
	done <"$TMP/before"
	cp "$TMP/after" "$TMP/before"
done
is "$lost" 0 "after $ROUNDS kill -9: no committed row is lost, the store always opens"
is "$moved" 0 "after $ROUNDS kill -9: no known task id is lost"

rows=$("$KLING_TUI" list --json --all | wc -l)
with_id=$("$KLING_TUI" list --json --all | jq -r 'select(.task_id != null) | .task_id' | wc -l)
distinct=$("$KLING_TUI" list --json --all | jq -r 'select(.task_id != null) | .task_id' | sort -u | wc -l)
sent=$(creates)
made=$(grep '"path":"/api/v1/client/job/CreateTask"' "$SIM_LOG" | grep -c '"status":200')
echo "# $rows rows, $with_id with a task id; $sent creates sent, $made answered"
ok $([ "$rows" -gt 0 ]; echo $?) "some submissions were recorded"
ok $([ "$sent" -le "$rows" ]; echo $?) "every create sent was recorded first ($sent sent, $rows rows)"
ok $([ "$with_id" -le "$made" ]; echo $?) "every task id in the store came from a create ($with_id ids, $made created)"
is "$distinct" "$with_id" "no task id appears twice"

# A restart follows what is left to the end, and sends no create again.
run kt watch
is "$RC" 0 "a restarted watch follows every unfinished task to the end"
is "$(creates)" "$sent" "and resubmits nothing"
left=$("$KLING_TUI" list --json --all | jq -r 'select(.task_id != null and .state != "success") | .id' | wc -l)
is "$left" 0 "every task that got an id has finished"
stop_sim
done_testing
