#!/bin/sh
# kling-tui: a running task's clock costs the terminal a few bytes a second,
# not a row and surely not a screen (issue 11: one row's change at most 10 %
# of a full redraw), and the hidden cursor is not taken to the last line
# and back on every tick.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

start_sim --task-seconds 600 --pending-share 0 || exit 1
dash_config
export CRUN_API_KEY=demo-key
run_kt() { "$KLING_TUI" --base-url "$SIM_URL" "$@"; }
dash_storyboard "$TMP/tick.json" "A clock that ticks"
run_kt submit "$TMP/tick.json" >/dev/null
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_ok_wait "sort: newest" "the dashboard opens"
dash_ok_row tick.json running "the task runs"
sleep 1.5
tmux -L "$ui_sock" pipe-pane -o "cat >>'$TMP/tick.out'"
sleep 4
tmux -L "$ui_sock" pipe-pane
tick=$(($(wc -c <"$TMP/tick.out") / 4))
tmux -L "$ui_sock" pipe-pane -o "cat >>'$TMP/full.out'"
ui_keys C-l
sleep 0.5
tmux -L "$ui_sock" pipe-pane
full=$(wc -c <"$TMP/full.out")
echo "# one running row: $tick bytes a second; a full redraw $full"
ok $([ "$tick" -gt 0 ] && [ $((tick * 10)) -le "$full" ]; echo $?) \
	"the clock's tick writes $tick bytes a second, at most 10 % of a redraw ($full)"
ok $(grep -q "$(printf '\033')\[30[d;]" "$TMP/tick.out"; [ $? -ne 0 ]; echo $?) \
	"the hidden cursor stays put: no move to the last line"
ui_keys q
ui_stop
done_testing
