#!/bin/sh
# kling-tui: make mutate. Single-point mutants of the operators and
# constants of src/core and src/net (tests/mutate/points.awk finds them),
# each built and run against its folder's unit tests: a mutant no test
# notices is a line no test guards. Prints killed/survived per file, the
# totals per folder, and every survivor.
#
# A bounded sample, not every point: MUTATE_PER_FILE mutants per file
# (default 8), spread evenly over its points from MUTATE_SEED (default 1),
# of every file of src/core and src/net; MUTATE_FILES="src/core/rules.c ..."
# narrows the files. Mutants that do not compile are counted apart
# ("stillborn"). A mutant no behaviour can tell from the original is no
# mutant: tests/mutate/equivalent names each such point with the reason,
# and the sample is drawn from the others. Exits 1 when a folder kills less
# than MUTATE_MIN percent (default 90) or the list of equivalents has a
# stale entry.
#
# The tree is never mutated: each of MUTATE_JOBS workers (default 2) builds
# its mutants in a copy of the built tree under $TMPDIR, removed at the end
# (also on ^C), from the sources as they were when the run began. A mutant
# rebuilds one object and its folder's library, then links and runs the
# mutated file's own test first (most mutants die there), and the folder's
# other tests only if it survives. The workers take the mutants of a fixed
# list in turn and the report is sorted back into its order, so the result
# does not depend on MUTATE_JOBS.
# Not part of make check: it takes long.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
set -u
: "${top_srcdir:=.}" "${top_builddir:=$top_srcdir}"
export LC_ALL=C.UTF-8
per=${MUTATE_PER_FILE:-8}
seed=${MUTATE_SEED:-1}
min=${MUTATE_MIN:-90}
jobs=${MUTATE_JOBS:-2}
case $jobs in '' | *[!0-9]* | 0) echo "mutate: MUTATE_JOBS: not a count" >&2; exit 2 ;; esac
equiv=$top_srcdir/tests/mutate/equivalent
src=$(cd "$top_srcdir" && pwd) && build=$(cd "$top_builddir" && pwd) || exit 1
if [ "$src" != "$build" ]; then
	echo "mutate: it copies the built tree: build in the source tree" >&2
	exit 2
fi
# Every file of the two folders, not a list kept by hand: a file added
# later is mutated too.
files=${MUTATE_FILES:-$(cd "$src" && echo src/core/*.c src/net/*.c)}
# Each folder's tests, as the build defines them: the programs
# tests/FOLDER/test-* of its TESTS (make check's list, as make expands it,
# in its order), not a list kept by hand, which missed the tests added
# after it (test-lazylib: every mutant of lazylib.c "survived"). Every one
# is run, the slow and the helped ones too: test-store-scale (3 s; it
# compares processor times, not the wall clock, so a loaded machine does
# not fail it), test-sim (10 s; it starts src/kling-sim of the copied
# tree, built by "make all" before the copy and never rebuilt from a
# mutant: it links libcore, not libnet, and a mutant of src/core is not
# run against it). The $(TESTS) is make's to expand.
# shellcheck disable=SC2016
build_tests=$(printf 'mutate-print-tests:\n\t@echo $(TESTS)\n' |
    make -s -C "$build" -f Makefile -f - mutate-print-tests) || exit 1
for folder in core net; do
	# shellcheck disable=SC2086
	t=$(printf '%s\n' $build_tests |
	    sed -n "s|^tests/$folder/test-\([^/]*\)\$|\1|p" | tr '\n' ' ')
	if [ -z "$t" ]; then
		echo "mutate: make defines no test tests/$folder/test-*" >&2
		exit 2
	fi
	eval "${folder}_tests=\$t"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kt-mutate.XXXXXX") || exit 1
pids=
# tree PID...: the processes and all their descendants (ps -A -o is POSIX).
tree() {
	ps -A -o pid= -o ppid= | awk -v roots=" $* " '
	    { parent[$1] = $2 }
	    END {
		do {
			more = 0
			for (p in parent)
				if (!(p in in_tree) && (index(roots, " " p " ") ||
				    (parent[p] in in_tree))) {
					in_tree[p] = 1
					more = 1
				}
		} while (more)
		for (p in in_tree)
			print p
	    }'
}
# The workers ignore SIGINT (background jobs of a script do): stop them and
# all they started (stopped, none can start more), then end them all.
cleanup() {
	if [ -n "$pids" ]; then
		all=$(tree $pids)
		kill -STOP $all 2>/dev/null
		all=$(tree $all)
		kill -STOP $all 2>/dev/null
		kill -TERM $all 2>/dev/null
		kill -CONT $all 2>/dev/null
		wait
	fi
	rm -rf "$tmp"
}
trap 'trap - EXIT; cleanup; exit 130' INT TERM HUP
trap 'cleanup' EXIT

# tests_of FOLDER [FILE]: the folder's test programs, the file's own first
# (if it has one).
tests_of() {
	local dir=$1 own=${2:+$(basename "$2" .c)}
	eval "set -- \$${dir}_tests"
	case " $* " in
	*" $own "*) set -- "$own" $(printf '%s\n' "$@" | grep -vx "$own") ;;
	esac
	for t in "$@"; do printf 'tests/%s/test-%s ' "$dir" "$t"; done
}
# run_tests DIR PROGRAM...: 0 when every program passes in build tree DIR
# (stops at the first that does not: the mutant is killed).
run_tests() {
	local dir=$1
	shift
	for t in "$@"; do
		# Not exec'd: a test that crashes is reported by this
		# subshell, to /dev/null, not by the worker ("Aborted").
		(cd "$dir" && timeout 120 "./$t"; r=$?; exit $r) \
		    >/dev/null 2>&1 || return 1
	done
	return 0
}

echo "# make mutate: $per mutants per file at most, seed $seed, $jobs jobs"
start=$(date +%s)
# Unmutated, every test must pass, or every mutant would look killed.
for folder in core net; do
	# shellcheck disable=SC2046
	if ! make -s -j2 -C "$build" $(tests_of $folder) >"$tmp/build" 2>&1 ||
	    ! (export top_srcdir="$src" top_builddir="$build"
	       run_tests "$build" $(tests_of $folder)); then
		echo "mutate: the $folder tests fail on the unmutated tree: fix them first"
		exit 1
	fi
done

# The plan: every mutant, numbered, "SEQ FOLDER FILE LINE COL LEN ORIG MUT".
# Equivalent points go straight to the results, numbered in the same order.
: >"$tmp/plan"
: >"$tmp/results"
: >"$tmp/stale"
seq=0
for f in $files; do
	folder=$(basename "$(dirname "$f")")
	[ -f "$src/$f" ] || { echo "mutate: $f: no such file" >&2; exit 2; }
	# The text the points are read from, kept: the tree may change
	# while the mutants are built.
	mkdir -p "$tmp/orig/${f%/*}" && cp "$src/$f" "$tmp/orig/$f" || exit 1
	: >"$tmp/skipped"
	awk -v file="$f" -v equiv="$equiv" -v skipped="$tmp/skipped" \
	    -f "$src/tests/mutate/points.awk" "$tmp/orig/$f" >"$tmp/points"
	awk -v folder="$folder" -v f="$f" -v seq="$seq" '$1 == "skip" {
		print ++seq, folder, f, "equivalent", $2, $3, $4 }' \
	    "$tmp/skipped" >>"$tmp/results"
	seq=$((seq + $(grep -c '^skip ' "$tmp/skipped")))
	sed -n 's/^stale /mutate: stale entry (it matches no point): /p' \
	    "$tmp/skipped" | tee -a "$tmp/stale"
	n=$(wc -l <"$tmp/points")
	[ "$n" -gt 0 ] || continue
	step=$(( (n + per - 1) / per ))
	awk -v step="$step" -v seed="$seed" -v folder="$folder" -v f="$f" \
	    -v seq="$seq" '(NR + seed) % step == 0 {
		print ++seq, folder, f, $0 }' "$tmp/points" >"$tmp/sample"
	seq=$((seq + $(wc -l <"$tmp/sample")))
	cat "$tmp/sample" >>"$tmp/plan"
done
total=$(wc -l <"$tmp/plan")

# next_mutant: the number of the next mutant of the plan no worker has
# taken (a lock, mkdir, around a counter): a worker that drew a slow one
# (a mutant that loops until the timeout) does not hold up the others.
next_mutant() {
	until mkdir "$tmp/lock" 2>/dev/null; do
		[ -d "$tmp" ] || return 1
		sleep 1
	done
	n=$(($(cat "$tmp/next") + 1))
	echo "$n" >"$tmp/next"
	rmdir "$tmp/lock"
	echo "$n"
}
# worker W: mutants of the plan, one at a time, in its own copy of the tree;
# "SEQ FOLDER FILE VERDICT LINE ORIG MUT" to its results.
worker() {
	local w=$1 wd="$tmp/w$1" prev= verdict i
	export top_srcdir="$wd/tree" top_builddir="$wd/tree" TMPDIR="$wd/tmp"
	while i=$(next_mutant) && [ "$i" -le "$total" ]; do
		[ -d "$wd" ] || break	# ended (cleanup)
		# shellcheck disable=SC2046
		set -- $(sed -n "${i}p" "$tmp/plan")
		s=$1 folder=$2 f=$3 line=$4 col=$5 len=$6 orig=$7 mut=$8
		if [ "$f" != "$prev" ]; then
			# Back to the original before the next file is mutated:
			# a new time stamp, so its object is rebuilt.
			[ -z "$prev" ] || cp "$tmp/orig/$prev" "$wd/tree/$prev"
			prev=$f
		fi
		awk -v L="$line" -v C="$col" -v N="$len" -v R="$mut" \
		    'NR == L { $0 = substr($0, 1, C - 1) R substr($0, C + N) } 1' \
		    "$tmp/orig/$f" >"$wd/tree/$f"
		# shellcheck disable=SC2046
		set -- $(tests_of "$folder" "$f")
		if ! make -s -C "$wd/tree" "$1" >"$wd/build" 2>&1; then
			verdict=stillborn
		elif ! run_tests "$wd/tree" "$1"; then
			verdict=killed
		else
			shift
			if ! make -s -C "$wd/tree" "$@" >"$wd/build" 2>&1; then
				verdict=stillborn
			elif run_tests "$wd/tree" "$@"; then
				verdict=survived
				echo "#   survived: $f:$line: $orig -> $mut"
			else
				verdict=killed
			fi
		fi
		echo "$s $folder $f $verdict $line $orig $mut" >>"$wd/results"
	done
}
echo 0 >"$tmp/next"
w=0
while [ $w -lt "$jobs" ] && [ $w -lt "$total" ]; do
	w=$((w + 1))
	mkdir "$tmp/w$w" "$tmp/w$w/tree" "$tmp/w$w/tmp" && : >"$tmp/w$w/results"
	# The built tree but its .git (a worktree's file, or a whole repository).
	for e in "$build"/* "$build"/.[!.]*; do
		[ -e "$e" ] && [ "${e##*/}" != .git ] || continue
		cp -pR "$e" "$tmp/w$w/tree/" || exit 1
	done
	# Each file as the points were read from it, should it have changed.
	for f in $files; do
		cmp -s "$tmp/orig/$f" "$tmp/w$w/tree/$f" ||
		    cp "$tmp/orig/$f" "$tmp/w$w/tree/$f" || exit 1
	done
	worker $w &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
pids=
end=$(date +%s)
for r in "$tmp"/w*/results; do [ -f "$r" ] && cat "$r"; done >>"$tmp/results"
sort -n "$tmp/results" >"$tmp/sorted"
for f in $files; do
	awk -v f="$f" '$3 == f { n[$4]++ } END {
		printf "%-24s %3d killed %3d survived %3d stillborn %3d equivalent\n",
		    f, n["killed"], n["survived"], n["stillborn"],
		    n["equivalent"] }' "$tmp/sorted"
done
echo "# $total mutants in $((end - start)) s, $jobs jobs"
echo "== totals (equivalent points are not sampled: tests/mutate/equivalent)"
awk '{ n[$2 " " $4]++; f[$2] = 1 } END {
	for (d in f) {
		k = n[d " killed"]; s = n[d " survived"]
		printf "%s: %d of %d killed (%d%%), %d survived, %d stillborn, " \
		    "%d equivalent\n", d, k, k + s,
		    k + s ? 100 * k / (k + s) : 0, s, n[d " stillborn"],
		    n[d " equivalent"]
	}
}' "$tmp/sorted" | sort
echo "== survivors"
awk '$4 == "survived" { printf "%s:%s: %s -> %s\n", $3, $5, $6, $7 }' "$tmp/sorted"
# The verdict: every mutant judged, every folder at MUTATE_MIN percent or
# more, no stale entry.
status=0
judged=$(grep -cv ' equivalent ' "$tmp/sorted")
if [ "$judged" -ne "$total" ]; then
	echo "mutate: $((total - judged)) of $total mutants were not judged (a worker failed)"
	status=1
fi
if [ -s "$tmp/stale" ]; then
	echo "mutate: tests/mutate/equivalent has stale entries (above)"
	status=1
fi
awk -v min="$min" '{ n[$2 " " $4]++; f[$2] = 1 } END {
	for (d in f) {
		k = n[d " killed"]; s = n[d " survived"]
		if (k + s > 0 && 100 * k < min * (k + s)) {
			printf "mutate: %s kills less than %d%%\n", d, min
			bad = 1
		}
	}
	exit bad
}' "$tmp/sorted" || status=1
exit $status
