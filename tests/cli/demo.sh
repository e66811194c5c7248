#!/bin/sh
# kling-tui: --demo means the same for every subcommand as for the screens:
# a private kling-sim, no key, whatever CRUN_BASE_URL says, and a demo
# store of its own; the simulator keeps its tasks between commands, so that
# a later command finds what an earlier one made.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"

# A dead base URL and no key: only the demo's own simulator can answer.
export CRUN_BASE_URL=http://127.0.0.1:9
unset CRUN_API_KEY
T2V="$top_srcdir/tests/cli/t2v.json"

OUT=$("$KLING_TUI" --demo balance 2>"$TMP/err"); RC=$?
is "$RC" 0 "--demo balance: exit 0 with no key and a dead base URL"
like "$OUT" "^balance: [0-9.]+ credits" "--demo balance: the simulator's credits"
OUT=$("$KLING_TUI" balance --demo --json 2>&1); RC=$?
is "$RC:$(printf '%s' "$OUT" | jq -r 'has("balance")')" "0:true" "a global option after the subcommand works too"

OUT=$("$KLING_TUI" --demo submit --wait "$T2V" 2>"$TMP/err"); RC=$?
is "$RC" 0 "--demo submit --wait: exit 0"
like "$OUT" "t2v.json: task [^ ]+" "--demo submit --wait: the task id"
like "$OUT" ": success, " "--demo submit --wait: followed to success"
ID=$(printf '%s\n' "$OUT" | sed -n 's/^.*t2v.json: task \([^ ]*\)$/\1/p' | head -1)

OUT=$("$KLING_TUI" --demo list --json 2>&1); RC=$?
is "$RC:$(printf '%s\n' "$OUT" | jq -r 'select(.task_id == "'"$ID"'") | .state')" "0:success" \
	"--demo list: the demo store holds it, finished"
is "$("$KLING_TUI" list --json | wc -l)" 0 "list without --demo: the real store does not"

OUT=$("$KLING_TUI" --demo status "$ID" 2>&1); RC=$?
is "$RC" 0 "--demo status: a later process's simulator knows the task"
like "$OUT" "^$ID.*: success" "--demo status: and says it succeeded"

OUT=$("$KLING_TUI" --demo download -o "$TMP/v.mp4" "$ID" 2>&1); RC=$?
is "$RC" 0 "--demo download: exit 0"
ok $([ -s "$TMP/v.mp4" ]; echo $?) "--demo download: the video is saved"
like "$OUT" "saved $TMP/v.mp4" "--demo download: and says where"

# watch follows, in a new process, what submit left unfinished.
OUT=$("$KLING_TUI" --demo submit "$T2V" 2>&1); RC=$?
ID2=$(printf '%s\n' "$OUT" | sed -n 's/^.*t2v.json: task \([^ ]*\)$/\1/p')
is "$RC" 0 "--demo submit: exit 0 (not waiting)"
OUT=$(timeout 90 "$KLING_TUI" --demo watch 2>&1); RC=$?
is "$RC" 0 "--demo watch: exit 0 once every task ended"
like "$OUT" "^$ID2.*: success" "--demo watch: followed the other process's task to success"

OUT=$("$KLING_TUI" --demo curl "$T2V" 2>&1); RC=$?
is "$RC" 2 "--demo curl: refused (the simulator lives one command long)"
like "$OUT" "--demo has no lasting address" "--demo curl: and says why"
left=$(pgrep -f -- "kling-sim --listen 127.0.0.1:0" | while read -r p; do
	tr '\0' '\n' </proc/"$p"/environ 2>/dev/null | grep -q "^XDG_STATE_HOME=$XDG_STATE_HOME\$" && echo "$p"
done)
is "$left" "" "no demo simulator outlives its command"
done_testing
