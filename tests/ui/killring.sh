#!/bin/sh
# kling-tui: readline's kill ring in a field accumulates consecutive kills
# as bash does: C-a M-d M-d then C-y yanks both words (issue 10, item 13).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cp "$FIXTURES/text-to-video.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics" "the file opens"
ui_keys j j j j j Enter C-u
ui_type "Close-up of a fox"
ui_ok_wait "Close-up of a fox" "a prompt typed"
ui_keys C-a M-d M-d
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "Close-up" "M-d M-d kills the first two words"
ui_keys C-e C-y
ui_ok_wait " of a foxClose-up" "C-y yanks both kills as one, as bash does"
ui_keys C-a C-k C-y C-y
ui_ok_wait " of a foxClose-up of a foxClose-up" "a kill after a motion starts afresh"
ui_stop
done_testing
