#!/bin/sh
# kling-tui: the editor under several terminal types, without colours
# (NO_COLOR), and refusing terminals it cannot drive.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
colour='\[(3|4)[0-7]m|\[(3|4)8;'

for t in screen tmux-256color xterm xterm-256color linux; do
	ui_start "env TERM=$t $KLING_TUI"
	ui_ok_wait "Diagnostics: 1 error" "TERM=$t: the editor draws"
	ui_keys l Space
	ui_ok_wait "Shots 1/6" "TERM=$t: keys work"
	like "$(tmux -L "$ui_sock" capture-pane -p -e)" "$colour" "TERM=$t: in colour"
	ui_keys q
	ui_ok_wait "Save changes" "TERM=$t: quit asks"
	ui_keys n
	ui_ok_wait "[exit 0]" "TERM=$t: and quits"
	unlike "$(ui_screen)" "Settings" "TERM=$t: the terminal's own screen is back"
done

# NO_COLOR: no colour at all, the problems still readable.
ui_start "env NO_COLOR=1 $KLING_TUI"
ui_ok_wait "Diagnostics: 1 error" "NO_COLOR: the editor draws"
ui_keys l Space
ui_ok_wait "input.img_urls" "NO_COLOR: problems listed"
screen=$(tmux -L "$ui_sock" capture-pane -p -e)
unlike "$screen" "$colour" "NO_COLOR: no colour sequences"
like "$screen" '\[1m|\[7m|\[4m' "NO_COLOR: attributes instead"
like "$(ui_line 'input.img_urls')" '^error' "NO_COLOR: severity spelled out"
like "$(ui_line 'Images')" '^!' "NO_COLOR: the field marked in the gutter"
ui_stop

# A crash gives the terminal back before the process dies of its signal.
ui_start "ulimit -c 0; $KLING_TUI"
ui_ok_wait "Diagnostics: 1 error" "started"
kill -SEGV "$(ui_pid)"
ui_ok_wait "[exit 139]" "SIGSEGV: the process dies of it"
unlike "$(ui_screen)" "Settings" "SIGSEGV: the terminal's own screen is back"
ui_stop

# Terminals it cannot drive, and no terminal at all: a message, exit 2.
out=$(TERM=dumb "$KLING_TUI" 2>&1 </dev/null); st=$?
is "$st" 2 "no terminal: exit 2"
like "$out" "needs a terminal" "no terminal: says so"
ui_start "env TERM=dumb $KLING_TUI"
ui_ok_wait "[exit 2]" "TERM=dumb: exit 2"
like "$(ui_screen)" "cannot move the cursor" "TERM=dumb: says why"
ui_start "env TERM=no-such-terminal $KLING_TUI"
ui_ok_wait "[exit 2]" "unknown TERM: exit 2"
like "$(ui_screen)" "unknown terminal type" "unknown TERM: says so"
ui_stop
done_testing
