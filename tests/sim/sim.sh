# kling-sim: start and stop the simulator from shell tests. Source it after
# tests/lib.sh. Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later.
#
#   start_sim [KLING-SIM OPTION...]   start it on 127.0.0.1, a free port, and
#                                     wait until it listens; sets SIM_URL
#                                     (http://127.0.0.1:PORT), SIM_PID, SIM_LOG
#                                     (its --log file) and SIM_KEY (demo-key).
#                                     Options given override those defaults.
#   stop_sim                          SIGTERM, wait; SIM_STATUS is its exit code
#   sim_log_count METHOD PATH         how many such requests SIM_LOG holds
# Simulators still running when the test exits are stopped.

SIM_KEY=demo-key
sim_pids=
sim_n=0

start_sim() {
	local out i line
	sim_n=$((sim_n + 1))
	out="$TMP/sim-$sim_n.out"
	SIM_LOG="$TMP/sim-$sim_n.log"
	: >"$SIM_LOG"
	"$KLING_SIM" --listen 127.0.0.1:0 --log "$SIM_LOG" "$@" >"$out" 2>"$TMP/sim-$sim_n.err" &
	SIM_PID=$!
	sim_pids="$sim_pids $SIM_PID"
	SIM_URL=
	for i in $(seq 1 200); do
		line=$(head -n 1 "$out")
		case $line in
		"listening on "*) SIM_URL=${line#listening on }; return 0 ;;
		esac
		kill -0 "$SIM_PID" 2>/dev/null || break
		sleep 0.05
	done
	echo "# kling-sim did not start: $(cat "$TMP/sim-$sim_n.err")" >&2
	return 1
}

stop_sim() {
	local pid=${1:-$SIM_PID}
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	SIM_STATUS=$?
	sim_pids=$(echo "$sim_pids" | sed "s/ $pid\b//")
}

sim_log_count() { # METHOD PATH
	grep -c "\"method\":\"$1\",\"path\":\"$2\"" "$SIM_LOG"
}

sim_cleanup() {
	local pid
	for pid in $sim_pids; do kill -KILL "$pid" 2>/dev/null; done
	rm -rf "$TMP"
}
trap sim_cleanup EXIT
