#!/bin/sh
# kling-tui: an absurd Retry-After (99999999 s, or 2^63-1, which overflowed
# retry_after * 1000) is clamped: watch neither falls silent for years nor
# overflows, and it says until when it backs off (issue 12, item 5).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

printf 'poll_min_seconds = 1\npoll_max_seconds = 2\n' >"$XDG_CONFIG_HOME/kling-tui/config"
export KLING_TUI_ATTEMPTS=1
id=task_00000001
for ra in 99999999 9223372036854775807; do
	start_sim --force-code 429@taskinfo --retry-after "$ra" || exit 1
	export CRUN_API_KEY="$SIM_KEY"
	start=$(date +%s)
	run kt watch "$id"
	took=$(($(date +%s) - start))
	ok $([ "$took" -le 20 ]; echo $?) "Retry-After: $ra: watch gave up in $took s, not in years"
	is "$RC" 4 "Retry-After: $ra: exit 4 (the service is not answering)"
	like "$ERR" "$id: .*429.*backing off until [0-9][0-9]:[0-9][0-9]:[0-9][0-9]" \
		"Retry-After: $ra: says until when it backs off"
	unlike "$ERR" 'runtime error' "Retry-After: $ra: no overflow"
	ok $([ "$(logged GET /api/v1/client/job/TaskInfo)" -ge 2 ]; echo $?) \
		"Retry-After: $ra: asked again after the clamped wait"
	stop_sim
done
done_testing
