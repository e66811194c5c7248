#!/bin/sh
# kling-tui: changing multi-shot or the shot type never throws shots away
# unseen: shots 2 to n are kept while the mode that uses them is off, the
# status line says so, and they come back with customize (issue 10, item 5).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cp "$FIXTURES/multi-shot-customize.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Shots 2/6" "a storyboard of two shots"
# Shot type: customize -> intelligence -> customize.
ui_keys j
like "$(ui_line 'Shot type')" 'customize' "on the shot type"
ui_keys Space
ui_ok_wait "Shot type      intelligence" "Space makes it intelligence"
ui_ok_wait_joined "shot 2 hidden while the shot type is intelligence" \
	"the status line says which shot went"
ui_ok_wait_joined "back with customize (u undoes)" "and how to have it back"
ui_keys Space
ui_ok_wait "Shots 2/6" "customize again shows both shots"
ui_ok_wait "shot 2 back" "and says so"
like "$(ui_line 'Shot 2')" 'Medium shot' "shot 2 is the one it was"
# Multi-shot off and on again.
ui_keys k l Space
ui_ok_wait "Multi-shot     off" "multi-shot off"
ui_ok_wait_joined "hidden while multi-shot is off" "hides the shots, saying so"
ui_keys Space
ui_ok_wait "Shots 2/6" "multi-shot on brings them back"
ui_keys u
ui_ok_wait "Multi-shot     off" "u undoes the last change"
ui_keys u
ui_ok_wait "Shots 2/6" "and the one before"
ui_stop
done_testing
