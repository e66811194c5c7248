#!/bin/sh
# kling-tui: the header tells the network's state as it is: never "net ok"
# before something answered, "connecting..." and "no answer for N s" while
# nothing answers (a stalled service, a refused connection, a simulator
# that died), and why and until when it backs off (issue 15, item 2).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

dash_config
export CRUN_API_KEY=demo-key KLING_TUI_TIMEOUT=20
header() { ui_screen | head -n 1; }
never_ok() { # never_ok LABEL SECONDS: the header never says "net ok" meanwhile
	local i=0 n=$(($2 * 10)) bad=
	while [ $i -lt $n ]; do
		case $(header) in *"net ok"*) bad=1; break ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	ok $([ -z "$bad" ]; echo $?) "$1: never 'net ok' in $2 s"
}

# A service that takes the connection and never answers.
start_sim --fault stall@api || exit 1
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_wait "Diagnostics:" 5
ui_keys F2
i=0
while [ $i -lt 50 ] && ! header | grep -Eq "connecting\.\.\.|no answer for"; do
	sleep 0.1; i=$((i + 1))
done
like "$(header)" "connecting\.\.\.|no answer for [0-9]+ s" \
	"stall: connecting... or how long nothing has answered"
never_ok stall 4
like "$(header)" "no answer for [0-9]+ s" "stall: then how long nothing has answered"
ui_keys q
ui_wait "[exit 0]" 5
ui_stop
stop_sim

# Connections refused from the start: the port of a simulator now gone.
start_sim || exit 1
url=$SIM_URL
stop_sim
KLING_TUI_ATTEMPTS=4 ui_start "$KLING_TUI" --base-url "$url"
ui_wait "Diagnostics:" 5
ui_keys F2
never_ok refused 5
like "$(header)" "connecting\\.\\.\\.|no answer for [0-9]+ s|offline: could not reach" \
	"refused: says nothing answers"
ui_keys q
ui_wait "[exit 0]" 5
ui_stop

# A simulator that dies while a task is followed.
start_sim --task-seconds 600 || exit 1
dash_storyboard "$TMP/dies.json" "Watched while the service dies"
"$KLING_TUI" --base-url "$SIM_URL" submit "$TMP/dies.json" >/dev/null 2>&1
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_ok_wait "net ok" "killed: the header says ok while it answers"
like "$(header)" " $SIM_URL \\| balance" "with the base URL and the balance, when they fit"
kill -KILL "$SIM_PID"
wait "$SIM_PID" 2>/dev/null
i=0
while [ $i -lt 60 ] && header | grep -q "net ok"; do sleep 0.1; i=$((i + 1)); done
ok $([ $i -lt 60 ]; echo $?) "killed: 'net ok' gone within 6 s ($((i / 10)) s)"
like "$(header)" "no answer for [0-9]+ s|offline: " "killed: says what it sees"
# The header has room for a few words of the error; the detail has it whole
# (item 5).
ui_wait "offline: " 20; ok $? "killed: offline once the retries are over"
# A narrow terminal keeps the state and drops the URL and the balance.
ui_resize 60 20
sleep 0.5
like "$(header)" "^ kling-tui  \\| offline: could not reach" "at 60 columns the state stays, the URL goes"
ui_resize 100 30
sleep 0.3
ui_keys g Enter
ui_ok_wait "last error: could not reach the service" "killed: the detail shows the last error"
like "$(ui_screen)" "check the network and the base URL" "killed: in full, to its end"
ui_keys Escape
ui_keys q
ui_wait "[exit 0]" 5
done_testing
