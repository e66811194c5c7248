#!/bin/sh
# kling-sim --style documented: answers as the documented service does: ids
# like task_12345678, every error as HTTP 200 with its code in the body, and
# videos from another host (a second listening port); kling-tui copes with
# all three (issue 15, item 15).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
dir="$top_srcdir/tests/sim"

start_sim --style documented --task-seconds 2 --media-size 65536 || exit 1
create "$dir/t2v.json"
is "$STATUS $CODE" "200 200" "a create is answered"
like "$TASK_ID" '^task_[0-9]{8}$' "its id is like task_12345678"
first=$TASK_ID
create "$dir/t2v.json"
is "$TASK_ID" "task_$((${first#task_} + 1))" "the next id counts up from it"
info task_00000001
is "$STATUS $CODE" "200 404" "an unknown task: HTTP 200, code 404 in the body"
call GET /api/v1/client/account/balance -H "x-api-key: wrong"
is "$STATUS $CODE" "200 401" "a wrong key: HTTP 200, code 401 in the body"
sleep 2.2
info "$first"
is "$(jq -r .data.status "$TMP/body")" success "the task ends"
url=$(jq -r '.data.result.media_urls[0]' "$TMP/body")
port=${SIM_URL##*:}
mport=$(printf '%s\n' "$url" | sed -n 's|^http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p')
ok $([ -n "$mport" ] && [ "$mport" != "$port" ]; echo $?) \
	"its video is on another port ($mport, the API on $port)"
is "$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{size_download}' "$url")" "200 65536" \
	"and is served there"

# kling-tui against it, as against the service.
export CRUN_API_KEY="$SIM_KEY"
mkdir -p "$XDG_CONFIG_HOME/kling-tui"
printf 'poll_min_seconds = 1\n' >"$XDG_CONFIG_HOME/kling-tui/config"
out=$(cd "$TMP" && timeout 60 "$KLING_TUI" --base-url "$SIM_URL" submit --wait "$dir/t2v.json" 2>&1)
is "$?" 0 "kling-tui submit --wait: ends well"
like "$out" 'task_[0-9]{8}.*success' "the task succeeds"
id=$(printf '%s\n' "$out" | sed -n 's/.*: task \(task_[0-9]*\)$/\1/p')
(cd "$TMP" && timeout 60 "$KLING_TUI" --base-url "$SIM_URL" download "$id" >/dev/null 2>&1)
is "$?" 0 "kling-tui download: from the other port"
is "$(wc -c <"$TMP/$id.mp4" | tr -d ' ')" 65536 "the whole video"
out=$(timeout 60 "$KLING_TUI" --base-url "$SIM_URL" status task_00000001 2>&1)
is "$?" 3 "status of an unknown id: exit 3, though the HTTP status was 200"
like "$out" '404' "and says 404"
done_testing
