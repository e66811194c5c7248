#!/bin/sh
# kling-tui: a service that misbehaves: every --fault of kling-sim, a stalled
# server, and a create whose connection drops after sending.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"
esc=$(printf '\033')

# The create's fate is unknown: recorded so, never sent twice.
start_sim --fault reset@create || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit --wait "$NET/t2v.json"
is "$RC" 5 "reset after sending: exit 5 (fate unknown)"
like "$ERR" 'not resent' "says it was not sent again"
like "$ERR" 'list --status unknown' "and how to find it"
is "$(creates)" 1 "exactly one CreateTask reached the service"
run "$KLING_TUI" list --status unknown
like "$OUT" '^\(local #1\) +unknown ' "list shows it as unknown"
stop_sim

# Each fault on a create: fate unknown, one request; on a query: exit 4 with
# a clean message, quickly.
for fault in garbage truncate html huge; do
	start_sim --fault "$fault@create,taskinfo" || exit 1
	run kt submit "$NET/t2v.json"
	is "$RC" 5 "$fault on create: fate unknown"
	is "$(creates)" 1 "$fault on create: not resent"
	start=$(date +%s)
	run kt status 00000000-0000-4000-8000-000000000000
	is "$RC" 4 "$fault on status: exit 4"
	ok $([ $(($(date +%s) - start)) -lt 20 ]; echo $?) "$fault on status: gives up in time"
	unlike "$ERR" "$esc" "$fault: no escape sequence reaches the terminal"
	stop_sim
done

# A stalled server: the timeout fires, nothing hangs.
start_sim --fault stall@taskinfo,balance || exit 1
start=$(date +%s)
KLING_TUI_ATTEMPTS=1 run kt status 00000000-0000-4000-8000-000000000000
is "$RC" 4 "stalled status: exit 4"
like "$ERR" 'time' "stalled status: a timeout is reported"
KLING_TUI_ATTEMPTS=1 run kt balance
is "$RC" 4 "stalled balance: exit 4"
ok $([ $(($(date +%s) - start)) -lt 15 ]; echo $?) "stalled: both gave up within their timeouts"
stop_sim
start_sim --fault stall@create || exit 1
run kt submit "$NET/t2v.json"
is "$RC" 5 "stalled create: fate unknown, exit 5"
is "$(creates)" 1 "stalled create: not resent"
stop_sim

# Nothing listens: the create provably never left, so it is an error, not
# unknown.
start_sim || exit 1
stop_sim
run kt submit "$NET/t2v.json"
is "$RC" 4 "connection refused: exit 4"
is "$("$KLING_TUI" list --json --limit 1 | jq -r .state)" error "connection refused: recorded as error, not unknown"
done_testing
