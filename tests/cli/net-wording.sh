#!/bin/sh
# kling-tui: what the subcommands say is true and readable: a create refused
# with 429/455 says plainly it gave up (issue 15, item 4); a failure is not
# "generation failed: generation failed: ..."; --json prints an object for
# a task it could not tell, with the error (item 10).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

export KLING_TUI_ATTEMPTS=2
start_sim --maintenance --retry-after 1 || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit "$NET/t2v.json"
is "$RC" 4 "455 on create: exit 4"
like "$ERR" "t2v.json: not created: 455: .*gave up after 2 tries" "455 on create: says plainly it gave up"
unlike "$ERR" "retrying later" "455 on create: not 'retrying later'"
like "$("$KLING_TUI" list --json | jq -r .error)" "^not created: 455: .*gave up" \
	"455 on create: the row says so too"
stop_sim

start_sim --task-seconds 1 --fail-rate 1 --seed 5 || exit 1
run kt submit --wait "$NET/t2v.json" "$NET/i2v.json" "$NET/intelligence.json"
is "$RC" 1 "failed tasks: exit 1"
like "$OUT" "generation failed: " "a failure says so"
unlike "$OUT" "generation failed: generation failed" "once, not twice"
id=$(printf '%s\n' "$OUT" | sed -n 's/.*: task //p' | head -n 1)
run kt download --json "$id"
is "$RC" 1 "download --json of a failed task: exit 1"
is "$(printf '%s\n' "$OUT" | jq -r .task_id)" "$id" "download --json: an object for it"
like "$(printf '%s\n' "$OUT" | jq -r .error)" "failed" "with the error"
run kt status --json task_00000000
is "$RC" 3 "status --json of an unknown id: exit 3"
is "$(printf '%s\n' "$OUT" | jq -r .task_id)" task_00000000 "status --json: an object for it"
like "$(printf '%s\n' "$OUT" | jq -r .error)" "^404" "with the error"
stop_sim

# A JSON answer cut short is called that, not "not a JSON answer".
start_sim --task-seconds 1 || exit 1
run kt submit --wait "$NET/t2v.json"
id=$(printf '%s\n' "$OUT" | sed -n 's/.*: task //p' | head -n 1)
stop_sim
start_sim --fault truncate@taskinfo || exit 1
run kt status "$id"
like "$ERR" "JSON answer cut short" "a truncated answer is called cut short"
unlike "$ERR" "not a JSON answer" "and not 'not a JSON answer'"
stop_sim

done_testing
