#!/bin/sh
# kling-tui: the key hints show only the keys that work on the focused row,
# and "? help" and "q quit" stay visible at 80 columns (issue 10, item 12).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

status() { ui_screen | tail -1; }
cp "$FIXTURES/text-to-video.json" "$TMP/single.json"
cp "$FIXTURES/multi-shot-customize.json" "$TMP/multi.json"

ui_start 80x24 "$KLING_TUI $TMP/single.json"
ui_ok_wait "Diagnostics" "a single-shot file opens at 80x24"
ui_keys j k
ui_ok_wait "Space change" "on a choice"
like "$(status)" '\? help  q quit *$' "? help and q quit end the status line"
ui_keys j j j j j
ui_ok_wait "Enter edit" "on the prompt"
line=$(status)
like "$line" "e \\\$EDITOR" "the prompt offers \$EDITOR"
unlike "$line" "a add|d del|J/K" "but no add, delete or move: the single prompt is no list"
like "$line" '\? help  q quit *$' "help and quit still shown"
ui_keys k k k k
ui_ok_wait "+/- change" "on the duration"
unlike "$(status)" "a add|d del|e \\\$EDITOR" "a number offers no list keys nor \$EDITOR"
ui_keys Enter
ui_ok_wait "Enter keep" "typing the duration"
unlike "$(status)" "Tab complete" "no @name completion in a number"
ui_escape
ui_keys j j j j j j
ui_ok_wait "Start frame" "on the start frame"
line=$(status)
unlike "$line" "a add" "images have fixed places: no add"
like "$line" "Enter edit" "they are edited"
ui_stop

ui_start 80x24 "$KLING_TUI $TMP/multi.json"
ui_ok_wait "Shots 2/6" "a multi-shot file"
ui_keys j j j j j j
ui_ok_wait "Shot 1" "on a shot"
line=$(status)
like "$line" "a add" "a shot offers add"
like "$line" "d del" "delete"
like "$line" '\? help  q quit *$' "and help and quit, whole, at 80 columns"
ui_keys l Enter
ui_ok_wait "Tab complete @name" "typing a shot's prompt offers @name completion"
ui_stop
done_testing
