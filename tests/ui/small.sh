#!/bin/sh
# kling-tui: small terminals (issue 10, item 15): timeline labels never run
# together when shots run over budget; after shrinking below the minimum
# and back, a field being typed shows its text again; the too-small message
# is whole. (The 7th shot's number: tests/ui/diags.sh.)
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

# Five short shots and a long one, far over the duration (10 s).
jq '.input.multi_prompt = ([range(5) | {prompt: "Short", duration: 3}] +
	[{prompt: "Long", duration: 20}])' "$FIXTURES/multi-shot-customize.json" > "$TMP/over.json"
ui_start 60x20 "NO_COLOR=1 $KLING_TUI $TMP/over.json"
ui_ok_wait "25s over" "the timeline says the shots run over"
line=$(ui_line 's over')
unlike "$line" '[0-9]s[0-9]' "no two labels run together: $line"
ui_stop

# A short prompt being typed, the window shrunk (through a narrow width)
# and grown back.
cp "$FIXTURES/text-to-video.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics" "a file opens"
ui_keys j j j j j Enter C-u
ui_type "A fox crosses a frozen lake at dawn, slowly"
ui_ok_wait "A fox crosses a frozen lake at dawn, slowly" "a prompt typed"
ui_resize 60 15
sleep 0.3
ui_resize 30 8
ui_ok_wait "terminal too small" "30x8: too small"
like "$(ui_screen | head -2 | tr '\n' ' ')" "terminal too small +\(need 60x15\)" \
	"the message is whole"
ui_resize 100 30
ui_ok_wait "A fox crosses a frozen lake at dawn, slowly" \
	"grown back, the field shows its text from the start"
ui_stop
done_testing
