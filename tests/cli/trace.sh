#!/bin/sh
# kling-tui: the trace a user attaches to a bug report (-v, KLING_TUI_LOG):
# off unless asked for, timestamped, every request and task change, never
# the key (even where it would appear), bounded in size; and doctor.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/cli/net-lib.sh"
start_sim --task-seconds 2 || exit 1
SECRET=sk-trace-7f3e9a1c5b
export CRUN_API_KEY="$SIM_KEY"
STATE="$XDG_STATE_HOME/kling-tui"

run kt list
ok $([ ! -e "$STATE/kling-tui.log" ]; echo $?) "off by default: no trace file"

run kt -v submit --wait "$NET/t2v.json"
is "$RC" 0 "-v submit --wait: works as without"
LOG="$STATE/kling-tui.log"
ok $([ -f "$LOG" ]; echo $?) "-v: the trace is kling-tui.log in the state directory"
is "$(stat -c %a "$LOG" 2>/dev/null)" 600 "and only its owner can read it"
like "$(head -1 "$LOG")" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z session: kling-tui ' "lines start with a UTC time"
like "$(cat "$LOG")" 'net: POST http://127\.0\.0\.1:[0-9]+/api/v1/client/job/CreateTask -> 200 ok in [0-9]+ ms' "the create, its status and its time"
like "$(cat "$LOG")" 'net: GET [^ ]*TaskInfo\?task_id=[^ ]+ -> 200 ok' "the queries"
like "$(cat "$LOG")" 'task: [^ ]+: success' "the task's state changes"
unlike "$OUT$ERR" 'net: |session: ' "nothing of it on the terminal"

# The key never reaches the file, even where the client would write it:
# here, as the name of the storyboard file it records.
export CRUN_API_KEY="$SECRET"
stop_sim
start_sim --task-seconds 2 --key "$SECRET" || exit 1
cp "$NET/t2v.json" "$TMP/$SECRET.json"
export KLING_TUI_LOG="$TMP/trace.log"
run kt -vv submit "$TMP/$SECRET.json"
is "$RC" 0 "KLING_TUI_LOG: works"
ok $([ -s "$TMP/trace.log" ]; echo $?) "KLING_TUI_LOG names the file"
like "$(cat "$TMP/trace.log")" 'recorded \[redacted\]\.json' "the key is replaced where it would appear"
is "$(grep -c "$SECRET" "$TMP/trace.log")" 0 "the key is never in the trace"
export CRUN_API_KEY=wrong-key
run kt -v balance
export CRUN_API_KEY="$SECRET"
is "$(grep -c "$SECRET" "$TMP/trace.log")" 0 "nor after a refusal"
like "$(cat "$TMP/trace.log")" '-> 401 unauthorized' "a refusal is traced"

# Bounded: past KLING_TUI_LOG_MAX the file moves to .1 and starts again.
rm -f "$TMP/trace.log"
for i in 1 2 3 4 5 6 7 8; do
	KLING_TUI_LOG_MAX=1500 kt -vv balance >/dev/null 2>&1
done
ok $([ -f "$TMP/trace.log.1" ]; echo $?) "a full trace moves to FILE.1"
is "$(ls "$TMP" | grep -c '^trace\.log')" 2 "one old file is kept, no more"
ok $([ "$(stat -c %s "$TMP/trace.log")" -lt 2000 ] && [ "$(stat -c %s "$TMP/trace.log.1")" -lt 2000 ]; echo $?) \
	"each stays near the limit ($(stat -c %s "$TMP/trace.log") and $(stat -c %s "$TMP/trace.log.1") bytes)"
unset KLING_TUI_LOG

# doctor: what a bug report needs, never the key.
run kt doctor
is "$RC" 0 "doctor: exit 0 when the service answers"
for section in Libraries Terminal Config "API key" Store Service; do
	like "$OUT" "^$section\$|
$section
" "doctor: $section"
done
like "$OUT" 'source +\$CRUN_API_KEY' "doctor: says where the key comes from"
like "$OUT" 'balance +ok, HTTP 200' "doctor: the service answers"
is "$(printf '%s' "$OUT$ERR" | grep -c "$SECRET")" 0 "doctor: never the key"
export CRUN_API_KEY=wrong-key
run kt doctor
export CRUN_API_KEY="$SECRET"
is "$RC" 3 "doctor: a refused key exits 3"
like "$OUT" 'advice +401' "doctor: with the advice"
stop_sim
done_testing
