#!/bin/sh
# kling-tui: type the API page's multi-shot storyboard from scratch in the
# editor, watching the timeline and the diagnostics, then save it and compare
# the file with the expected CreateTask body.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

edit() { # edit TEXT: Enter, clear the field, type, Enter
	ui_keys Enter C-u; ui_type "$1"; ui_keys Enter
}

ui_start "$KLING_TUI"
ui_ok_wait "Diagnostics: 1 error" "a new storyboard opens with one error"
ui_ok_wait "input.prompt: is empty" "its empty prompt"
like "$(ui_line "Prompt  ")" "Describe the shot" "shown with a placeholder"
like "$(ui_screen | tail -1)" '\[new storyboard\]' "the status line names a new storyboard"

ui_keys Space
ui_ok_wait "Mode           pro" "Space cycles the mode"
ui_keys l Space
ui_ok_wait "Shots 1/6" "multi-shot on shows the shots"
ui_ok_wait "5s assigned" "the timeline shows the whole duration assigned"
like "$(ui_line 'Shot type')" 'customize' "the shot type appears in multi-shot mode"
like "$(ui_line 'Audio')" 'on.*locked on: multi-shot' "audio is shown locked on, with the reason"
ui_ok_wait "input.img_urls" "the diagnostics ask for the one image multi-shot needs"
like "$(ui_line '^! *Images')" 'exactly 1' "the images heading is marked and gives the count rule"

# Duration 10: the timeline shows 5 seconds left, the sum rule fails.
ui_keys j; edit 10
ui_ok_wait "5s left" "a longer duration leaves seconds to assign"
ui_ok_wait "input.multi_prompt: " "the shots' sum is reported"
like "$(ui_line 'input.multi_prompt: ')" '^error' "as an error"

# Shot 1.
ui_keys j j j j j l
edit "Wide shot of the explorer entering a ruined temple."
ui_ok_wait "51/512" "the prompt's character counter"
ui_keys h 4 Enter
ui_ok_wait "6s left" "shot 1 shortened: six seconds left"

# Shot 2 takes the seconds left; its @hero names no element yet.
ui_keys a
ui_ok_wait "Shot 2" "a adds a shot"
ui_type "Medium shot as @hero lifts a glowing relic and dust falls from the ceiling."
ui_keys Enter
ui_ok_wait "10s assigned" "the new shot took the six seconds left"
ui_ok_wait "@hero names no element" "an @name with no element is warned about"
like "$(ui_line 'Shot 2')" '^~' "and its shot is marked"
ui_keys h +
ui_ok_wait "1s over" "one second more: over budget, live"
ui_ok_wait "add up to 11" "the diagnostics follow"
ui_keys -
ui_ok_wait "10s assigned" "and back"
# While a duration is being typed, before Enter, the timeline and the
# diagnostics already follow it.
ui_keys Enter C-u
ui_type 9
ui_ok_wait "3s over" "the timeline follows the digits as they are typed"
ui_ok_wait "add up to 13" "and so do the diagnostics"
ui_escape
ui_ok_wait "10s assigned" "Escape: the old duration, and the timeline with it"

# The start frame; the aspect ratio is now ignored, so unset it.
ui_keys j j; edit "https://example.com/reference-start.jpg"
ui_ok_wait "ignored: images set" "the aspect ratio is greyed out with the reason"
ui_keys g j j -
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; ui_screen | sed 's/^/#   /'; fi; }
ui_ok_wait_gone "input.aspect_ratio" "unsetting the aspect ratio clears its warning"

# Compliance, callback.
ui_keys j Space l Space
ui_ok_wait "Out compliance enabled" "compliance set"
ui_keys j; edit "https://your-domain.com/api/callback"

# The element the prompt refers to.
ui_keys G a
ui_ok_wait "Element 1" "a on the elements heading adds an element"
ui_type hero; ui_keys Enter
ui_ok_wait_gone "@hero names no element" "naming it clears the @hero warning"
ui_keys l; edit "A young explorer wearing a yellow raincoat."
ui_keys a; ui_type "https://example.com/hero-1.jpg"; ui_keys Enter
ui_keys a; ui_type "https://example.com/hero-2.jpg"; ui_keys Enter
ui_ok_wait "Diagnostics: none" "every problem fixed"

# Save under a new name.
ui_keys C-s
ui_ok_wait "Save as:" "saving a new storyboard asks for a name"
ui_keys C-u; ui_type "$TMP/story.json"; ui_keys Enter
ui_ok_wait "saved $TMP/story.json" "saved"
unlike "$(ui_screen | tail -1)" '\[\+\]' "no longer marked modified"
if cmp -s "$TMP/story.json" "$FIXTURES/create-example.json"; then ok 0 "the file is the expected CreateTask body"
else ok 1 "the file is the expected CreateTask body"; diff "$TMP/story.json" "$FIXTURES/create-example.json" | sed 's/^/# /'; fi
[ -z "$(ui_drafts)" ]; ok $? "saving removes the draft"

ui_keys q
ui_ok_wait "[exit 0]" "q quits at once when everything is saved"
ui_stop
done_testing
