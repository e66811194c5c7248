#!/bin/sh
# kling-tui: one `watch --once` sweep over 500 unfinished tasks against
# kling-sim, against `curl --parallel` fetching the same 500 TaskInfo URLs at
# the same concurrency: median wall times (hyperfine) and TCP connections
# opened (from the simulator's log of connection numbers). Not part of make
# check. Usage: bench/watch-sweep.sh [TASKS [PARALLEL [RUNS]]]
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${top_builddir:-$top}
n=${1:-500} par=${2:-8} runs=${3:-15}
kt="$builddir/src/kling-tui" sim="$builddir/src/kling-sim"
for tool in hyperfine curl jq; do
	command -v $tool >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done
[ -x "$kt" ] && [ -x "$sim" ] || { echo "bench: build first (make)" >&2; exit 1; }

out="$top/bench/results"
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kt-bench.XXXXXX")
simpid=
cleanup() { [ -n "$simpid" ] && kill "$simpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
export XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home"
mkdir -p "$HOME"
export CRUN_API_KEY=demo-key
unset CRUN_BASE_URL

# Tasks that stay unfinished for the whole bench.
"$sim" --listen 127.0.0.1:0 --task-seconds 86400 --balance 100000000 \
	--log "$tmp/sim.log" >"$tmp/sim.out" 2>"$tmp/sim.err" &
simpid=$!
for i in $(seq 1 100); do
	grep -q '^listening on ' "$tmp/sim.out" 2>/dev/null && break
	sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$tmp/sim.out")
[ -n "$url" ] || { echo "bench: kling-sim did not start" >&2; exit 1; }

# Fill the store: n submissions of one storyboard, 8 creates at a time.
files=
for i in $(seq 1 "$n"); do files="$files $top/tests/cli/t2v.json"; done
# shellcheck disable=SC2086
"$kt" --base-url "$url" submit --parallel 8 $files >/dev/null
[ "$("$kt" list --json | jq -s 'map(select(.state == "pending")) | length')" -eq "$n" ] ||
	{ echo "bench: the store does not hold $n pending tasks" >&2; exit 1; }
# The store's tasks become "running" once; later sweeps change nothing.
"$kt" --base-url "$url" watch --once --parallel "$par" >/dev/null

# The same n TaskInfo URLs for curl, each answer thrown away.
"$kt" list --json | jq -r --arg u "$url" \
	'"url = \"\($u)/api/v1/client/job/TaskInfo?task_id=\(.task_id)\"\noutput = \"/dev/null\""' \
	>"$tmp/curl.cfg"
watch_cmd="$kt --base-url $url watch --once --parallel $par"
curl_cmd="curl -s --parallel --parallel-max $par -H x-api-key:demo-key -K $tmp/curl.cfg"

# TCP connections: distinct connection numbers the simulator saw in one run.
conns() { # COMMAND
	before=$(wc -l <"$tmp/sim.log")
	sh -c "$1" >/dev/null
	tail -n +"$((before + 1))" "$tmp/sim.log" |
		jq -s '[.[] | select(.path == "/api/v1/client/job/TaskInfo") | .conn] | "\(length) \(unique | length)"' -r
}
set -- $(conns "$watch_cmd"); watch_reqs=$1 watch_conns=$2
set -- $(conns "$curl_cmd"); curl_reqs=$1 curl_conns=$2

# What a sweep of nothing costs: starting the program, its libraries, the
# store; the rest of the difference is per task.
mkdir -p "$tmp/empty"
empty_cmd="env XDG_STATE_HOME=$tmp/empty $kt --base-url $url watch --once"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/watch-sweep.json" \
	-n "watch --once" "$watch_cmd" -n "curl --parallel" "$curl_cmd" \
	-n "watch --once, empty store" "$empty_cmd" >"$tmp/hf.txt"
wm=$(jq '.results[0].median' "$out/watch-sweep.json")
cm=$(jq '.results[1].median' "$out/watch-sweep.json")
em=$(jq '.results[2].median' "$out/watch-sweep.json")
{
	echo "$n unfinished tasks, concurrency $par, $runs runs each, median wall time:"
	printf '  kling-tui watch --once:  %.1f ms  (%s requests, %s TCP connections)\n' \
		"$(echo "$wm" | jq '. * 1000')" "$watch_reqs" "$watch_conns"
	printf '  curl --parallel:         %.1f ms  (%s requests, %s TCP connections)\n' \
		"$(echo "$cm" | jq '. * 1000')" "$curl_reqs" "$curl_conns"
	printf '  ratio watch/curl:        %.2f\n' "$(jq -n "$wm / $cm")"
	printf '  kling-tui start-up (a sweep of an empty store): %.1f ms\n' \
		"$(echo "$em" | jq '. * 1000')"
	printf '  load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/watch-sweep.txt"
