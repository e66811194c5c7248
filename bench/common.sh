# kling-tui bench: what every bench script shares. Source it.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
# Sets KT (the front) and SIM (kling-sim) from the build
# tree ($top_builddir, default the source tree), an isolated HOME and XDG
# dirs under $tmp (removed at exit), and offers need, ms, ratio, median,
# report (prints a figure and appends it to bench/results/NAME.txt).
builddir=${top_builddir:-$top}
KT="$builddir/src/kling-tui"
SIM="$builddir/src/kling-sim"
[ -x "$KT" ] && [ -x "$SIM" ] || { echo "bench: build first (make)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kt-bench.XXXXXX")
bench_pids=
bench_cleanup() {
	for p in $bench_pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap bench_cleanup EXIT INT TERM
export HOME="$tmp/home" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$HOME"
unset CRUN_API_KEY CRUN_BASE_URL

need() { # need TOOL...: each tool, or say how to get it
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 && continue
		echo "bench: needs $t (apt-get install $t)" >&2
		exit 1
	done
}
ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
report() { # report NAME < TEXT
	mkdir -p "$top/bench/results"
	tee "$top/bench/results/$1.txt"
}
start_bench_sim() { # start_bench_sim OPTIONS...: sets SIM_URL
	"$SIM" --listen 127.0.0.1:0 "$@" >"$tmp/sim.out" 2>"$tmp/sim.err" &
	bench_pids="$bench_pids $!"
	SIM_PID=$!
	for i in $(seq 1 100); do
		SIM_URL=$(sed -n 's/^listening on //p' "$tmp/sim.out")
		[ -n "$SIM_URL" ] && return 0
		sleep 0.05
	done
	echo "bench: kling-sim did not start" >&2
	exit 1
}
