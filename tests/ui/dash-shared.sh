#!/bin/sh
# kling-tui: two instances share the store (two tmux panes on one render
# server); a create whose fate is unknown is shown as such, never resent.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

dash_config
export CRUN_API_KEY=demo-key
start_sim --task-seconds 3 || exit 1

# B: a second instance in a tmux server of its own.
b_sock="kt-$$-b"
b_stop() { tmux -L "$b_sock" kill-server 2>/dev/null; }
trap 'ui_stop; b_stop; sim_cleanup' EXIT
b_screen() { tmux -L "$b_sock" capture-pane -p; }
b_wait() { # b_wait REGEX [SECONDS]
	local i=0 n=$(( ${2:-10} * 20 ))
	while [ $i -lt $n ]; do
		b_screen | grep -Eq -- "$1" && return 0
		sleep 0.05; i=$((i + 1))
	done
	b_screen | sed 's/^/#   /'
	return 1
}
tmux -L "$b_sock" -f /dev/null new-session -d -x 100 -y 30 \
	"$KLING_TUI --base-url $SIM_URL; sleep 30"
b_wait "Diagnostics: 1 error"; ok $? "B starts in the editor"
tmux -L "$b_sock" send-keys F2
b_wait "No tasks yet"; ok $? "B's dashboard is empty"

dash_storyboard "$TMP/shared.json" "Shared between two panes"
ui_start "$KLING_TUI" --base-url "$SIM_URL" "$TMP/shared.json"
ui_ok_wait "Diagnostics: none" "A opens a storyboard"
ui_keys s
ui_ok_wait "Submit this storyboard?" "A submits"
ui_keys y
ui_ok_wait "created" "A's create is answered"
b_wait "shared.json +std +5s +(submitting|pending)" 3; ok $? "B shows A's task at once (no polling of the store)"
b_wait "shared.json .* success " 15; ok $? "B follows it to success too"
ui_keys F2
dash_ok_row shared.json success "A sees success"
tmux -L "$b_sock" send-keys q
b_wait "^\$" 1 >/dev/null
b_stop
ui_keys q
ui_ok_wait "[exit 0]" "A quits"
ui_stop
stop_sim

# A create whose connection drops after it was sent.
start_sim --fault reset@create || exit 1
dash_storyboard "$TMP/lost.json" "Lost in transit"
KLING_TUI_TIMEOUT=2 ui_start "$KLING_TUI" --base-url "$SIM_URL" "$TMP/lost.json"
ui_ok_wait "Diagnostics: none" "unknown: the editor opens"
ui_keys s
ui_ok_wait "Submit this storyboard?" "unknown: submit"
ui_keys y
ui_ok_wait "unknown, maybe created" "unknown: the create got no answer, and the message says what the row says"
unlike "$(ui_screen)" "not created" "unknown: never 'not created' for a create that may exist"
ui_keys F2
dash_ok_row lost.json unknown "unknown: the row says its fate is unknown"
like "$(dash_line lost.json)" "Enter: decide" "unknown: with what to do"
ui_keys g Enter
ui_ok_wait "The fate of this submission is unknown." "unknown: the detail explains"
ui_ok_wait "f  forget it" "unknown: offers to forget it"
ui_ok_wait "t  enter the task id you found" "unknown: or to give its id"
is "$(sim_log_count POST /api/v1/client/job/CreateTask)" 1 "unknown: sent once, never again"
ui_keys f
ui_ok_wait "forgotten" "unknown: f forgets it"
ui_wait_gone "lost.json"; ok $? "unknown: the row is hidden"
is "$(sim_log_count POST /api/v1/client/job/CreateTask)" 1 "unknown: still sent once"
ui_keys H
dash_ok_row lost.json error "unknown: H shows it, an error row now"
ui_keys q
ui_ok_wait "[exit 0]" "unknown: q quits"
ui_stop
done_testing
