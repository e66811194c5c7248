#!/bin/sh
# kling-tui: what a person is told when the service refuses: 401, 402, 422,
# 429, 455, 500, 501, 505, an invalid storyboard and a missing key.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

state_of() { "$KLING_TUI" list --json --limit 1 | jq -r .state; }
error_of() { "$KLING_TUI" list --json --limit 1 | jq -r .error; }

# Nothing is sent for an invalid storyboard, nor without a key.
start_sim --task-seconds 2 --seed 5 || exit 1
run kt submit "$NET/invalid.json" "$NET/t2v.json"
is "$RC" 1 "invalid storyboard: exit 1"
like "$ERR" 'invalid\.json: input\.[a-z_]+: error: ' "the diagnostic names the file and the JSON path"
like "$ERR" 'nothing was sent' "and says nothing was sent"
is "$(creates)" 0 "not even the valid file was sent"
is "$("$KLING_TUI" list | wc -l)" 0 "nothing recorded"
run kt submit "$NET/t2v.json"
is "$RC" 2 "no key: exit 2 (a setting to fix; nothing was sent)"
like "$ERR" 'nothing was sent' "no key: says nothing was sent"
like "$ERR" 'CRUN_API_KEY' "no key: says how to set one"
is "$(creates)" 0 "no key: nothing sent"

# 401.
export CRUN_API_KEY=wrong-key-5c2d
run kt submit "$NET/t2v.json"
is "$RC" 3 "401: exit 3"
like "$ERR" '401: the API key was refused: set CRUN_API_KEY, or key_file in the config \(kling-tui doctor shows where\)' "401: says what to do"
unlike "$OUT$ERR" 'wrong-key-5c2d' "401: the key is not shown"
is "$(state_of)" error "401: recorded as error"
like "$(error_of)" '^401' "401: with the reason"
run kt status 00000000-0000-4000-8000-000000000001 00000000-0000-4000-8000-000000000002 \
	00000000-0000-4000-8000-000000000003
is "$RC" 3 "401 on status: exit 3"
is "$(printf '%s\n' "$ERR" | grep -c '401')" 1 "401 on status: said once, not once per task"
export CRUN_API_KEY="$SIM_KEY"
run kt status 00000000-0000-4000-8000-000000000000
is "$RC" 3 "404: exit 3"
like "$ERR" '404' "404: an unknown task id"
stop_sim

# 402: a 5 s std task costs 5 credits.
start_sim --balance 4 || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 3 "402: exit 3"
like "$ERR" '402' "402: not enough credits"
is "$(state_of)" error "402: recorded as error"
stop_sim

# 422: the service refuses what the client let through.
start_sim --force-code 422@create || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 3 "422: exit 3"
like "$ERR" '422.*parameter validation failed' "422: the service's own message is shown"
stop_sim

# 429: the first create is refused (seed 3 of the simulator's choices), the
# retry waits for Retry-After (2 s), which the simulator's log shows.
start_sim --force-code 429:0.5@create --retry-after 2 --seed 3 --task-seconds 2 || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 0 "429: created in the end"
settled
is "$(grep -c '"status":429' "$SIM_LOG")" 1 "429: the first create was refused"
gap=$(jq -s '[.[] | select(.path == "/api/v1/client/job/CreateTask")] as $c |
	($c | map(select(.status == 429)) | .[0].t) as $t429 |
	($c | map(select(.status == 200 and .t > $t429)) | .[0].t) - $t429' "$SIM_LOG")
is "$(jq -n "$gap >= 1.9")" true "429: the retry came $gap s later (Retry-After: 2)"
is "$(creates)" 2 "429: retried once, nothing more"
stop_sim

# 455.
start_sim --maintenance --retry-after 1 || exit 1
run kt balance
is "$RC" 4 "455: exit 4"
like "$ERR" '455' "455: under maintenance"
like "$ERR" 'gave up after 3 attempts: try again later' "455: says it gave up, not that it is retrying"
is "$(logged GET /api/v1/client/account/balance)" 3 "455: retried, up to the attempts allowed"
run kt submit "$NET/t2v.json"
is "$RC" 4 "455 on create: exit 4"
is "$(state_of)" error "455 on create: not created, recorded as error"
stop_sim

# 500: queries are retried, a create never.
start_sim --force-code 500@create,taskinfo || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 4 "500 on create: exit 4"
is "$(creates)" 1 "500 on create: sent once, never again"
like "$ERR" '500' "500: a server error"
run kt status 00000000-0000-4000-8000-000000000000
is "$RC" 4 "500 on status: exit 4"
is "$(logged GET /api/v1/client/job/TaskInfo)" 3 "500 on status: retried"
stop_sim

# 501: a task that fails.
start_sim --fail-rate 1 --task-seconds 1 || exit 1
run kt submit --wait "$NET/t2v.json"
is "$RC" 1 "501: a failed task: exit 1"
like "$OUT" ': failed' "501: the failure is shown"
like "$OUT" 'generation failed: .+' "501: with the service's message"
is "$(state_of)" failed "501: recorded as failed"
stop_sim

# 505.
start_sim --force-code 505@create || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 3 "505: exit 3"
like "$ERR" '505' "505: the feature is disabled"
stop_sim
done_testing
