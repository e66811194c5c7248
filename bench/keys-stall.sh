#!/bin/sh
# kling-tui bench: keystroke-to-screen time in the editor while the service
# is stalled (kling-sim --fault stall: no answer ever) against a healthy one,
# with the same 20 unfinished tasks in the store to follow (target ratio
# <= 1.1: the UI never waits on the network). Also with no network at all.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
# Usage: bench/keys-stall.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/common.sh"
need python3
export CRUN_API_KEY=demo-key

# A store of unfinished tasks, made against a healthy simulator.
start_bench_sim --task-seconds 86400
healthy=$SIM_URL
files=; for i in $(seq 1 20); do files="$files $top/tests/cli/t2v.json"; done
"$KT" --base-url "$healthy" submit --parallel 4 $files >/dev/null
cp -r "$XDG_STATE_HOME" "$tmp/state-stalled"
start_bench_sim --fault stall
stalled=$SIM_URL

# A file on the command line opens the editor first, tasks or not. The
# three sessions run side by side and are typed into in turns (no network,
# healthy, stalled): their medians come from the same minutes.
story="$top/tests/fixtures/multi-shot-customize.json"
medians=$(python3 "$top/bench/editor-keys.py" "$KT" "$story" "$tmp/empty=" \
	"$XDG_STATE_HOME=$healthy" "$tmp/state-stalled=$stalled" |
	sed -n 's/^keystroke-to-echo ms: median \([0-9.]*\).*/\1/p')
set -- $medians
[ $# -eq 3 ] || { echo "bench: keys-stall: the editor sessions did not all run" >&2; exit 1; }
none=$1 idle=$2 stall=$3
report "keys-stall" <<EOT
keystroke-to-echo in the editor's prompt field (bench/editor-keys.py on ptys,
median of 104 keys each, the three sessions typed into in turns; 20
unfinished tasks in the store)
  no network, empty store:  $none ms
  healthy service:          $idle ms
  stalled service:          $stall ms
  ratio stalled/healthy:    $(ratio "$stall" "$idle") (target <= 1.1)
EOT
