#!/bin/sh
# kling-tui: the whole store is browsable: with 10,000 tasks the header
# says so, End reaches the oldest, / finds one deep in the store, paging
# walks all of it, and marks hold across windows (issue 11).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

unset CRUN_API_KEY
mkdir -p "$XDG_STATE_HOME/kling-tui"
"$top_builddir/bench/fill-store" "$XDG_STATE_HOME/kling-tui/tasks.db" 10000 >/dev/null
is "$?" 0 "a store of 10,000 tasks"
ui_start "$KLING_TUI"
ui_ok_wait "10000 tasks |" "the header counts the whole store, not a window"
like "$(ui_line 'storyboard-')" "storyboard-9999\\.json" "the newest first"

ui_keys End
ui_ok_wait "storyboard-0.json" "End reaches the oldest task"
ui_keys Home
ui_ok_wait "storyboard-9999.json" "Home the newest again"

# Page by page to the end: the window follows the selection.
i=0
while [ $i -lt 410 ]; do ui_keys NPage; i=$((i + 1)); done
ui_ok_wait "storyboard-0.json" "PgDn walks the whole store"
ui_wait_gone "storyboard-5000.json"; ok $? "one screen at a time"
ui_keys g

ui_keys /
ui_type "storyboard-17.json"
ui_ok_wait "1 task |" "/ filters the whole store as you type"
like "$(ui_line 'storyboard-')" "storyboard-17\\.json" "and finds a task deep in it"
ui_keys Escape
ui_ok_wait "10000 tasks |" "Escape: every task again"

ui_keys N
ui_ok_wait "sort: name (o)" "N: by name, over the whole store"
ui_keys g
ui_ok_wait "storyboard-0.json" "g: the first name first"
like "$(ui_line 'storyboard-')" "storyboard-0\\.json" "at the top"
ui_keys N G
ui_ok_wait "sort: name, reversed" "N again: reversed"
like "$(ui_screen | grep 'storyboard-' | tail -n 1)" "storyboard-0\\.json" \
	"End of the reversed order: the first name last"
ui_keys C

# Marks are ids: one at each end of the store, then one action on both.
ui_keys g Space G Space
ui_ok_wait "marked: 2" "rows marked far apart"
ui_keys x
ui_ok_wait "2 hidden: H shows them" "x hides both, though one was out of the window"
ui_ok_wait "9998 tasks, 2 hidden" "the count follows"
ui_keys q
ui_ok_wait "[exit 0]" "q quits"
done_testing
