#!/bin/sh
# kling-tui: a new storyboard from each of the API page's examples.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

ui_start "$KLING_TUI"
ui_ok_wait "Diagnostics: 1 error" "the editor starts"
ui_keys n
ui_ok_wait "New storyboard from a template" "n offers the templates"
for t in text-to-video image-to-video multi-shot-customize multi-shot-intelligence elements; do
	like "$(ui_screen)" "[1-5]  $t" "the menu lists $t"
done
ui_escape
ui_wait_gone "New storyboard from"; ok $? "Escape closes the menu"

check() { # check NUMBER NAME TEXT DESCRIPTION
	ui_keys n "$1"
	ui_ok_wait "from the $2 template" "$2: opened"
	ui_ok_wait "$3" "$2: $4"
	ui_ok_wait "Diagnostics: none" "$2: valid as it comes"
	like "$(ui_screen | tail -1)" '\[new storyboard\]' "$2: a new, unnamed storyboard"
}
check 1 text-to-video "Prompt" "one prompt, no shots"
unlike "$(ui_screen)" "Shot type" "text-to-video: no shot type in single-shot mode"
check 2 image-to-video "Start frame    https://" "a start frame"
check 3 multi-shot-customize "Shots 2/6" "two shots"
like "$(ui_screen)" "10s assigned" "multi-shot-customize: the timeline adds up"
check 4 multi-shot-intelligence "intelligence" "the intelligence shot type"
unlike "$(ui_screen)" "Shots [0-9]" "multi-shot-intelligence: no shots list"
check 5 elements "Element 1" "an element"

# Changing a template and asking for another asks first.
ui_keys g Space
ui_ok_wait "[new storyboard] [+]" "an edit"
ui_keys n
ui_ok_wait "Discard unsaved changes? [y/n]" "a new template asks before discarding"
ui_keys n
ui_wait_gone "Discard unsaved"; ok $? "n keeps the edit"
ui_stop
done_testing
