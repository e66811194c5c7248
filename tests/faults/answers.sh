#!/bin/sh
# kling-tui fault campaign: a service that answers badly. For each fault,
# what the user sees (exit code, a message a person can act on, no escape
# sequence reaching the terminal) and what the store holds afterwards (the
# task as it was known, nothing created twice, nothing lost).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"
esc=$(printf '\033')
export CRUN_API_KEY="$SIM_KEY"
row() { "$KLING_TUI" list --json --all | jq -c "select(.id == $1)"; }
field() { row "$1" | jq -r ".$2"; }
created_ok() { grep '"path":"/api/v1/client/job/CreateTask"' "$SIM_LOG" | grep -c '"status":200'; }

# A task the store knows as pending: every bad answer to its status query
# must leave it so.
start_sim --task-seconds 600 || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 0 "a task is submitted"
id=$(echo "$OUT" | sed -n 's/.*: task //p')
is "$(field 1 state)" pending "the store knows it as pending"
stop_sim

for fault in garbage truncate html huge; do
	start_sim --fault "$fault@taskinfo" || exit 1
	run kt status "$id"
	is "$RC" 4 "$fault: status exits 4 (network/answer trouble)"
	like "$ERR" '.' "$fault: and says why"
	unlike "$OUT$ERR" "$esc" "$fault: no escape sequence reaches the terminal"
	is "$(field 1 state)" pending "$fault: the store still has the task pending"
	is "$(field 1 task_id)" "$id" "$fault: with its task id"
	unlike "$(row 1)" "$esc" "$fault: nothing the server sent is stored raw"
	run kt list
	unlike "$OUT$ERR" "$esc" "$fault: list shows nothing raw"
	is "$(creates)" 0 "$fault: a status query creates nothing"
	stop_sim
done

# A stalled server: the query gives up in time and nothing changes.
start_sim --fault stall@taskinfo || exit 1
start=$(date +%s)
KLING_TUI_ATTEMPTS=1 run kt status "$id"
is "$RC" 4 "stall: status exits 4"
ok $([ $(($(date +%s) - start)) -lt 20 ]; echo $?) "stall: it gives up within its timeout"
is "$(field 1 state)" pending "stall: the store still has the task pending"
stop_sim

# 455 maintenance: a create is refused (the service said so), recorded as an
# error, never as created or unknown; the advice says to wait.
start_sim --maintenance || exit 1
KLING_TUI_ATTEMPTS=2 run kt submit "$NET/t2v.json"
ok $([ "$RC" -ne 0 ] && [ "$RC" -ne 5 ]; echo $?) "455: submit fails, and not as 'fate unknown' (exit $RC)"
like "$ERR" '[Mm]aintenance|455' "455: the user is told the service is under maintenance"
is "$(field 2 state)" error "455: the submission is recorded as an error"
is "$(created_ok)" 0 "455: nothing was created"
run kt status "$id"
ok $([ "$RC" -ne 0 ]; echo $?) "455: a status query fails"
is "$(field 1 state)" pending "455: the known task is untouched"
stop_sim

# A 429 storm: everything ends, each task created exactly once.
start_sim --rate-limit 2/s --retry-after 1 --task-seconds 2 || exit 1
cp "$NET/t2v.json" "$TMP/a.json"; cp "$NET/t2v.json" "$TMP/b.json"; cp "$NET/t2v.json" "$TMP/c.json"
run kt submit --wait --parallel 3 "$TMP/a.json" "$TMP/b.json" "$TMP/c.json"
is "$RC" 0 "429 storm: submit --wait of three files ends well"
ok $([ "$(grep -c '"status":429' "$SIM_LOG")" -gt 0 ]; echo $?) "429 storm: the service did refuse requests"
is "$(created_ok)" 3 "429 storm: exactly three tasks were created"
is "$("$KLING_TUI" list --json --all --status success | wc -l)" 3 "429 storm: the store has the three, finished"
stop_sim

# Reset after the body was sent, then the user's own look: the row stays
# unknown, and no later command sends it again.
start_sim --fault reset@create --task-seconds 2 || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 5 "reset after sending: fate unknown (exit 5)"
unknown=$("$KLING_TUI" list --json --all --status unknown | jq -r .id | head -1)
ok $([ -n "$unknown" ]; echo $?) "reset after sending: recorded as unknown"
run kt watch --once
run kt list
is "$(creates)" 1 "reset after sending: watch and list never resend it"
is "$(field "${unknown:-0}" state)" unknown "reset after sending: still unknown afterwards"
stop_sim
done_testing
