#!/bin/sh
# kling-tui: wide characters: a CJK prompt is typed, counted in characters
# and drawn with the cursor where the terminal puts it; long text scrolls
# sideways; nothing spills past a cell.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

ui_start "$KLING_TUI"
ui_ok_wait "Diagnostics: 1 error" "the editor starts"
# The single-shot prompt: the value starts at column 17 (2 + a 15-column label).
ui_keys j j j j j
ui_ok_wait "Prompt" "on the prompt"
ui_keys Enter C-u
ui_type "雨の寺院"
ui_ok_wait "4/2500" "four CJK characters count four, not twelve bytes"
is "$(ui_cursor | cut -d, -f1)" 25 "the cursor is after eight columns"
ui_keys C-b C-b
ui_type "X"
ui_ok_wait "雨のX寺院" "C-b moves back one wide character at a time"
is "$(ui_cursor | cut -d, -f1)" 22 "the cursor follows, in columns"
ui_keys M-b
is "$(ui_cursor | cut -d, -f1)" 17 "M-b: back a word"
ui_keys C-e
ui_type " 🎬é"
ui_ok_wait "8/2500" "an emoji and an accented letter count one each"
is "$(ui_cursor | cut -d, -f1)" 30 "the emoji takes two columns"
ui_keys Enter
ui_ok_wait "Prompt         雨のX寺院 🎬é" "committed as typed"

# Longer than the field: the field scrolls to keep the cursor in sight.
long=""
for i in 1 2 3 4 5 6 7 8 9 10; do long="${long}山川草木花"; done
ui_keys Enter C-u
ui_type "$long終"
ui_ok_wait "51/2500" "fifty-one wide characters"
x=$(ui_cursor | cut -d, -f1)
[ "$x" -lt 100 ] && [ "$x" -gt 17 ]; ok $? "the cursor stays on screen ($x)"
like "$(ui_line '51/2500')" "花終 " "the end of the text is in view"
ui_keys C-a
like "$(ui_line '51/2500')" "Prompt *山川草木花" "C-a scrolls back to the start"
is "$(ui_cursor | cut -d, -f1)" 17 "with the cursor at the start"
ui_keys Enter
ui_ok_wait "51/2500" "kept"
line=$(ui_line '51/2500')
like "$line" "^  Prompt *山川草木花.* 51/2500$" "the row is cut before the counter, never through it"

# A shot prompt in a multi-shot storyboard, with an @mention of an element.
ui_keys n
ui_ok_wait "Discard unsaved changes" "a new template asks before dropping the edits"
ui_keys y 5
ui_ok_wait "from the elements template" "the elements template"
ui_ok_wait "Element 1" "with an element"
name=$(ui_line 'Element 1' | awk '{print $3}')
ui_keys g j j j j j
ui_keys Enter C-u
ui_type "桜の下で @"
ui_ok_wait "@$name" "typing @ offers the element names"
ui_ok_wait "Tab completes" "and says how to complete"
ui_keys Tab
ui_ok_wait "桜の下で @$name " "Tab completes the name"
ui_keys Enter
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "names no element" "a known @name draws no warning"
ui_stop
done_testing
