#!/bin/sh
# kling-tui: a TaskInfo answer about another task is an error, not an update;
# a create answered with a task id the store already has is told, exits
# non-zero and leaves the row truthful (issue 12, items 12 and 13).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

export KLING_TUI_ATTEMPTS=1
state="$TMP/sim-state.json"
start_sim --state "$state" --task-seconds 60 || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit "$NET/t2v.json"
is "$RC" 0 "a task submitted"
id=$(printf '%s\n' "$OUT" | sed 's/.*: task //')
stop_sim

start_sim --state "$state" --task-seconds 60 --fault other-id@taskinfo || exit 1
run kt status "$id"
is "$RC" 4 "status: an answer about another task: exit 4"
like "$ERR" "$id: .*about task [^ ]*, not $id" "and says so"
unlike "$OUT" "." "nothing printed as news of the task"
is "$("$KLING_TUI" list | wc -l)" 1 "no row is added for the other task"
is "$("$KLING_TUI" list --json | jq -r .state)" pending "the row keeps what it knew"
stop_sim

start_sim --task-seconds 60 --fault other-id@create || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 0 "the first create's id is new"
first=$(printf '%s\n' "$OUT" | sed 's/.*: task //')
run kt submit "$NET/i2v.json"
is "$RC" 5 "a create answered with an id the store has: exit 5 (fate unknown)"
like "$ERR" "i2v.json: .*$first.*already" "and says which id and that it is taken"
unlike "$OUT" "task $first" "it is not printed as the new task"
is "$("$KLING_TUI" list --json | jq -r 'select(.task_id == "'"$first"'") | .name')" t2v.json \
	"the first row keeps its task id"
is "$("$KLING_TUI" list --json | jq -r 'select(.name == "i2v.json") | .state')" unknown \
	"the second row is unknown, not given the other's id"
done_testing
