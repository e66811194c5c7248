#!/bin/sh
# kling-tui: make mutate. Single-point mutants of the operators and
# constants of src/core and src/net (tests/mutate/points.awk finds them),
# each built and run against its folder's unit tests: a mutant no test
# notices is a line no test guards. Prints killed/survived per file, the
# totals per folder, and every survivor.
#
# A bounded sample, not every point: MUTATE_PER_FILE mutants per file
# (default 8), spread evenly over its points from MUTATE_SEED (default 1);
# MUTATE_FILES="src/core/rules.c ..." narrows the files. Mutants that do not
# compile are counted apart ("stillborn"). A mutant no behaviour can tell
# from the original is no mutant: tests/mutate/equivalent names each such
# point with the reason, and the sample is drawn from the others. Each
# source file is mutated in place and restored, also on ^C: do not build in
# this tree meanwhile. Exits 1 when a folder kills less than MUTATE_MIN
# percent (default 90) or the list of equivalents has a stale entry.
# Not part of make check: it rebuilds a library for every mutant.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
set -u
: "${top_srcdir:=.}" "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir LC_ALL=C.UTF-8
per=${MUTATE_PER_FILE:-8}
seed=${MUTATE_SEED:-1}
min=${MUTATE_MIN:-90}
equiv=$top_srcdir/tests/mutate/equivalent
core_files="rules codec diag text storyboard conf store schedule vocab urlrule atomic"
net_files="response retry url download xfer result conn api"
core_tests="codec conf diag draft edit history rules schedule store storyboard text vocab urlrule atomic"
net_tests="retry conn result url response download api worker"
files=${MUTATE_FILES:-$(for f in $core_files; do printf 'src/core/%s.c ' "$f"; done
	for f in $net_files; do printf 'src/net/%s.c ' "$f"; done)}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kt-mutate.XXXXXX") || exit 1
current=
restore() {
	if [ -n "$current" ]; then
		cp "$tmp/orig" "$top_srcdir/$current" && touch "$top_srcdir/$current"
		current=
	fi
}
trap 'restore; rm -rf "$tmp"; exit 130' INT TERM HUP
trap 'restore; rm -rf "$tmp"' EXIT

# run_tests FOLDER [FILE]: 0 when every test of the folder passes (stops at
# the first that does not: the mutant is killed). The file's own test, if
# it has one, runs first: most mutants die there, quickly.
run_tests() {
	local dir=$1 own=${2:+$(basename "$2" .c)}
	eval "set -- \$${dir}_tests"
	case " $* " in
	*" $own "*) set -- "$own" $(printf '%s\n' "$@" | grep -vx "$own") ;;
	esac
	for t in "$@"; do
		timeout 120 "$top_builddir/tests/$dir/test-$t" >/dev/null 2>&1 ||
			{ failed=test-$t; return 1; }
	done
	return 0
}
test_targets() { # test_targets FOLDER
	eval "set -- \$${1}_tests"
	for t in "$@"; do printf 'tests/%s/test-%s ' "$folder" "$t"; done
}

echo "# make mutate: $per mutants per file at most, seed $seed"
# Unmutated, every test must pass, or every mutant would look killed.
for folder in core net; do
	# shellcheck disable=SC2046
	if ! make -s -j2 -C "$top_builddir" $(test_targets $folder) >"$tmp/build" 2>&1 ||
	    ! run_tests $folder; then
		echo "mutate: the $folder tests fail on the unmutated tree" \
		    "(${failed:-the build}): fix them first"
		exit 1
	fi
done
: >"$tmp/results"
for f in $files; do
	folder=$(basename "$(dirname "$f")")
	: >"$tmp/skipped"
	awk -v file="$f" -v equiv="$equiv" -v skipped="$tmp/skipped" \
	    -f "$top_srcdir/tests/mutate/points.awk" "$top_srcdir/$f" >"$tmp/points"
	awk -v folder="$folder" -v f="$f" '$1 == "skip" {
		print folder, f, "equivalent", $2, $3, $4 }' \
	    "$tmp/skipped" >>"$tmp/results"
	sed -n 's/^stale /mutate: stale entry (it matches no point): /p' \
	    "$tmp/skipped" | tee -a "$tmp/stale"
	n=$(wc -l <"$tmp/points")
	[ "$n" -gt 0 ] || continue
	step=$(( (n + per - 1) / per ))
	cp "$top_srcdir/$f" "$tmp/orig"
	current=$f
	i=0
	while read -r line col len orig mut; do
		i=$((i + 1))
		[ $(( (i + seed) % step )) -eq 0 ] || continue
		awk -v L="$line" -v C="$col" -v N="$len" -v R="$mut" \
		    'NR == L { $0 = substr($0, 1, C - 1) R substr($0, C + N) } 1' \
		    "$tmp/orig" >"$top_srcdir/$f"
		# shellcheck disable=SC2046
		if ! make -s -j2 -C "$top_builddir" $(test_targets "$folder") >"$tmp/build" 2>&1; then
			verdict=stillborn
		elif run_tests "$folder" "$f"; then
			verdict=survived
		else
			verdict=killed
		fi
		echo "$folder $f $verdict $line $orig $mut" >>"$tmp/results"
		[ "$verdict" = survived ] && echo "#   survived: $f:$line: $orig -> $mut"
	done <"$tmp/points"
	restore
	awk -v f="$f" '$2 == f { n[$3]++ } END {
		printf "%-24s %3d killed %3d survived %3d stillborn %3d equivalent\n",
		    f, n["killed"], n["survived"], n["stillborn"],
		    n["equivalent"] }' "$tmp/results"
done
# The tree as it was, built again.
make -s -j2 -C "$top_builddir" >/dev/null 2>&1

echo "== totals (equivalent points are not sampled: tests/mutate/equivalent)"
awk '{ n[$1 " " $3]++; f[$1] = 1 } END {
	for (d in f) {
		k = n[d " killed"]; s = n[d " survived"]
		printf "%s: %d of %d killed (%d%%), %d survived, %d stillborn, " \
		    "%d equivalent\n", d, k, k + s,
		    k + s ? 100 * k / (k + s) : 0, s, n[d " stillborn"],
		    n[d " equivalent"]
	}
}' "$tmp/results" | sort
echo "== survivors"
awk '$3 == "survived" { printf "%s:%s: %s -> %s\n", $2, $4, $5, $6 }' "$tmp/results"
# The verdict: every folder at MUTATE_MIN percent or more, no stale entry.
status=0
if [ -s "$tmp/stale" ]; then
	echo "mutate: tests/mutate/equivalent has stale entries (above)"
	status=1
fi
awk -v min="$min" '{ n[$1 " " $3]++; f[$1] = 1 } END {
	for (d in f) {
		k = n[d " killed"]; s = n[d " survived"]
		if (k + s > 0 && 100 * k < min * (k + s)) {
			printf "mutate: %s kills less than %d%%\n", d, min
			bad = 1
		}
	}
	exit bad
}' "$tmp/results" || status=1
exit $status
