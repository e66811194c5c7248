#!/bin/sh
# kling-tui: a fatal error on the network worker's thread (forced with
# KLING_TUI_FAULT=worker-fatal, while the worker holds its lock) is handed to
# the main thread: the program ends, says why, and gives the terminal back;
# it never hangs and never leaves the terminal raw.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

# The subcommands: the loop takes the message and dies of it at once.
start=$(date +%s)
timeout 20 env KLING_TUI_FAULT=worker-fatal "$KLING_TUI" --demo status task_1 >/dev/null 2>"$TMP/err"
RC=$?
ok $([ "$RC" -ne 124 ]; echo $?) "subcommand: it does not hang (exit $RC)"
ok $([ "$RC" -ne 0 ]; echo $?) "subcommand: it fails"
like "$(cat "$TMP/err")" "fatal: forced by KLING_TUI_FAULT=worker-fatal" "subcommand: and says why"
ok $([ $(( $(date +%s) - start )) -lt 10 ]; echo $?) "subcommand: promptly"

# The screens: the dashboard asks for the balance at once, which forces it.
cat >"$TMP/run.sh" <<EOS
KLING_TUI_FAULT=worker-fatal "$KLING_TUI" --demo 2>"$TMP/ui-err"
echo "[rc \$?]"
stty -a | tr ' ;' '\n\n' | grep -x -- '-\?icanon'
stty -a | tr ' ;' '\n\n' | grep -x -- '-\?echo'
EOS
ui_start sh "$TMP/run.sh"
ui_ok_wait "[rc " "screen: the program ended, without hanging"
like "$(ui_line '^\[rc ')" "\[rc [1-9][0-9]*\]" "screen: with a failure status"
like "$(ui_screen)" "(^|[^-])icanon" "screen: the terminal is back in canonical mode"
unlike "$(ui_screen)" "-icanon|-echo$" "screen: not left raw or without echo"
like "$(cat "$TMP/ui-err")" "fatal: forced by KLING_TUI_FAULT=worker-fatal" "screen: the reason is told"
ui_stop
done_testing
