#!/bin/sh
# kling-tui: resizing relayouts at once; below 60x15 the editor says so
# instead of drawing garbage, and ignores keys it could not show.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

ui_start 100x30 "$KLING_TUI $FIXTURES/create-example.json"
ui_ok_wait "Diagnostics: none" "opens at 100x30"
ui_resize 80 24
ui_ok_wait "Element 1" "80x24: the whole storyboard fits"
like "$(ui_screen | sed -n 24p)" "create-example.json" "80x24: the status line is on the last row"
ui_resize 60 15
ui_ok_wait "Settings" "60x15: still drawn"
like "$(ui_screen | sed -n 15p)" "create-example.json" "60x15: the status line is on the last row"
like "$(ui_screen)" "Diagnostics" "60x15: the diagnostics pane stays"
ui_keys G
ui_ok_wait "Elements 1/3" "60x15: the form scrolls to the last field"
ui_resize 59 15
ui_ok_wait "terminal too small (need 60x15)" "59x15: too small, said so"
unlike "$(ui_screen)" "Settings" "59x15: and nothing else"
ui_keys q
sleep 0.2
unlike "$(ui_screen)" "exit" "keys are ignored while too small"
ui_resize 100 14
ui_ok_wait "terminal too small" "100x14: too small too"
ui_resize 100 30
ui_ok_wait "Settings" "back to 100x30: the editor again"
ui_wait_gone "terminal too small"; ok $? "the message is gone"
ui_keys q
ui_ok_wait "[exit 0]" "and it still takes keys"
ui_stop
done_testing
