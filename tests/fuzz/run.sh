#!/bin/sh
# kling-tui: run each libFuzzer target for a while, from its seed corpus.
# TAP on stdout: one test per target; a crash fails it, and the input that
# crashed is kept (print it, then make it a regression: copy it into
# tests/fuzz/corpus/TARGET/ with a name that says what it found).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
#   sh tests/fuzz/run.sh BUILD-DIR [SECONDS] [TARGET...]
# BUILD-DIR was configured with CC=clang --enable-fuzzing. SECONDS per
# target, default 30. Findings go to BUILD-DIR/fuzz-findings/.
# FUZZ_JOBS targets run at a time (default 1), each for its SECONDS.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: run.sh BUILD-DIR [SECONDS] [TARGET...]}
secs=${2:-30}
jobs=${FUZZ_JOBS:-1}
[ $# -ge 2 ] && shift 2 || shift $#
targets=${*:-storyboard response conf text}
out="$build/fuzz-findings"
mkdir -p "$out"

fuzz_one() { # fuzz_one N TARGET: its TAP lines, into $out/TARGET.tap
	local n=$1 t=$2 bin="$build/tests/fuzz/fuzz-$2" seeds runs
	if [ ! -x "$bin" ]; then
		echo "not ok $n - fuzz-$t: $bin not built (configure CC=clang --enable-fuzzing)"
		return
	fi
	# The first directory collects what this run learns; the seeds stay
	# untouched. The storyboard target also starts from every fixture.
	mkdir -p "$out/corpus-$t"
	seeds="$src/tests/fuzz/corpus/$t"
	[ "$t" = storyboard ] && seeds="$seeds $src/tests/fixtures"
	# -rss_limit_mb: an answer or a file must never make us balloon.
	if "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=1024 \
	    -timeout=10 -print_final_stats=1 -artifact_prefix="$out/$t-" \
	    "$out/corpus-$t" $seeds >"$out/$t.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
		echo "ok $n - fuzz-$t: ${runs:-?} inputs in ${secs} s, no crash"
	else
		echo "not ok $n - fuzz-$t: crashed; input kept in $out/$t-*"
		grep -E 'property broken|ERROR|SUMMARY' "$out/$t.log" | head -5 | sed 's/^/# /'
	fi
}

n=0 running=0
for t in $targets; do
	n=$((n + 1))
	fuzz_one $n $t >"$out/$t.tap" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
for t in $targets; do
	cat "$out/$t.tap"
done | tee "$out/all.tap"
echo "1..$n"
! grep -q '^not ok' "$out/all.tap"
