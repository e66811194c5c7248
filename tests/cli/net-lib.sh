# kling-tui: helpers for the network subcommands' tests against kling-sim.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
#   kt ARGS...        kling-tui pointed at the running simulator
#   run CMD...        run CMD (or kt ...) with a time limit (nothing may hang): sets RC,
#                     OUT (stdout) and ERR (stderr)
#   settled           wait until the simulator's log stops growing: it logs a
#                     request once the answer is out, maybe after the client
#                     has finished
#   logged METHOD PATH  sim_log_count once settled
#   creates           CreateTask requests in the simulator's log
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
NET="$top_srcdir/tests/cli"
# Poll fast and give up fast, so that the suite does not wait on defaults
# meant for a real service.
mkdir -p "$XDG_CONFIG_HOME/kling-tui"
printf 'poll_min_seconds = 1\n' >"$XDG_CONFIG_HOME/kling-tui/config"
export KLING_TUI_TIMEOUT=3 KLING_TUI_ATTEMPTS=3

kt() { "$KLING_TUI" --base-url "$SIM_URL" "$@"; }
run() {
	[ "$1" = kt ] && { shift; set -- "$KLING_TUI" --base-url "$SIM_URL" "$@"; }
	timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	OUT=$(cat "$TMP/out")
	ERR=$(cat "$TMP/err")
}
settled() {
	local i n m=-1
	for i in $(seq 1 40); do
		n=$(wc -l <"$SIM_LOG")
		[ "$n" = "$m" ] && return 0
		m=$n
		sleep 0.05
	done
}
logged() { settled; sim_log_count "$@"; }
creates() { logged POST /api/v1/client/job/CreateTask; }
