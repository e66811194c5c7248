#!/bin/sh
# kling-tui: the start and end frames keep their places: img_urls[0] is the
# start frame and an end frame follows one, so an image typed on the end
# frame's row with no start frame goes to the start frame's, said, not
# silently; deleting the start frame says the end frame moved up.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cp "$FIXTURES/text-to-video.json" "$TMP/t.json"
ui_start "$KLING_TUI $TMP/t.json"
ui_ok_wait "Images 0" "a storyboard with no image"
# Mode, Duration, Audio, Out compliance, Callback, Prompt, Images, Start, End.
ui_keys j j j j j j j j Enter
ui_ok_wait "no start frame yet" "Enter on the end frame with no start frame says where the image goes"
ui_type "https://example.com/a.png"
sleep 0.2
like "$(ui_line 'Start frame')" "example.com/a.png" "typed on the start frame's row"
like "$(ui_line 'End frame')" "\\(not set\\)" "and not shown on the end frame's as well"
ui_keys Enter
ui_ok_wait "Start frame    https://example.com/a.png" "kept as the start frame"
like "$(ui_line 'End frame')" "\\(not set\\)" "the end frame is still empty"

ui_keys j Enter
ui_type "https://example.com/b.png"
ui_keys Enter
ui_ok_wait "End frame      https://example.com/b.png" "with a start frame, the end frame takes its own image"
like "$(ui_line 'Start frame')" "example.com/a.png" "and the start frame keeps its"

ui_keys k d
ui_ok_wait "the end frame is now the start frame" "deleting the start frame says the end frame moved up"
like "$(ui_line 'Start frame')" "example.com/b.png" "which it did"
like "$(ui_line 'End frame')" "\\(not set\\)" "leaving no end frame"
ui_keys u
ui_ok_wait "End frame      https://example.com/b.png" "u puts both back"
like "$(ui_line 'Start frame')" "example.com/a.png" "in their places"
ui_stop
done_testing
