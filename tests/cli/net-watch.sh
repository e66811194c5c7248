#!/bin/sh
# kling-tui: status, watch (all unfinished, given ids, --once, --json,
# Ctrl-C) and the store they update.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

start_sim --task-seconds 3 --seed 2 || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt watch
is "$RC" 0 "watch with nothing unfinished ends at once"
like "$OUT" 'nothing to watch' "and says so"

run kt submit "$NET/t2v.json" "$NET/i2v.json" "$NET/intelligence.json"
is "$RC" 0 "three tasks submitted"
run kt watch
is "$RC" 0 "watch follows every unfinished task to the end"
for name in t2v i2v intelligence; do
	is "$(printf '%s\n' "$OUT" | grep "($name.json)" | sed 's/^[^:]*: \([a-z]*\),.*/\1/' | uniq -d)" "" \
		"$name: one line per change, no repeats"
	like "$OUT" "\\($name.json\\): success" "$name: ends in success"
done
polls=$(logged GET /api/v1/client/job/TaskInfo)
ok $([ "$polls" -le 18 ]; echo $?) "$polls TaskInfo requests for 3 tasks of 3 s (polled every 1 s at most)"
is "$("$KLING_TUI" list --status success | wc -l)" 3 "the store knows they succeeded"

# --once: one query per task, whatever its state.
run kt submit "$NET/t2v.json" "$NET/i2v.json"
before=$(logged GET /api/v1/client/job/TaskInfo)
run kt watch --once --json
is "$RC" 0 "watch --once"
is "$(($(logged GET /api/v1/client/job/TaskInfo) - before))" 2 "--once: one TaskInfo per unfinished task"
is "$(printf '%s\n' "$OUT" | jq -r '.state | test("^(pending|running)$")' | sort | uniq -c | tr -s ' ')" " 2 true" \
	"--json: one object per task, its state"

# status of ids given, one of them created elsewhere.
curl -s -H "x-api-key: $SIM_KEY" -H 'Content-Type: application/json' \
	--data @"$NET/t2v.json" "$SIM_URL/api/v1/client/job/CreateTask" >"$TMP/c.json"
other=$(jq -r .data.task_id "$TMP/c.json")
run kt status "$other"
is "$RC" 0 "status of a task made with curl"
like "$OUT" "^$other \\(A lighthouse on a cliff" "named after its prompt"
run kt watch "$other"
is "$RC" 0 "watch TASK_ID"
like "$OUT" "^$other .*: success" "follows that one"
is "$("$KLING_TUI" list --json | jq -r "select(.task_id == \"$other\") | .state")" success \
	"and the store has it"
run kt status --json "$other" 00000000-0000-4000-8000-000000000000
is "$RC" 3 "status: one unknown id: exit 3"
is "$(printf '%s\n' "$OUT" | jq -r 'select(.state != null) | .task_id')" "$other" "the known one is still printed"
is "$(printf '%s\n' "$OUT" | jq -r 'select(.error != null) | .task_id')" \
	00000000-0000-4000-8000-000000000000 "the unknown one as an object with its error"

# Ctrl-C ends it cleanly, even with a task far from done.
stop_sim
start_sim --task-seconds 60 || exit 1
run kt submit "$NET/t2v.json"
id=$(printf '%s\n' "$OUT" | sed 's/.*: task //')
"$KLING_TUI" --base-url "$SIM_URL" watch "$id" >"$TMP/w.out" 2>"$TMP/w.err" &
pid=$!
sleep 1
kill -INT "$pid"
start=$(date +%s)
wait "$pid"
is "$?" 130 "Ctrl-C: exit 130"
ok $([ $(($(date +%s) - start)) -le 2 ]; echo $?) "Ctrl-C: at once"
like "$(cat "$TMP/w.err")" 'interrupted' "Ctrl-C: says so"
like "$(cat "$TMP/w.out")" "^$id \\(t2v.json\\): (pending|running)" "Ctrl-C: what was seen before is printed"
done_testing
