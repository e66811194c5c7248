#!/bin/sh
# kling-sim: --state FILE: tasks and the balance outlive the simulator, on the
# wall clock; a damaged state is refused, never started over.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
dir="$top_srcdir/tests/sim"
balance=/api/v1/client/account/balance
state="$TMP/run/state.json"
mkdir -p "$TMP/run"

credits() {
	call GET $balance -H "x-api-key: $SIM_KEY"
	jq -r .data.balance "$TMP/body"
}

# First run: a task of 3 s, pending all along; stop before it is done.
start_sim --state "$state" --task-seconds 3 --pending-share 1 --balance 40 --seed 3 || exit 1
create "$dir/t2v.json"
is "$STATUS" 200 "a task is created"
id=$TASK_ID
info "$id"
created=$(jq -r .data.create_at "$TMP/body")
is "$(jq -r .data.status "$TMP/body")" pending "it is pending at first"
is "$(credits)" 35 "it took 5 of the 40 credits"
stop_sim
is "$SIM_STATUS" 0 "the first simulator stops cleanly"
ok $([ -s "$state" ]; echo $?) "the state file is there"
first_url=$SIM_URL

# Second run on the same file, with another task length and the same seed
# (so the same ids come up first): the task is there with its own timing.
start_sim --state "$state" --task-seconds 600 --seed 3 || exit 1
ok $([ "$SIM_URL" != "$first_url" ]; echo $?) "the new simulator listens elsewhere ($SIM_URL)"
info "$id"
is "$STATUS $CODE" "200 200" "TaskInfo knows the task after the restart"
is "$(jq -r .data.task_id "$TMP/body")" "$id" "under its id"
is "$(jq -r .data.create_at "$TMP/body")" "$created" "created when it was"
is "$(jq -c -S .data.param "$TMP/body")" "$(jq -c -S . "$dir/t2v.json")" "with its parameters"
is "$(credits)" 35 "the balance carried over (no --balance given)"
create "$dir/t2v.json"
second=$TASK_ID
is "$STATUS" 200 "a second task is created"
ok $([ -n "$second" ] && [ "$second" != "$id" ]; echo $?) "the same seed does not reuse a stored id"
for i in $(seq 1 100); do
	info "$id"
	[ "$(jq -r .data.status "$TMP/body")" = success ] && break
	sleep 0.1
done
is "$(jq -r .data.status "$TMP/body")" success "the first task ends 3 s after its creation, not 600"
url=$(jq -r '.data.result.media_urls[0]' "$TMP/body")
is "$url" "$SIM_URL/media/$id.mp4" "its video link names the new address"
curl -s -o "$TMP/video" -w '%{http_code}' --max-time 10 "$url" >"$TMP/code"
is "$(cat "$TMP/code")" 200 "and the video downloads"
is "$(wc -c <"$TMP/video" | tr -d ' ')" 1048576 "whole"
info "$second"
is "$(jq -r .data.status "$TMP/body")" pending "the second task keeps the 600 s of its run"
stop_sim

# Third run: the task the second one made was saved too.
start_sim --state "$state" --balance 100 || exit 1
info "$second"
is "$STATUS $CODE" "200 200" "a task made after a restart outlives the next one"
is "$(credits)" 90 "--balance sets the credits; both tasks' costs still count"
stop_sim

# Two simulators on one file at once: neither loses the other's task.
start_sim --state "$state" || exit 1
url_a=$SIM_URL pid_a=$SIM_PID
start_sim --state "$state" || exit 1
url_b=$SIM_URL pid_b=$SIM_PID
SIM_URL=$url_a; create "$dir/t2v.json"; from_a=$TASK_ID
SIM_URL=$url_b; create "$dir/t2v.json"; from_b=$TASK_ID
SIM_URL=$url_a; info "$from_b"
is "$STATUS $CODE" "200 200" "one simulator finds a task another made on the same file since"
stop_sim "$pid_a"
stop_sim "$pid_b"
start_sim --state "$state" || exit 1
info "$from_a"; st_a=$CODE
info "$from_b"; st_b=$CODE
is "$st_a $st_b" "200 200" "and the file keeps both"
stop_sim

# A damaged or unreadable state stops the simulator, and is left as it was.
# (A simulator that wrongly starts is stopped after 5 s: exit 124.)
refused() { # FILE NAME
	timeout 5 "$KLING_SIM" --listen 127.0.0.1:0 --state "$1" >"$TMP/out" 2>"$TMP/err"
	is "$?" 2 "$2: exit 2"
	like "$(cat "$TMP/err")" "^kling-sim: --state $1: " "$2: said on stderr, naming the file"
	is "$(cat "$TMP/out")" "" "$2: it does not listen"
}
printf 'not json {' >"$TMP/bad.json"
refused "$TMP/bad.json" "a state that is not JSON"
like "$(cat "$TMP/err")" 'not JSON' "which says so"
is "$(cat "$TMP/bad.json")" "not json {" "the file is left untouched"
jq '.tasks[0].created = "yesterday"' "$state" >"$TMP/wrong.json"
refused "$TMP/wrong.json" "a task without a time"
like "$(cat "$TMP/err")" 'tasks\[0\]\.created' "which names the field"
jq '.tasks[1].id = .tasks[0].id' "$state" >"$TMP/twice.json"
refused "$TMP/twice.json" "two tasks with one id"
refused "$TMP/run" "a directory"
ok $([ ! -e "$TMP/run.lock" ]; echo $?) "a wrong path leaves no lock file behind"
timeout 5 "$KLING_SIM" --listen 127.0.0.1:0 --state "$TMP/no/such/dir/state.json" >/dev/null 2>"$TMP/err"
is "$?" 2 "a state that cannot be written: exit 2"

# A missing file is an empty start.
start_sim --state "$TMP/new.json" --balance 7 || exit 1
is "$(credits)" 7 "a missing state file starts empty"
stop_sim
is "$(jq -c '[.balance, (.tasks | length)]' "$TMP/new.json")" "[7,0]" "and is written at once"
done_testing
