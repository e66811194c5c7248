#!/bin/sh
# kling-tui: drafts as vim's swap files: one per file and process, keyed by
# the file's absolute path, none when nothing is unsaved, offered only for
# the file they belong to, listed by `kling-tui drafts` (issue 10, items 1-4).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

prompt() { # prompt TEXT: on the single-shot prompt, TEXT first; Enter keeps it
	ui_keys j j j j j Enter C-a
	ui_type "$1"
}
for f in t2 seven a b; do cp "$FIXTURES/text-to-video.json" "$TMP/$f.json"; done
mkdir "$TMP/work"
cp "$FIXTURES/text-to-video.json" "$TMP/work/temple.json"

# 1. An edit cancelled with Escape leaves no draft behind.
ui_start "$KLING_TUI $TMP/t2.json"
ui_ok_wait "Diagnostics" "t2.json opens"
prompt "CANCELLED "
ui_ok_wait "CANCELLED" "an edit is being typed"
ui_draft_wait "CANCELLED"; ok $? "the edit being typed is autosaved"
ui_escape
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "CANCELLED" "Escape gives the old text back"
unlike "$(ui_screen | tail -1)" '\[\+\]' "with nothing unsaved"
sleep 1.5
[ -z "$(ui_drafts)" ]; ok $? "and the draft of the cancelled edit is gone"
ui_stop
[ -z "$(ui_drafts)" ]; ok $? "the terminal going away leaves no draft either"

# 2. Two instances, two files, one terminal dropped: each keeps its draft.
ui_start 130x30 "$KLING_TUI $TMP/a.json"
tmux -L "$ui_sock" split-window -h "$KLING_TUI $TMP/b.json"
sleep 0.5
tmux -L "$ui_sock" select-pane -t 0
prompt "EDIT-A "; ui_keys Enter
tmux -L "$ui_sock" select-pane -t 1
prompt "EDIT-B "; ui_keys Enter
ui_draft_wait "EDIT-A"; ok $? "a's edit has its draft"
ui_draft_wait "EDIT-B"; ok $? "b's edit has its own"
# Each pane's process and its children: a pane given one command (the
# split) runs kling-tui itself, ui_start's runs it under sh.
pids=$(for pane in $(tmux -L "$ui_sock" list-panes -F '#{pane_pid}'); do
	echo "$pane"
	ui_children "$pane"
done)
tmux -L "$ui_sock" kill-server; ui_sock=
# Up to 10 s each: an ASan build's exit runs its leak check.
for p in $pids; do i=0; while [ -e /proc/$p ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done; done
out=$($KLING_TUI drafts)
like "$out" "gone +$TMP/a.json" "kling-tui drafts lists a.json's draft, its process gone"
like "$out" "gone +$TMP/b.json" "and b.json's"
# 1. A draft is offered only for its own file.
ui_start "$KLING_TUI $TMP/seven.json"
ui_ok_wait "Diagnostics" "another file opens"
unlike "$(ui_screen)" "Draft of" "no draft is offered for it"
ui_stop
ui_start "$KLING_TUI $TMP/a.json"
ui_ok_wait "Draft of $TMP/a.json" "a.json's draft is offered when a.json opens"
ui_keys r
ui_ok_wait "EDIT-A" "r recovers a's edit"
unlike "$(ui_screen)" "EDIT-B" "not b's"
ui_keys C-s
ui_ok_wait "saved $TMP/a.json" "saved"
ui_keys q
ui_ok_wait "[exit 0]" "quit"
ui_stop
out=$($KLING_TUI drafts)
unlike "$out" "a.json" "a saved draft is no longer listed"

# 4. Escape at the question keeps the draft: this run's autosaves do not
# write over it.
ui_start "$KLING_TUI $TMP/b.json"
ui_ok_wait "Draft of $TMP/b.json" "b.json's draft is offered"
ui_escape
ui_ok_wait_gone "Draft of" "Escape puts the question away"
prompt "OTHER "; ui_keys Enter
ui_draft_wait "OTHER"; ok $? "this run's edit is autosaved"
grep -l "EDIT-B" $(ui_drafts) >/dev/null 2>&1; ok $? "beside the draft kept for later"
ui_keys q
ui_ok_wait "Save changes" "quit asks"
ui_keys n
ui_ok_wait "[exit 0]" "n quits without saving"
ui_stop
grep -l "EDIT-B" $(ui_drafts) >/dev/null 2>&1; ok $? "the draft kept for later is still whole"
ui_start "$KLING_TUI"
ui_ok_wait "Draft of $TMP/b.json" "with no file named, the draft left is offered"
ui_keys d
ui_ok_wait_gone "Draft of" "d deletes it"
[ -z "$(ui_drafts)" ]; ok $? "no draft is left"
ui_stop

# 3. A draft made from a relative path is recovered into the same file from
# another folder.
ui_start "cd $TMP/work && $KLING_TUI temple.json"
ui_ok_wait "Diagnostics" "temple.json opens by a relative path"
prompt "RELATIVE "; ui_keys Enter
ui_draft_wait "RELATIVE"; ok $? "autosaved"
ui_stop
ui_start "cd $TMP && $KLING_TUI"
ui_ok_wait "Draft of $TMP/work/temple.json" "the draft names the file's absolute path"
ui_keys r
ui_ok_wait "draft restored" "recovered from the parent folder"
ui_keys C-s
ui_ok_wait "saved $TMP/work/temple.json" "C-s saves the file the draft came from"
grep -q RELATIVE "$TMP/work/temple.json"; ok $? "with the edit"
[ ! -e "$TMP/temple.json" ]; ok $? "and makes no new file where it was recovered"
ui_stop
done_testing
