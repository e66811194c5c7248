#!/bin/sh
# kling-tui: --demo starts its own simulator, marks the screen DEMO, keeps
# its tasks apart and stops the simulator on every way out; without a key,
# the dashboard says how to set one and the editor works offline.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

# The simulator is found beside the program (the build tree) or on PATH.
sim_of() { # the demo simulator under this test's tmux pane, if any
	pgrep -f -- "kling-sim --listen 127.0.0.1:0" | while read -r p; do
		tr '\0' '\n' </proc/"$p"/environ 2>/dev/null | grep -q "^XDG_STATE_HOME=$XDG_STATE_HOME\$" && echo "$p"
	done
}

ui_start "$KLING_TUI"
ui_ok_wait "no API key: F2 shows how to set one" "no key: the editor says so"
ui_ok_wait "Diagnostics: 1 error" "no key: the editor works"
ui_keys F2
ui_ok_wait "No API key is configured" "no key: the dashboard says so"
ui_ok_wait "The config file: $XDG_CONFIG_HOME/kling-tui/config" "no key: the config file where it really is (XDG_CONFIG_HOME)"
ui_ok_wait "export CRUN_API_KEY" "no key: how to set one"
ui_ok_wait "kling-tui --demo" "no key: or try the demo"
like "$(ui_screen | head -1)" "no API key" "no key: the header too"
ui_keys q
ui_ok_wait "[exit 0]" "no key: q quits"

ui_start "$KLING_TUI" --demo
ui_ok_wait " DEMO " "demo: the screen is marked DEMO"
like "$(ui_screen | head -1)" "http://127\.0\.0\.1:[0-9]+ " "demo: against a loopback simulator"
ui_ok_wait "balance 1000" "demo: its balance"
pid=$(sim_of)
[ -n "$pid" ]; ok $? "demo: a simulator runs ($pid)"
[ -f "$XDG_STATE_HOME/kling-tui/demo/tasks.db" ]; ok $? "demo: its tasks live in a store of their own"
[ ! -f "$XDG_STATE_HOME/kling-tui/tasks.db" ] || [ "$(sqlite3 "$XDG_STATE_HOME/kling-tui/tasks.db" "select count(*) from tasks" 2>/dev/null)" = 0 ]; ok $? "demo: not in the real one"
ui_keys q
ui_ok_wait "[exit 0]" "demo: q quits"
i=0; while [ $i -lt 40 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; i=$((i+1)); done
kill -0 "$pid" 2>/dev/null; ok $((! $?)) "demo: the simulator is stopped on quit"

# The terminal goes away (SIGHUP): the simulator goes too.
ui_start "$KLING_TUI" --demo
ui_ok_wait " DEMO " "demo again"
pid=$(sim_of)
[ -n "$pid" ]; ok $? "demo: a simulator runs ($pid)"
ui_stop
i=0; while [ $i -lt 60 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; i=$((i+1)); done
kill -0 "$pid" 2>/dev/null; ok $((! $?)) "demo: stopped when the terminal hangs up"
done_testing
