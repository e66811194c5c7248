#!/bin/sh
# kling-tui: the editor's keys: undo and redo, the diagnostics pane's jump,
# readline editing and cancelling, list operations, $EDITOR, open and save
# as, help.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; ui_screen | sed 's/^/#   /'; fi; }

# An "editor" that replaces the text with a fixed line, as a person would.
# It also notes the descriptors it was given (ls's own: 0, 1, 2 and its
# directory): none of the program's may reach it (issue 12, item 10).
cat >"$TMP/fake-editor" <<EOS
#!/bin/sh
printf 'Rewritten in an editor, @hero waves.\\n' >"\$1"
ls /proc/self/fd | sort -n | tr '\\n' ' ' >"$TMP/editor-fds"
EOS
chmod +x "$TMP/fake-editor"
cp "$FIXTURES/create-example.json" "$TMP/a.json"

ui_start "env VISUAL=$TMP/fake-editor $KLING_TUI $TMP/a.json"
ui_ok_wait "Diagnostics: none" "the example opens"

# Undo and redo.
ui_keys Space
ui_ok_wait "Mode           std" "Space: pro becomes std"
ui_keys u
ui_ok_wait "Mode           pro" "u undoes it"
ui_ok_wait_gone "a.json [+]" "back to the saved state: not modified"
ui_keys C-r
ui_ok_wait "Mode           std" "C-r redoes it"
ui_keys u

# A wrong duration: Tab to the diagnostics, Enter jumps to the field.
ui_keys j l Enter C-u
ui_type 99
ui_keys Enter
ui_ok_wait "input.duration" "a duration of 99 is an error"
like "$(ui_screen)" "input.multi_prompt: .*99" "and the shots no longer add up"
ui_keys g Tab
ui_ok_wait "Enter: go to field" "Tab moves to the diagnostics pane"
# Down to the duration's diagnostic, wherever the rules list it.
n=$(ui_screen | grep -E '^(error|warning) ' | grep -n 'input.duration:' | cut -d: -f1)
i=1; while [ "$i" -lt "$n" ]; do ui_keys Down; i=$((i + 1)); done
ui_keys Enter
ui_ok_wait_gone "Enter: go to field" "Enter leaves the pane"
ui_keys Enter C-u; ui_type 10; ui_keys Enter
ui_ok_wait "Duration       10s" "the jump focused the duration field, fixed there"
ui_ok_wait "Diagnostics: none" "no problems left"
ui_keys 1 2 Enter
ui_ok_wait "12s" "typing digits on a number starts editing it"
ui_keys u
ui_ok_wait "10s assigned" "undone"

# Readline: kill and yank, Escape and C-g cancel.
ui_keys g j j j j j j l Enter C-u
ui_type "one two three"
ui_keys M-b C-k
sleep 0.1
like "$(ui_line 'Shot 1')" "one two  " "M-b C-k kills the last word"
ui_keys C-a C-y
sleep 0.1
like "$(ui_line 'Shot 1')" "threeone two" "C-y yanks it back at the start"
ui_escape
ui_ok_wait "Wide shot of the explorer" "Escape cancels: the old text stays"
ui_keys Enter
ui_type "zzz"
ui_keys C-g
ui_ok_wait_gone "zzz" "C-g cancels too"

# $VISUAL edits the prompt; the terminal comes back whole.
ui_keys e
ui_ok_wait "Rewritten in an editor, @hero waves." "e hands the prompt to \$VISUAL"
ui_ok_wait "Diagnostics: none" "the screen is redrawn after the editor"
is "$(cat "$TMP/editor-fds")" "0 1 2 3 " "\$VISUAL inherits no descriptor of the program"

# Shots: duplicate, move, delete.
ui_keys D
ui_ok_wait "Shots 3/6" "D duplicates the shot"
ui_ok_wait "4s over" "the timeline shows the copy's seconds over"
ui_keys d
ui_ok_wait "Shots 2/6" "d deletes it"
ui_keys k J
ui_ok_wait "2:4s" "J moves shot 1 down"
like "$(ui_line 'Shot 1')" "Medium shot" "the shots swapped"
like "$(ui_line 'Shot 2')" "Rewritten" "both ways"
ui_keys K
ui_ok_wait "1:4s" "K moves it back"

# Save as a folder: said at once, nothing asked, nothing written.
mkdir "$TMP/folder"
ui_keys w
ui_ok_wait "Save as:" "w asks for a name"
ui_keys C-u; ui_type "$TMP/folder"; ui_keys Enter
ui_ok_wait "is a directory: give a file name" "a folder is not offered for replacing"
unlike "$(ui_screen | tail -1)" "replace it" "no question"
is "$(ls -A "$TMP/folder")" "" "nothing written in it"

# Save as another name; replacing an existing file asks first.
cp "$FIXTURES/create-example.json" "$TMP/b.json"
ui_keys w
ui_ok_wait "Save as:" "w asks for a name"
ui_keys C-u; ui_type "$TMP/b.json"; ui_keys Enter
ui_ok_wait "b.json exists: replace it? [y/n]" "an existing file is not replaced silently"
ui_keys y
ui_ok_wait "saved $TMP/b.json" "y replaces it"
grep -q "Rewritten in an editor" "$TMP/b.json"; ok $? "with the edits"
grep -q "Rewritten" "$TMP/a.json"; ok $((! $?)) "the first file is untouched"

# Open another file; a bad one says why and keeps the storyboard.
printf '{"model": "kling/v3", "input": {' >"$TMP/bad.json"
ui_keys o
ui_ok_wait "Open:" "o asks for a file"
ui_type "$TMP/bad.json"; ui_keys Enter
ui_ok_wait "line 1" "a broken file: the parse error with its place"
like "$(ui_screen | tail -1)" "b.json" "and the storyboard stays"
ui_keys o; ui_type "$FIXTURES/image-to-vi"; ui_keys Tab
ui_ok_wait "Open: $FIXTURES/image-to-video.json" "Tab completes a file name, in full"
ui_keys Enter
ui_ok_wait_gone "Open:" "Enter opens it"
ui_ok_wait "Start frame    https://" "with its contents"

# Each kind of field has its own history: Up in a duration recalls the
# durations typed before, not prompts.
ui_keys g h j Enter C-u Up
ui_ok_wait "Duration       12" "Up recalls the last duration typed"
ui_keys Up
ui_ok_wait "Duration       10" "Up again, the one before"
ui_escape

# Help lists the keys; any key goes back.
ui_keys '?'
ui_ok_wait "kling-tui keys" "? shows the help"
like "$(ui_screen)" "undo / redo" "with every key"
ui_keys x
ui_ok_wait_gone "kling-tui keys" "any key closes it"

# C-c in a field cancels the field; in the form it quits.
ui_keys j j j j j Enter
ui_type "abc"
ui_keys C-c
ui_ok_wait_gone "abc" "C-c cancels a field"
ui_keys C-c
ui_ok_wait "[exit 0]" "C-c in the form quits (nothing unsaved)"
ui_stop
done_testing
