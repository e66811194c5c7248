#!/bin/sh
# kling-tui: diagnostics that can be read: errors before warnings, the count
# of those that do not fit in the pane's title, and the selected one shown
# whole (issue 10, item 10); the 7th shot of an over-long file is numbered
# (item 15).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

# Seven shots over the duration, five of them naming no element.
cat > "$TMP/seven.json" <<'JSON'
{
  "model": "kling/v3",
  "input": {
    "mode": "std",
    "multi_shots": true,
    "shot_type": "customize",
    "multi_prompt": [
      {"prompt": "@ghost walks in", "duration": 3},
      {"prompt": "@ghost turns", "duration": 3},
      {"prompt": "@ghost waves", "duration": 3},
      {"prompt": "@ghost sits", "duration": 3},
      {"prompt": "@ghost sleeps", "duration": 3},
      {"prompt": "The room empties", "duration": 3},
      {"prompt": "Night falls", "duration": 3}
    ],
    "img_urls": ["https://example.com/a.jpg"],
    "duration": 10,
    "audio": true
  }
}
JSON
ui_start 80x24 "$KLING_TUI $TMP/seven.json"
ui_ok_wait "2 errors, 5 warnings" "the pane counts 2 errors and 5 warnings"
pane=$(ui_screen | sed -n '/^Diagnostics/,$p')
first=$(printf '%s\n' "$pane" | sed -n 2p)
second=$(printf '%s\n' "$pane" | sed -n 3p)
like "$first" "^error" "an error comes first"
like "$second" "^error +input.multi_prompt: shot durations" \
	"the sum of durations is not hidden behind the warnings"
like "$(ui_line '^Diagnostics')" "[0-9]+ more below" "what does not fit is counted in the title"
unlike "$pane" "more\.\.\." "not drawn over the last message"
# Item 15: the shot past the limit has its number too.
like "$(ui_line 'Night falls')" "Shot 7 " "the 7th shot is numbered"
# Tab into the pane, down to a warning: it is shown whole.
ui_keys Tab j j
ui_ok_wait_joined "warning input.multi_prompt[0].prompt: @ghost names no element (it reaches the model as plain text)" \
	"the selected message is shown whole"
ui_keys Tab
ui_ok_wait "? help  q quit" "Tab leaves the pane"
ui_stop
done_testing
