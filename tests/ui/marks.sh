#!/bin/sh
# kling-tui: the ~ and ! marks say which field they mean on a row holding
# two (issue 10, item 11), read with colours off as a person would.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

# A bad aspect ratio: the right-hand field of the "Duration | Aspect" row.
sed 's/"aspect_ratio": "16:9"/"aspect_ratio": "5:4"/' "$FIXTURES/text-to-video.json" \
	> "$TMP/ratio.json"
ui_start "NO_COLOR=1 $KLING_TUI $TMP/ratio.json"
ui_ok_wait "input.aspect_ratio" "the bad ratio is reported"
row=$(ui_line 'Aspect ratio')
like "$row" '~Aspect ratio' "the mark stands in front of the field it means"
like "$row" '^ +Duration' "not in front of the row's other field"
# A bad duration: the left-hand field.
sed 's/"duration": 10/"duration": 99/' "$FIXTURES/text-to-video.json" > "$TMP/long.json"
ui_start "NO_COLOR=1 $KLING_TUI $TMP/long.json"
ui_ok_wait "input.duration" "the bad duration is reported"
row=$(ui_line 'Aspect ratio')
like "$row" '^! +Duration' "the left field is marked in the gutter"
unlike "$row" '[!~]Aspect' "and the right one is not"
ui_stop
done_testing
