#!/bin/sh
# kling-tui: the CLI subcommands under valgrind memcheck: no error and no
# leak, on good input, bad input and against kling-sim. TAP on stdout.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
#   top_srcdir=SRC top_builddir=BUILD sh .ci/memcheck.sh
# BUILD must be a build without sanitizers (valgrind and ASan do not mix).
# A subcommand the program does not have yet is skipped, with the reason.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi

# Children (kling-sim for --demo) are followed too.
# Reachable blocks are libraries' global state; anything lost is a leak.
VG="valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full
 --show-leak-kinds=definite,indirect,possible
 --errors-for-leak-kinds=definite,indirect,possible --track-fds=no"

has_sub() { # has_sub NAME: the program offers this subcommand
	"$KLING_TUI" --help 2>/dev/null | grep -q "^  $1 "
}

vg() { # vg NAME EXPECTED-EXIT ARGS...: run under valgrind, check its verdict
	local name=$1 want=$2 st
	shift 2
	$VG --log-file="$TMP/vg.%p" "$KLING_TUI" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	st=$?
	if [ "$st" -eq "$want" ] && ! grep -qs . "$TMP"/vg.*; then
		ok 0 "$name: exit $st, no memory error or leak"
	else
		ok 1 "$name: exit $st (want $want)"
		cat "$TMP"/vg.* "$TMP/err" 2>/dev/null | head -40 | sed 's/^/# /'
	fi
	rm -f "$TMP"/vg.*
}

skip() { # skip NAME REASON
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

F=$FIXTURES
vg "--help" 0 --help
vg "--version" 0 --version
vg "validate a valid storyboard" 0 validate "$F/create-example.json"
vg "validate the maximal storyboard" 0 validate "$F/max.json"
vg "validate --json, errors" 1 validate --json "$F/bad-types.json" "$F/elements-as-printed.json"
vg "validate, not JSON" 2 validate "$F/bad-not-json.json"
vg "validate, invalid UTF-8" 2 validate "$F/bad-utf8.json"
vg "validate, a directory" 2 validate "$F"
vg "body" 0 body "$F/multi-shot-customize.json"
vg "body with errors" 1 body "$F/bad-types.json"
vg "curl" 0 curl "$F/cjk.json"
vg "usage error" 2 validate --no-such-option

# The network subcommands, against the simulator.
start_sim --task-seconds 1 || exit 1
export CRUN_BASE_URL="$SIM_URL" CRUN_API_KEY="$SIM_KEY"
if has_sub submit; then
	vg "submit --wait" 0 submit --wait "$F/text-to-video.json"
	id=$("$KLING_TUI" list --json 2>/dev/null | jq -r '.task_id // empty' 2>/dev/null | head -1)
else
	skip "submit --wait" "no submit subcommand yet"
	id=
fi
for sub in status download; do
	if ! has_sub $sub; then skip "$sub" "no $sub subcommand yet"
	elif [ -z "$id" ]; then skip "$sub" "no task id from submit"
	else
		case $sub in
		status) vg "status" 0 status "$id" ;;
		download) vg "download" 0 download -o "$TMP/v.mp4" "$id" ;;
		esac
	fi
done
if has_sub list; then vg "list --json" 0 list --json; else skip "list" "no list subcommand yet"; fi
if has_sub watch; then vg "watch (nothing unfinished)" 0 watch; else skip "watch" "no watch subcommand yet"; fi
if has_sub balance; then
	vg "balance" 0 balance
	CRUN_API_KEY=wrong vg "balance with a refused key" 3 balance
else
	skip "balance" "no balance subcommand yet"
fi
stop_sim
done_testing
