# kling-sim tests: curl calls against the simulator started by start_sim.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
#   call METHOD PATH [CURL ARG...]  sets STATUS (HTTP) and CODE (the body's
#                                   code, or "none"); the body is in
#                                   $TMP/body
#   header NAME                     a header of the last answer
#   create FILE                     a CreateTask with SIM_KEY; sets TASK_ID too
#   info ID                         TaskInfo with SIM_KEY

call() {
	local method=$1 path=$2; shift 2
	STATUS=$(curl -s -X "$method" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
		--max-time 10 "$@" "$SIM_URL$path")
	CODE=$(jq -r '.code // "none"' "$TMP/body" 2>/dev/null || echo none)
}

create() {
	call POST /api/v1/client/job/CreateTask -H "x-api-key: $SIM_KEY" \
		-H 'Content-Type: application/json' --data-binary "@$1"
	TASK_ID=$(jq -r '.data.task_id // empty' "$TMP/body" 2>/dev/null)
}

info() {
	call GET "/api/v1/client/job/TaskInfo?task_id=$1" -H "x-api-key: $SIM_KEY"
}

header() {
	sed -n "s/^$1: \([^\r]*\)\r*\$/\1/Ip" "$TMP/headers" | head -n 1
}
