#!/bin/sh
# kling-tui: what the dashboard shows is true: ids that share a long prefix
# (the documented service's task_12345678, task_12345679) are told apart
# (issue 15, item 8); hidden tasks are counted and marked (item 7); a create
# left by a killed instance is told at once (item 9).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

dash_config
export CRUN_API_KEY=demo-key
start_sim --style documented --task-seconds 120 || exit 1
dash_storyboard "$TMP/one.json" "The first of two"
dash_storyboard "$TMP/two.json" "The second of two"
"$KLING_TUI" --base-url "$SIM_URL" submit "$TMP/one.json" "$TMP/two.json" >"$TMP/sub" 2>&1
is "$?" 0 "two tasks submitted"
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_ok_wait "sort: newest" "with tasks in the store, the dashboard opens"
dash_ok_row one.json "pending|running" "the first task's row"
# The two creates run at once: which file got which id is the service's
# choice, so each row is held to its own id (task_12345678 and _79).
id1=$(sed -n 's/.*one\.json: task //p' "$TMP/sub")
id2=$(sed -n 's/.*two\.json: task //p' "$TMP/sub")
is "$(printf '%s\n%s\n' "$id1" "$id2" | sort | tr '\n' ' ')" "task_12345678 task_12345679 " \
	"the documented service's ids, sharing a prefix"
like "$(dash_line one.json)" "$id1 " "ids that share a prefix: the first shown up to where they differ"
like "$(dash_line two.json)" "$id2 " "and the second"

# Hidden tasks are counted, never silently gone.
ui_keys g x
ui_ok_wait "1 hidden: H shows it" "one hidden: the header counts it"
ui_keys g x
ui_ok_wait "2 hidden: H shows them" "two hidden: counted"
ui_ok_wait "Every task is hidden: H shows them." "and the empty table says why"
unlike "$(ui_screen)" "No tasks yet" "not 'No tasks yet'"
ui_keys H
ui_ok_wait "(hidden) " "H: hidden rows are shown, marked"
like "$(dash_line one.json)" '\(hidden\) one\.json' "each of them"
ui_keys q
ui_ok_wait "[exit 0]" "q quits"
stop_sim

# A submission left by a killed instance: told at once, with the choices of
# an unknown row, not "submitting" for 15 minutes (item 9).
start_sim --fault stall@create || exit 1
dash_storyboard "$TMP/killed.json" "Sent by a process about to be killed"
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_wait "Diagnostics:" 5 && ui_keys F2	# every task hidden: the editor first
ui_ok_wait "sort: newest" "a dashboard is open"
"$KLING_TUI" --base-url "$SIM_URL" submit "$TMP/killed.json" >/dev/null 2>&1 &
sub=$!
dash_ok_row killed.json submitting "another instance's create is on its way"
kill -KILL "$sub"
wait "$sub" 2>/dev/null
dash_wait_row killed.json unknown 4; ok $? "killed: the row is unknown within seconds"
like "$(dash_line killed.json)" "Enter: decide" "killed: with the choices at once"
ui_keys g Enter
ui_ok_wait "is gone" "killed: the detail says its process is gone"
ui_ok_wait "f  forget it" "killed: offers to forget it"
is "$(sim_log_count POST /api/v1/client/job/CreateTask)" 1 "killed: never sent again"
done_testing
