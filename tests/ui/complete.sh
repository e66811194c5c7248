#!/bin/sh
# kling-tui: the @name completion hint is drawn inside its field's row, not
# over the next row, CJK names included (issue 10, item 16).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cat > "$TMP/story.json" <<'JSON'
{
  "model": "kling/v3",
  "input": {
    "mode": "std",
    "multi_shots": false,
    "prompt": "A fox in the snow",
    "element_list": [
      {"name": "hero", "description": "A fox", "element_image_urls": ["https://example.com/f.jpg"]},
      {"name": "桜の精", "description": "A spirit", "element_image_urls": ["https://example.com/s.jpg"]}
    ],
    "duration": 5,
    "aspect_ratio": "16:9"
  }
}
JSON
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Element 2" "a storyboard with two elements, one named in Japanese"
below=$(ui_screen | grep -A1 '^  Prompt' | sed -n 2p)
ui_keys j j j j j Enter C-e
ui_type " @"
ui_ok_wait "@桜の精" "typing @ offers the names"
row=$(ui_line '^  Prompt')
like "$row" "A fox in the snow @ .*@hero  @桜の精" "on the field's own row, after the text"
is "$(ui_screen | grep -A1 '^  Prompt' | sed -n 2p)" "$below" "the row below is left as it was"
ui_keys Tab
ui_ok_wait "A fox in the snow @" "Tab starts completing"
ui_stop
done_testing
