#!/bin/sh
# kling-tui: a subcommand that opens the store and asks the service loads
# libcurl on another processor while the store opens here, starts its
# network thread there too and lets it go anywhere after; on one processor
# it loads libcurl itself, when first needed. Either way a machine without
# libcurl is told so, the same way.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

start_sim --task-seconds 3600 --balance 100000 || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit "$NET/t2v.json"
is "$RC" 0 "a task to follow"
id=$(kt list --json | sed -n 's/.*"task_id": *"\([^"]*\)".*/\1/p' | head -1)
ok "$([ -n "$id" ] && echo 0 || echo 1)" "its id: $id"

# Which thread of kling-tui ARGS opened libcurl: "main", "other" or "none".
# (strace runs a program, not kt, a shell function.)
opener() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=openat -o "$TMP/trace" $ON "$KLING_TUI" \
		--base-url "$SIM_URL" "$@" >/dev/null 2>&1
	main=$(head -1 "$TMP/trace" | cut -d' ' -f1)
	who=$(grep 'libcurl[-.]' "$TMP/trace" | grep -v ENOENT | head -1 | cut -d' ' -f1)
	if [ -z "$who" ]; then echo none
	elif [ "$who" = "$main" ]; then echo main
	else echo other; fi
}
cpus=$(nproc)
if ! command -v strace >/dev/null 2>&1 || ! strace -f -o /dev/null true 2>/dev/null; then
	echo "# strace is missing or cannot trace here: who loads libcurl is not checked"
elif [ "$cpus" -lt 2 ]; then
	echo "# one processor here: the load on another is not checked"
	is "$(opener watch --once)" main "on one processor, watch loads libcurl itself"
else
	is "$(opener watch --once)" other "watch --once loads libcurl on another thread"
	is "$(opener status "$id")" other "so does status"
	is "$(opener list)" none "list, which asks nothing, loads no libcurl"
	# Nothing to watch: the load begun beside the store is waited for, not
	# cut off by the end (a thread that ends calls exit; one cut off does
	# not).
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" XDG_STATE_HOME="$TMP/empty" \
		strace -f -e trace=exit,exit_group -o "$TMP/exits" \
		"$KLING_TUI" --base-url "$SIM_URL" watch --once >"$TMP/empty-out" 2>&1
	like "$(cat "$TMP/empty-out")" "^nothing to watch" "a watch with nothing to watch"
	ok "$(grep -Eq '^[0-9]+ +exit\(0\)' "$TMP/exits" && echo 0 || echo 1)" \
		"ends after its loading thread: $(grep -c exit "$TMP/exits") exits"
	if command -v taskset >/dev/null 2>&1; then
		is "$(ON="taskset -c 0" opener watch --once)" main \
			"allowed one processor, watch loads libcurl itself"
	fi
fi

# Without libcurl: the same message and exit status, loaded ahead or not.
for how in "" "taskset -c 0"; do
	[ -n "$how" ] && ! command -v taskset >/dev/null 2>&1 && continue
	for cmd in "watch --once" "status $id"; do
		KLING_TUI_FAULT=no-libcurl run $how "$KLING_TUI" --base-url "$SIM_URL" $cmd
		is "$RC" 4 "no libcurl: $cmd${how:+ ($how)} exits 4 (network)"
		like "$ERR" '^kling-tui: network unavailable: cannot load libcurl' \
			"  and says why: $ERR"
	done
done

# The network thread started on the other processor is not kept there.
"$KLING_TUI" --base-url "$SIM_URL" watch >/dev/null 2>&1 &
watch=$!
worker=
for i in $(seq 1 100); do
	for t in /proc/$watch/task/*; do
		[ "$(cat "$t/comm" 2>/dev/null)" = kt-worker ] && worker=$t
	done
	[ -n "$worker" ] && break
	sleep 0.05
done
ok "$([ -n "$worker" ] && echo 0 || echo 1)" "a watch's network thread runs"
allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "$1/status"; }
is "$(allowed "$worker")" "$(allowed /proc/$watch)" \
	"it may run wherever the process may ($(allowed /proc/$watch))"
# Born with every signal blocked: SIGINT, SIGTERM, SIGWINCH are handled
# on the main thread (its self-pipe), never inside curl.
blocked() {	# 1 when signal $2 is in thread $1's SigBlk (signals 1 to 32)
	m=$(sed -n 's/^SigBlk:[[:space:]]*//p' "$1/status")
	echo $(( (0x${m#????????} >> ($2 - 1)) & 1 ))
}
is "$(blocked "$worker" 2)$(blocked "$worker" 15)$(blocked "$worker" 28)" 111 \
	"it blocks SIGINT, SIGTERM and SIGWINCH"
is "$(blocked /proc/$watch 2)$(blocked /proc/$watch 15)" 00 "the main thread does not"
kill "$watch" 2>/dev/null
wait "$watch" 2>/dev/null
done_testing
