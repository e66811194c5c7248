#!/bin/sh
# kling-tui fault campaign: SIGHUP (the SSH link drops) while a field is
# being edited in readline: the terminal is given back, the draft holds every
# committed edit, and the next start restores it.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

cp "$FIXTURES/multi-shot-customize.json" "$TMP/story.json"
ui_start "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics" "the storyboard opens"
ui_keys j j j j j j l Enter C-u
ui_type "Lightning strikes."
ui_keys Enter
ui_ok_wait "Lightning strikes." "an edit is committed"
# A second field left open, half typed, when the hang-up comes.
ui_keys Enter C-e
ui_type " Half typed"
ui_ok_wait "Half typed" "a field is open in readline"
pid=$(ui_pid)
kill -HUP "$pid"
ui_ok_wait "[exit " "SIGHUP ends the program"
like "$(ui_screen | grep '\[exit')" '\[exit (0|129)\]' "without crashing"
ui_draft_wait "Lightning strikes."; ok $? "the draft holds the committed edit"
cmp -s "$TMP/story.json" "$FIXTURES/multi-shot-customize.json"; ok $? "the file itself is untouched"

ui_start "$KLING_TUI"
ui_ok_wait "[r]ecover" "the next start offers the draft"
ui_keys r
ui_ok_wait "Lightning strikes." "r restores the edit"
ui_stop
done_testing
