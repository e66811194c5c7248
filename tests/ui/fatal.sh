#!/bin/sh
# kling-tui: a fatal error on the network worker's thread (forced with
# KLING_TUI_FAULT=worker-fatal, while the worker holds its lock) is handed to
# the main thread: the program ends, says why, and gives the terminal back;
# it never hangs and never leaves the terminal raw.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/cli/net-lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
start_sim || exit 1
export CRUN_API_KEY="$SIM_KEY" CRUN_BASE_URL="$SIM_URL"

# The subcommands: the loop takes the message and dies of it at once.
start=$(date +%s)
timeout 20 env KLING_TUI_FAULT=worker-fatal "$KLING_TUI" status task_1 >/dev/null 2>"$TMP/err"
RC=$?
ok $([ "$RC" -ne 124 ]; echo $?) "subcommand: it does not hang (exit $RC)"
ok $([ "$RC" -ne 0 ]; echo $?) "subcommand: it fails"
like "$(cat "$TMP/err")" "fatal: forced by KLING_TUI_FAULT=worker-fatal" "subcommand: and says why"
ok $([ $(( $(date +%s) - start )) -lt 10 ]; echo $?) "subcommand: promptly"

# The screens: the dashboard asks for the balance at once, which forces it.
# (The program draws its first screen first: the forced error comes after.)
cat >"$TMP/run.sh" <<EOS
KLING_TUI_FAULT=worker-fatal "$KLING_TUI" 2>"$TMP/ui-err"
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
stop_sim
done_testing
