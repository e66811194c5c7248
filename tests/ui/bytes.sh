#!/bin/sh
# kling-tui: a keystroke in a prompt sends the terminal a handful of bytes,
# not a screen: what a slow SSH link needs. And a frame goes out in a few
# writes, not one per cursor movement (ncurses 6.4 flushes each until the
# screen has been left and taken back once).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
out="$TMP/pane.out"
size() { wc -c <"$out" | tr -d ' '; }

ui_start "$KLING_TUI $FIXTURES/create-example.json"
ui_ok_wait "Diagnostics: none" "opens"
full=$(tmux -L "$ui_sock" capture-pane -p -e | wc -c)
tmux -L "$ui_sock" pipe-pane -o "cat >>'$out'"
ui_keys g j j j j j j l Enter C-e
ui_ok_wait "Enter keep" "editing shot 1's prompt"
sleep 0.3
for c in q w e r t y; do
	before=$(size)
	ui_type "$c"
	ui_wait "temple.$(printf '%s' qwerty | sed "s/$c.*/$c/")" 2
	sleep 0.2
	after=$(size)
	n=$((after - before))
	[ "$n" -gt 0 ] && [ "$n" -lt 120 ]
	ok $? "typing '$c' wrote $n bytes (a full screen is $full)"
done
ui_keys Escape
sleep 0.2
before=$(size)
ui_keys j
sleep 0.3
n=$(( $(size) - before ))
[ "$n" -lt 400 ]; ok $? "moving to the next field wrote $n bytes"

# Idle after an edit (the autosave has run): asleep in poll(), no CPU.
ui_keys Space
sleep 1.5
pid=$(ui_pid)
a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
before=$(size)
sleep 3
b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
is "$((b - a))" 0 "idle for 3 s: no CPU time used"
is "$(size)" "$before" "idle: nothing written to the terminal"
ui_stop

if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	# LeakSanitizer (an ASan build's) cannot run under ptrace.
	ui_start "ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0 strace -f -e trace=write -o '$TMP/writes' $KLING_TUI $FIXTURES/create-example.json"
	ui_ok_wait "Diagnostics: none" "opens under strace"
	ui_keys F2
	ui_ok_wait "0 tasks | sort" "the dashboard, under strace"
	ui_keys F2
	ui_ok_wait "Diagnostics: none" "and back to the editor"
	sleep 0.3
	# Every write to the terminal (the threads write nothing there).
	n=$(grep -c '^[0-9]* *write(1,' "$TMP/writes")
	echo "# writes to the terminal for three frames and the set-up: $n"
	ok $([ "$n" -gt 0 ] && [ "$n" -le 16 ]; echo $?) "three full frames took $n writes, not one a cursor move"
	ui_stop
else
	echo "# strace is missing or cannot trace here: the count of writes is not checked"
fi
done_testing
