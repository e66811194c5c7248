#!/bin/sh
# kling-tui bench: `kling-tui validate` on the maximal storyboard against
# `jq . FILE` on the same file: the median wall-time ratio (hyperfine; target
# <= 0.15) and the instructions each executes (valgrind --tool=callgrind).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
# Usage: bench/validate.sh [RUNS]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/common.sh"
need hyperfine jq valgrind
runs=${1:-50}
f="$top/tests/fixtures/max.json"

hyperfine -N --warmup 5 --runs "$runs" --export-json "$tmp/hf.json" \
	-n validate "$KT validate $f" -n jq "jq . $f" >/dev/null
v=$(jq '.results[0].median' "$tmp/hf.json")
j=$(jq '.results[1].median' "$tmp/hf.json")

ir() { # instructions executed by a command (callgrind's total Ir)
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" >/dev/null 2>"$tmp/cg.err"
	sed -n 's/^summary: *//p; s/^totals: *//p' "$tmp/cg.out" | head -1
}
vi=$(ir "$KT" validate "$f")
ji=$(ir jq . "$f")

report "validate" <<EOT
validate on tests/fixtures/max.json vs jq . (hyperfine -N, $runs runs, medians)
  kling-tui validate: $(ms "$v") ms, $vi instructions
  jq .:               $(ms "$j") ms, $ji instructions
  wall-time ratio:    $(ratio "$v" "$j") (target <= 0.15)
  instruction ratio:  $(ratio "$vi" "$ji")
EOT
