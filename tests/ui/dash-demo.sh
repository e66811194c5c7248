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

# The demo's templates link to images its own simulator serves: the image
# check answers at once, and nothing points at example.com.
ui_start 110x32 "$KLING_TUI" --demo
ui_ok_wait " DEMO " "demo: templates"
ui_keys F2
ui_wait "Settings" 5
ui_keys n
sleep 0.3
ui_keys 5
ui_ok_wait "elements template" "demo: the elements template"
like "$(ui_screen)" "Start frame +http://127\.0\.0\.1:[0-9]+/images/reference_room\.png" \
	"demo: the start frame is the simulator's image"
like "$(ui_screen)" "image +http://127\.0\.0\.1:[0-9]+/images/element_dog_1\.png" \
	"demo: so are the element's images"
unlike "$(ui_screen)" "example\.com" "demo: nothing links to example.com"
ui_ok_wait "Diagnostics: none" "demo: the image check passes at once"
ui_stop

# A task an earlier demo process made (its simulator gone since) is still
# known to the next demo's simulator: followed to its end, never "error".
"$KLING_TUI" --demo submit "$top_srcdir/tests/cli/t2v.json" >"$TMP/demo-sub.out" 2>&1
ok $? "demo: submit in one process"
ui_start 110x20 "$KLING_TUI" --demo
ui_ok_wait "t2v.json" "demo: a later dashboard shows that task"
ui_wait "success" 40
like "$(ui_screen)" "t2v\.json .* success" "demo: followed to success by the later simulator"
# (404 as a word: a task id may hold the digits 404)
unlike "$(ui_screen)" "error|(^|[^[:alnum:]-])404([^[:alnum:]-]|$)" "demo: never re-polled into an error"
ui_stop
done_testing
