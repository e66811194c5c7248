#!/bin/sh
# kling-tui: two followers on one store each report every change relative to
# what they printed themselves, and both end with the final state and links,
# whichever of them wrote the store first (issue 15, item 1).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

start_sim --task-seconds 4 --seed 3 || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit "$NET/t2v.json"
is "$RC" 0 "a task submitted"
timeout 60 "$KLING_TUI" --base-url "$SIM_URL" watch --json >"$TMP/w1" 2>"$TMP/e1" &
w1=$!
sleep 0.3
timeout 60 "$KLING_TUI" --base-url "$SIM_URL" watch --json >"$TMP/w2" 2>"$TMP/e2" &
w2=$!
wait "$w1"
is "$?" 0 "the first watch ends well"
wait "$w2"
is "$?" 0 "the second watch ends well"
for w in w1 w2; do
	is "$(jq -r .state "$TMP/$w" | tail -n 1)" success "$w: ends with the final state"
	like "$(jq -r '.media_urls[0] // empty' "$TMP/$w" | tail -n 1)" '^http' \
		"$w: and its link"
	is "$(jq -r .state "$TMP/$w" | uniq -d)" "" "$w: each state once"
done
done_testing
