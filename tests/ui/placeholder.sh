#!/bin/sh
# kling-tui: a new storyboard's prompt is empty, shown with a dimmed
# placeholder that is never saved, counted or taken for a value; an empty
# prompt is the error it is (issue 10, item 9).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

ui_start "$KLING_TUI"
ui_ok_wait "Describe the shot" "a new storyboard shows the placeholder"
like "$(tmux -L "$ui_sock" capture-pane -p -e | grep 'Describe the shot')" \
	'[[;]2m.{0,16}Describe the shot' "dimmed"
like "$(ui_line 'Prompt  ')" ' 0/2500' "it counts as nothing"
ui_ok_wait "input.prompt: is empty" "an empty prompt is an error"
ui_keys j j j j j Enter
ui_ok_wait "Enter keep" "editing the prompt"
unlike "$(ui_line 'Prompt  ')" "Describe the shot" "the field starts empty, not with the placeholder"
ui_escape
ui_keys C-s
ui_ok_wait "Save as:" "saving asks for a name"
ui_keys C-u; ui_type "$TMP/new.json"; ui_keys Enter
ui_ok_wait "saved $TMP/new.json (1 error left)" "saved, the error said"
grep -q "Describe the shot" "$TMP/new.json"; ok $((! $?)) "the placeholder is not in the file"
grep -q '"prompt": ""' "$TMP/new.json"; ok $? "the prompt is saved empty"
ui_stop
done_testing
