#!/bin/sh
# kling-tui: nothing typed is lost: the draft is autosaved once edits settle,
# survives the terminal going away (SIGHUP when the tmux server dies, as when
# an SSH link drops), and is offered and restored on the next start.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cp "$FIXTURES/create-example.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics: none" "a valid file opens"
like "$(ui_screen | tail -1)" "story.json" "the status line names the file"
[ -z "$(ui_drafts)" ]; ok $? "no draft before any edit"

# Edit shot 1's prompt; the autosave follows about a second later.
ui_keys j j j j j j l Enter C-u
ui_type "Rain begins."
ui_keys Enter
ui_ok_wait "story.json [+]" "the edit marks the storyboard modified"
ui_draft_wait "Rain begins"; ok $? "the draft is autosaved once edits stop, with the edit in it"

# A second edit, and the terminal disappears before the autosave is due.
ui_keys Enter C-e
ui_type " Thunder."
ui_keys Enter
ui_ok_wait "Thunder." "a second edit"
# And a third still being typed, not yet kept with Enter.
ui_keys Enter C-e
ui_type " Hail"
ui_ok_wait "Hail" "a third edit, in the field"
ui_stop
ui_draft_wait "Thunder. Hail"; ok $? "SIGHUP saves the draft at once"
cmp -s "$TMP/story.json" "$FIXTURES/create-example.json"
ok $? "the file itself is untouched"

# The next start offers the draft; r recovers it, with its file name.
ui_start "$KLING_TUI"
ui_ok_wait "Draft of $TMP/story.json," "the next start offers the draft, naming its file"
ui_ok_wait "gone: [r]ecover [o]pen file" "whose process is gone"
ui_ok_wait "[d]elete [Esc] later" "the whole question is shown, wrapped"
ui_keys r
ui_ok_wait "draft restored" "y restores it"
ui_ok_wait "Rain begins. Thunder. Hail" "with every edit, the one being typed too"
like "$(ui_screen | tail -1)" "story.json \[\+\]" "as unsaved changes to the same file"
ui_keys C-s
ui_ok_wait "saved $TMP/story.json" "saving writes the file it came from"
grep -q "Thunder" "$TMP/story.json"; ok $? "with the edits"
[ -z "$(ui_drafts)" ]; ok $? "and removes the draft"

# Quitting with unsaved changes asks; SIGTERM keeps the draft too.
ui_keys j Space
ui_ok_wait "story.json [+]" "another edit"
ui_keys q
ui_ok_wait "Save changes to $TMP/story.json? [y]es [n]o [c]ancel" "quit asks first"
ui_keys c
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "Save changes" "c cancels the quit"
kill -TERM "$(ui_pid)"
ui_ok_wait "[exit 143]" "the program dies of SIGTERM"
[ -n "$(ui_drafts)" ]; ok $? "and saves the draft"
ui_stop

# d deletes the draft.
ui_start "$KLING_TUI"
ui_ok_wait "[r]ecover" "offered again"
ui_keys d
ui_ok_wait "[new storyboard]" "d starts afresh"
[ -z "$(ui_drafts)" ]; ok $? "and deletes the draft"
ui_keys q
ui_ok_wait "[exit 0]" "quit"
ui_stop
done_testing
