#!/bin/sh
# kling-sim: the program: options, --help against the manual, keys, seeds,
# where it listens, and stopping on signals.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
dir="$top_srcdir/tests/sim"
balance=/api/v1/client/account/balance

help=$("$KLING_SIM" --help)
is "$?" 0 "--help exits 0"
opts=$(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u)
for o in --listen --key --balance --task-seconds --pending-share --fail-rate --latency --rate-limit \
	--maintenance --fault --force-code --seed --log --state --help --version; do
	like "$opts" "^$o\$" "--help shows $o"
done
for o in $opts; do
	grep -q -- "^\.It Fl \\\\-${o#--}\>" "$top_srcdir/man/kling-sim.1"
	ok $? "the manual documents $o"
done
like "$("$KLING_SIM" --version)" '^kling-sim [0-9]+\.[0-9]+' "--version"

for bad in "--bogus" "--fault melt" "--fault reset:2" "--fault reset@nowhere" \
	"--force-code 200" "--fail-rate 1.5" "--rate-limit x/s" "--latency -1" "extra"; do
	"$KLING_SIM" $bad >/dev/null 2>"$TMP/err"
	st=$?
	is "$st" 2 "a usage error exits 2: $bad"
done
like "$(cat "$TMP/err")" 'unexpected argument' "and says what is wrong"
"$KLING_SIM" --listen 127.0.0.1:notaport >/dev/null 2>"$TMP/err"
is "$?" 2 "a --listen without a port number: usage error"
"$KLING_SIM" --listen 127.0.0.1:0 --log "$TMP/no/such/dir/log" >/dev/null 2>"$TMP/err"
is "$?" 1 "a log that cannot be opened: exit 1"

# Where it listens.
start_sim || exit 1
port=${SIM_URL##*:}
"$KLING_SIM" --listen "127.0.0.1:$port" >/dev/null 2>"$TMP/err"
is "$?" 1 "a port in use: exit 1"
like "$(cat "$TMP/err")" "127.0.0.1:$port" "naming the address"
stop_sim
start_sim --listen "127.0.0.1:$port" || exit 1
is "$SIM_URL" "http://127.0.0.1:$port" "--listen ADDR:PORT listens there"
stop_sim
"$KLING_SIM" >"$TMP/default.out" &
pid=$!
for i in $(seq 1 200); do
	[ -s "$TMP/default.out" ] && break
	sleep 0.05
done
kill $pid
wait $pid
st=$?
like "$(cat "$TMP/default.out")" '^listening on http://127\.0\.0\.1:[0-9]+$' "the default is 127.0.0.1, any free port"
is "$st" 0 "SIGTERM: exit 0"

# Keys: the demo key only without --key.
start_sim --key one --key two || exit 1
for k in one two; do
	call GET $balance -H "x-api-key: $k"
	is "$STATUS" 200 "--key is repeatable: $k accepted"
done
call GET $balance -H "x-api-key: demo-key"
is "$STATUS" 401 "the demo key is refused once --key is given"
stop_sim
unlike "$(cat "$SIM_LOG")" 'one|two' "keys never reach the log"

# SIGINT stops it too, with a client connected and idle.
start_sim || exit 1
curl -s -H "x-api-key: $SIM_KEY" -o /dev/null "$SIM_URL$balance"
kill -INT "$SIM_PID"
wait "$SIM_PID"
is "$?" 0 "SIGINT: exit 0"

# The same seed makes the same tasks.
ids() {
	start_sim --seed "$1" || exit 1
	create "$dir/t2v.json"; printf '%s ' "$TASK_ID"
	create "$dir/t2v.json"; printf '%s' "$TASK_ID"
	stop_sim
}
a=$(ids 5)
b=$(ids 5)
c=$(ids 6)
is "$a" "$b" "--seed: the same task ids again"
ok $([ "$a" != "$c" ]; echo $?) "another seed, other ids"
ok $([ "${a% *}" != "${a#* }" ]; echo $?) "two tasks, two ids"

# --pending-share: a task can be held in either state for as long as a
# test needs.
start_sim --task-seconds 600 --pending-share 0 || exit 1
create "$dir/t2v.json"
info "$TASK_ID"
is "$(jq -r .data.status "$TMP/body")" running "--pending-share 0: a task runs at once"
stop_sim
start_sim --task-seconds 600 --pending-share 1 || exit 1
create "$dir/t2v.json"
info "$TASK_ID"
is "$(jq -r .data.status "$TMP/body")" pending "--pending-share 1: it stays pending"
stop_sim

# Balance: a long run of creates ends in 402, and the count is exact.
start_sim --balance 12 --task-seconds 100 || exit 1
create "$dir/t2v.json"; s1=$STATUS
create "$dir/t2v.json"; s2=$STATUS
create "$dir/t2v.json"; s3=$STATUS
is "$s1 $s2 $s3" "200 200 402" "12 credits pay for two tasks of 5 s, not three"
call GET $balance -H "x-api-key: $SIM_KEY"
is "$(jq -c .data "$TMP/body")" '{"balance":2}' "2 credits left"
stop_sim
done_testing
