#!/bin/sh
# kling-sim: injected faults, forced codes, maintenance, rate limit, latency
# and failing tasks.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
dir="$top_srcdir/tests/sim"
balance=/api/v1/client/account/balance

balance() { call GET $balance -H "x-api-key: $SIM_KEY" "$@"; }
esc=$(printf '\033')

start_sim --fault garbage || exit 1
balance
is "$STATUS $CODE" "200 none" "garbage: status 200, a body that is not JSON"
like "$(tr -d '\0' <"$TMP/body")" "$esc\\[" "garbage: with escape sequences"
stop_sim

start_sim --fault truncate@api --task-seconds 0 || exit 1
balance
is "$STATUS $CODE" "200 none" "truncate: the JSON does not parse"
is "$(header Content-Length)" "$(wc -c <"$TMP/body" | tr -d ' ')" "truncate: the length sent matches the cut body"
like "$(cat "$TMP/body")" '^\{"code":200,' "truncate: it is the start of the real answer"
stop_sim

start_sim --fault truncate@media --task-seconds 0 --media-size 65536 || exit 1
create "$dir/t2v.json"
curl -s -o "$TMP/v.part" "$SIM_URL/media/$TASK_ID.mp4"
is "$?" 18 "truncate on a video: the transfer ends short (curl: partial file)"
is "$(wc -c <"$TMP/v.part" | tr -d ' ')" 32768 "after half of the announced length"
stop_sim

start_sim --fault reset@create || exit 1
create "$dir/t2v.json"
is "$STATUS" 000 "reset: a create gets no answer at all"
balance
is "$STATUS $(jq -c .data "$TMP/body")" '200 {"balance":995}' "the task was made all the same (its fate is unknown to the client)"
line=$(jq -c 'select(.path == "/api/v1/client/job/CreateTask")' "$SIM_LOG")
is "$(printf '%s' "$line" | jq -c '[.status, .code, .fault]')" '[null,null,"reset"]' "the log shows the create, unanswered, with the fault"
like "$(printf '%s' "$line" | jq -r .task_id)" '^[0-9a-f-]{36}$' "and the task it made"
stop_sim

start_sim --fault stall@balance || exit 1
curl -s -m 4 -H "x-api-key: $SIM_KEY" "$SIM_URL$balance" >/dev/null &
stalled=$!
sleep 0.2
took=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "x-api-key: $SIM_KEY" \
	"$SIM_URL/api/v1/client/job/TaskInfo?task_id=x")
like "$took" '^404 ' "stall: another request is still answered"
ok $(awk -v t="${took#* }" 'BEGIN { exit !(t < 2) }'; echo $?) "at once, while the stalled one waits (${took#* } s)"
wait $stalled
is "$?" 28 "stall: the stalled request times out on the client's side"
stop_sim
is "$SIM_STATUS" 0 "it stops cleanly after a stall"
start_sim --fault stall || exit 1
curl -s -m 10 -H "x-api-key: $SIM_KEY" "$SIM_URL$balance" >/dev/null &
stalled=$!
sleep 0.3
t0=$(date +%s%N)
stop_sim
t1=$(date +%s%N)
is "$SIM_STATUS" 0 "SIGTERM with a request stalled: status 0"
ok $([ $(( (t1 - t0) / 1000000 )) -lt 5000 ]; echo $?) "and it does not wait for the client, who would wait 10 s"
wait $stalled

start_sim --fault huge || exit 1
curl -s -H "x-api-key: $SIM_KEY" "$SIM_URL$balance" | head -c 50000000 >"$TMP/huge"
is "$(wc -c <"$TMP/huge" | tr -d ' ')" 50000000 "huge: 50 MB of it can be read"
is "$(tr -d ' ' <"$TMP/huge")" '{"code":200,"message":"' "huge: all spaces after the start of an answer"
rm -f "$TMP/huge"
call HEAD $balance --head -H "x-api-key: $SIM_KEY"
like "$(header Transfer-Encoding)" chunked "huge: sent chunked, with no length to warn the client"
rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$SIM_PID/status)
ok $([ "$rss" -lt 65536 ]; echo $?) "huge: streamed, never held ($rss kB resident)"
stop_sim

start_sim --fault html || exit 1
balance
is "$STATUS $CODE $(header Content-Type)" "502 none text/html" "html: a 502 HTML page"
stop_sim

# Every code of API.md section 4, on demand.
for code in 401 402 404 422 429 455 500 501 505; do
	start_sim --force-code "$code@balance" --retry-after 3 || exit 1
	balance
	is "$STATUS $CODE" "$code $code" "--force-code $code: HTTP status and body code"
	case $code in
	429|455) is "$(header Retry-After)" 3 "--force-code $code: with Retry-After" ;;
	esac
	info 00000000-0000-4000-8000-000000000000
	is "$STATUS" 404 "--force-code $code@balance leaves TaskInfo alone"
	stop_sim
done

# A share of requests, the same ones for the same seed.
statuses() {
	start_sim --force-code 500:0.5 --seed "$1" || exit 1
	u="$SIM_URL$balance"
	set --
	for i in $(seq 1 30); do set -- "$@" -o /dev/null "$u"; done
	curl -s -w '%{http_code} ' -H "x-api-key: $SIM_KEY" "$@"
	stop_sim
}
a=$(statuses 11)
b=$(statuses 11)
is "$a" "$b" "--seed: the same requests fail again"
n=$(printf '%s' "$a" | tr ' ' '\n' | grep -c 500)
ok $([ "$n" -ge 5 ] && [ "$n" -le 25 ]; echo $?) "--force-code 500:0.5 fails about half ($n of 30)"

start_sim --maintenance || exit 1
balance
is "$STATUS $CODE $(header Retry-After)" "455 455 1" "--maintenance: 455 with Retry-After"
call GET /images/a.png
is "$STATUS" 455 "--maintenance: everywhere"
stop_sim

start_sim --rate-limit 3/s || exit 1
# One curl sends eight on one connection, so quickly that a second holds
# more than three; the log's times tell which second each fell in.
u="$SIM_URL$balance"
set --
for i in 1 2 3 4 5 6 7 8; do set -- "$@" -o /dev/null "$u"; done
s=$(curl -s -w "%{http_code} " -D "$TMP/burst" -H "x-api-key: $SIM_KEY" "$@")
like "$s" '^200 200 200 ' "--rate-limit 3/s: the first three are served"
like "$s" 429 "and some of the rest get 429"
is "$(tr -d '\r' <"$TMP/burst" | grep -c '^Retry-After: 1$')" "$(printf '%s' "$s" | grep -o 429 | wc -l | tr -d ' ')" \
	"each 429 with Retry-After: 1"
is "$(jq -s -c 'group_by(.t | floor) | map(map(.status)) |
	map((map(select(. == 200)) | length) as $ok | (map(select(. == 429)) | length) as $no |
	$ok <= 3 and ($no == 0 or $ok == 3)) | all' "$SIM_LOG")" true \
	"never more than 3 a second, and 429 only once 3 were served"
sleep 1
balance
is "$STATUS" 200 "the next second it is served again"
stop_sim

start_sim --latency 1000 || exit 1
u="$SIM_URL$balance"
times=$(curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 4 -w '%{time_total}\n' \
	-H "x-api-key: $SIM_KEY" -o /dev/null "$u" -o /dev/null "$u" -o /dev/null "$u" -o /dev/null "$u")
slowest=$(printf '%s\n' "$times" | sort -n | tail -n 1)
fastest=$(printf '%s\n' "$times" | sort -n | head -n 1)
ok $(awk -v a="$fastest" -v b="$slowest" 'BEGIN { exit !(a >= 1 && b < 3) }'; echo $?) \
	"--latency 1000: four at once each take 1 s, none waits for another ($fastest..$slowest s)"
stop_sim

start_sim --fail-rate 1 --task-seconds 0 --balance 10 || exit 1
create "$dir/t2v.json"
info "$TASK_ID"
is "$(jq -r '.data.status, .data.result.code, .data.credits' "$TMP/body" | tr '\n' ' ')" "failed 501 0 " \
	"--fail-rate 1: the task fails with result code 501 and costs nothing"
like "$(jq -r .data.result.message "$TMP/body")" 'generation failed' "with a message"
is "$(jq -c '.data.result.media_urls' "$TMP/body")" "[]" "and no video"
balance
is "$(jq -c .data "$TMP/body")" '{"balance":10}' "its credits are given back"
stop_sim
done_testing
