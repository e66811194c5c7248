#!/bin/sh
# kling-tui: nothing typed is lost: the draft is autosaved once edits settle,
# survives the terminal going away (SIGHUP when the tmux server dies, as when
# an SSH link drops), and is offered and restored on the next start.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
draft="$XDG_STATE_HOME/kling-tui/draft.json"

cp "$FIXTURES/create-example.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics: none" "a valid file opens"
like "$(ui_screen | tail -1)" "story.json" "the status line names the file"
[ ! -e "$draft" ]; ok $? "no draft before any edit"

# Edit shot 1's prompt; the autosave follows about a second later.
ui_keys j j j j j j l Enter C-u
ui_type "Rain begins."
ui_keys Enter
ui_ok_wait "story.json [+]" "the edit marks the storyboard modified"
i=0; while [ ! -e "$draft" ] && [ $i -lt 60 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$draft" ]; ok $? "the draft is autosaved once edits stop"
grep -q "Rain begins" "$draft"; ok $? "with the edit in it"

# A second edit, and the terminal disappears before the autosave is due.
ui_keys Enter C-e
ui_type " Thunder."
ui_keys Enter
ui_ok_wait "Thunder." "a second edit"
# And a third still being typed, not yet kept with Enter.
ui_keys Enter C-e
ui_type " Hail"
ui_ok_wait "Hail" "a third edit, in the field"
tmux -L "$ui_sock" kill-server
ui_sock=
i=0; while ! grep -q "Hail" "$draft" 2>/dev/null && [ $i -lt 60 ]; do sleep 0.05; i=$((i + 1)); done
grep -q "Thunder. Hail" "$draft"; ok $? "SIGHUP saves the draft at once"
cmp -s "$TMP/story.json" "$FIXTURES/create-example.json"
ok $? "the file itself is untouched"

# The next start offers the draft; y restores it, with its file name.
ui_start "$KLING_TUI"
ui_ok_wait "was found for $TMP/story.json: restore? [y/n]" "the next start offers the draft"
ui_keys y
ui_ok_wait "draft restored" "y restores it"
ui_ok_wait "Rain begins. Thunder. Hail" "with every edit, the one being typed too"
like "$(ui_screen | tail -1)" "story.json \[\+\]" "as unsaved changes to the same file"
ui_keys C-s
ui_ok_wait "saved $TMP/story.json" "saving writes the file it came from"
grep -q "Thunder" "$TMP/story.json"; ok $? "with the edits"
[ ! -e "$draft" ]; ok $? "and removes the draft"

# Quitting with unsaved changes asks; SIGTERM keeps the draft too.
ui_keys j Space
ui_ok_wait "story.json [+]" "another edit"
ui_keys q
ui_ok_wait "Save changes to $TMP/story.json? [y]es [n]o [c]ancel" "quit asks first"
ui_keys c
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "Save changes" "c cancels the quit"
kill -TERM "$(ui_pid)"
i=0; while [ ! -e "$draft" ] && [ $i -lt 60 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$draft" ]; ok $? "SIGTERM saves the draft"
ui_ok_wait "[exit 143]" "and the program dies of SIGTERM"
ui_stop

# n declines the draft and discards it.
ui_start "$KLING_TUI"
ui_ok_wait "restore? [y/n]" "offered again"
ui_keys n
ui_ok_wait "[new storyboard]" "n starts afresh"
[ ! -e "$draft" ]; ok $? "and discards the draft"
ui_keys q
ui_ok_wait "[exit 0]" "quit"
ui_stop
done_testing
