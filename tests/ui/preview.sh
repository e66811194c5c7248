#!/bin/sh
# kling-tui: a prompt cut at the edge ends with an ellipsis, and the focused
# prompt is shown whole, wrapped, under the form (issue 10, item 14).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cp "$FIXTURES/text-to-video.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics" "a file with a long prompt opens"
like "$(ui_line 'Prompt  ')" "…  *137/2500" "the cut prompt ends with an ellipsis"
unlike "$(ui_screen)" "reflecting the stars" "its end is not on screen"
ui_keys j j j j j
ui_ok_wait "Prompt, whole" "focusing it opens its preview"
ui_ok_wait_joined "camera slowly rotating around their helmet reflecting the stars." \
	"where it can be read to the end"
ui_keys k
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "Prompt, whole" "leaving it closes the preview"
ui_stop
done_testing
