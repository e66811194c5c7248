#!/bin/sh
# kling-tui: what a person sees on a terminal outside the full screen, and
# demo state kept apart: the download bar ends at 100 %; a filter set on
# the demo's dashboard stays in the demo.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/cli/net-lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

start_sim --task-seconds 1 --media-size 3000000 --latency 50 || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit --wait "$NET/t2v.json"
ID=$(kt list --json | jq -r .task_id | head -1)
ui_start "$KLING_TUI" --base-url "$SIM_URL" download -o "$TMP/v.mp4" "$ID"
ui_ok_wait "[exit 0]" "download on a terminal: exit 0"
like "$(ui_screen)" "100% \[#+\] 3\.0 MB / 3\.0 MB" "the bar's last frame is 100 %"
stop_sim

# The demo's dashboard filter is the demo's.
ui_start "$KLING_TUI" --demo
ui_ok_wait " DEMO " "demo: the dashboard"
ui_keys /
ui_type zzdemo
ui_keys Enter
ui_ok_wait "filter (/): zzdemo" "demo: a filter is set"
ui_keys q
sleep 0.3
ui_keys q
ui_wait "[exit" 5
is "$(cat "$XDG_STATE_HOME/kling-tui/demo/dashboard-filter" 2>/dev/null)" zzdemo "demo: the filter is kept in demo/"
ok $([ ! -e "$XDG_STATE_HOME/kling-tui/dashboard-filter" ]; echo $?) "demo: not where the real dashboard reads it"
ui_stop

# e on the dashboard: the connection's last error, whole, however narrow
# the header is.
mkdir -p "$TMP/dead/kling-tui"
"$top_builddir/bench/fill-store" "$TMP/dead/kling-tui/tasks.db" 2 1 >/dev/null
ui_start 60x20 env XDG_STATE_HOME="$TMP/dead" CRUN_API_KEY=test-key-4b1d KLING_TUI_ATTEMPTS=1 \
	KLING_TUI_LOG="$TMP/dead.log" "$KLING_TUI" --base-url http://127.0.0.1:9
ui_wait "sort:" 10
sleep 2
ui_keys e
ui_ok_wait "The connection:" "e: the last errors"
like "$(ui_joined)" "could not reach the service" "e: the connection's error, whole"
ui_keys x
ui_wait_gone "The connection:"; ok $? "any key closes it"
# The screens read KLING_TUI_ATTEMPTS as the subcommands do (one session).
like "$(cat "$TMP/dead.log")" "session: http://127\.0\.0\.1:9, key set, timeout [0-9]+ ms, 1 attempts" \
	"the screens take KLING_TUI_ATTEMPTS, as the subcommands do"
ui_stop

# balance on a stalled service: on a terminal it says it is retrying;
# piped, stderr carries only the outcome.
start_sim --latency 30000 || exit 1
ui_start env CRUN_API_KEY="$SIM_KEY" KLING_TUI_TIMEOUT=1 KLING_TUI_ATTEMPTS=2 \
	"$KLING_TUI" --base-url "$SIM_URL" balance
ui_ok_wait "[exit 4]" "balance on a stalled service: gives up, exit 4"
like "$(ui_joined)" "balance: attempt 1 failed \(no answer in time[^)]*\); trying again in [0-9]+ s" \
	"balance on a terminal says it is retrying"
ui_stop
CRUN_API_KEY="$SIM_KEY" KLING_TUI_TIMEOUT=1 KLING_TUI_ATTEMPTS=2 \
	"$KLING_TUI" --base-url "$SIM_URL" balance >/dev/null 2>"$TMP/bal.err"
unlike "$(cat "$TMP/bal.err")" "trying again" "balance with stderr not a terminal: no retry chatter"
like "$(cat "$TMP/bal.err")" "^balance: no answer" "... only the outcome"
stop_sim
done_testing
