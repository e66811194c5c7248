#!/bin/sh
# kling-tui: the dashboard's keys, k9s-grade: ? shows them (on the detail
# view too), sort by any column and reversed, filter as you type, Escape
# clears it, ! excludes, Space marks rows for one action on all
# (issue 15, items 12 and 13).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

dash_config
export CRUN_API_KEY=demo-key
start_sim --task-seconds 120 || exit 1
for n in one two three; do dash_storyboard "$TMP/$n.json" "Task $n"; done
"$KLING_TUI" --base-url "$SIM_URL" submit "$TMP/one.json" "$TMP/two.json" "$TMP/three.json" \
	>/dev/null 2>&1
is "$?" 0 "three tasks submitted"
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_ok_wait "sort: newest" "the dashboard"
like "$(ui_screen | tail -n 1)" "\\? keys" "the footer names ? for the keys"
order() { ui_screen | grep -Eo '(one|two|three)\.json' | tr '\n' ' '; }

ui_keys ?
ui_ok_wait "Keys of the dashboard" "?: the keys"
like "$(ui_screen)" "filter as you type" "?: including the filter"
ui_keys j
ui_wait_gone "Keys of the dashboard"; ok $? "any key closes them"

ui_keys N
ui_ok_wait "sort: name (o)" "N: sort by name"
is "$(order)" "one.json three.json two.json " "N: rows by name"
ui_keys N
ui_ok_wait "sort: name, reversed" "N again: reversed"
is "$(order)" "two.json three.json one.json " "N again: the other way"
ui_keys C
ui_ok_wait "sort: newest (o)" "C: newest first again"

ui_keys /
ui_type "thr"
ui_wait_gone "one.json"; ok $? "filter as you type: one.json goes before Enter"
is "$(order)" "three.json " "only the match"
ui_keys Escape
ui_ok_wait "filter (/): none" "Escape while typing clears the filter"
is "$(order | wc -w | tr -d ' ')" 3 "every row is back"
ui_keys /
ui_type "!two"
ui_keys Enter
ui_ok_wait "filter (/): !two" "! excludes"
is "$(order)" "three.json one.json " "every row but two.json"
ui_keys Escape
ui_ok_wait "filter (/): none" "Escape on the table clears the filter"

ui_keys g Space Space
ui_ok_wait "marked: 2" "Space marks rows"
ui_keys x
ui_ok_wait "2 hidden: H shows them" "x hides every marked row"
is "$(order)" "one.json " "the unmarked one stays"

ui_keys g Enter
ui_ok_wait "Storyboard sent" "the detail view"
ui_keys ?
ui_ok_wait "Keys of the detail view" "?: the detail view's keys"
ui_keys j Escape
ui_ok_wait "sort: newest" "back to the table"
ui_keys q
ui_ok_wait "[exit 0]" "q quits"
done_testing
