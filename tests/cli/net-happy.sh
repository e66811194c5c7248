#!/bin/sh
# kling-tui: submit --wait, download, list and balance against kling-sim, for
# each kind of storyboard. Copyright (C) 2026 the kling-tui authors.
# GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"

start_sim --task-seconds 2 --media-size 65536 --seed 11 --balance 1000 || exit 1
export CRUN_API_KEY="$SIM_KEY"

n=0
for kind in t2v i2v customize intelligence; do
	n=$((n + 1))
	run kt submit --wait "$NET/$kind.json"
	is "$RC" 0 "$kind: submit --wait ends with success"
	id=$(printf '%s\n' "$OUT" | sed -n "s|^$NET/$kind.json: task \([0-9a-f-]*\)\$|\1|p")
	like "$id" '^[0-9a-f-]{36}$' "$kind: prints FILE: task TASK_ID"
	like "$OUT" "$id \\($kind.json\\): success" "$kind: follows it to success"
	like "$OUT" "^  $SIM_URL/media/$id.mp4\$" "$kind: prints the media URL"
	is "$(creates)" "$n" "$kind: one CreateTask sent"
	# What the simulator received is the file's effective body.
	curl -s -H "x-api-key: $SIM_KEY" "$SIM_URL/api/v1/client/job/TaskInfo?task_id=$id" \
		>"$TMP/info.json"
	is "$(jq -c -S .data.param.input.prompt "$TMP/info.json")" \
		"$(jq -c -S .input.prompt "$NET/$kind.json")" "$kind: the prompt reached the service"

	mkdir -p "$TMP/dl" && cd "$TMP/dl" || exit 1
	run kt download "$id"
	cd - >/dev/null || exit 1
	is "$RC" 0 "$kind: download succeeds"
	is "$(wc -c <"$TMP/dl/$id.mp4")" 65536 "$kind: the file <task id>.mp4 has the video's size"
	curl -s -o "$TMP/ref.mp4" "$SIM_URL/media/$id.mp4"
	ok "$(cmp -s "$TMP/ref.mp4" "$TMP/dl/$id.mp4"; echo $?)" "$kind: byte for byte the service's video"
	unlike "$ERR" "$(printf '\r')" "$kind: no progress bar when stderr is not a terminal"
	is "$("$KLING_TUI" list --json | jq -r "select(.task_id == \"$id\") | .download_path")" \
		"$TMP/dl/$id.mp4" "$kind: the store records where it went (absolute)"
done

# The multi-shot body as sent: audio forced, the shots kept.
id=$("$KLING_TUI" list --json | jq -r 'select(.name == "customize.json") | .task_id')
curl -s -H "x-api-key: $SIM_KEY" "$SIM_URL/api/v1/client/job/TaskInfo?task_id=$id" >"$TMP/info.json"
is "$(jq -c '.data.param.input.multi_prompt | map(.duration)' "$TMP/info.json")" "[3,4]" \
	"customize: both shots sent with their durations"

# A progress bar on a terminal, none when piped (above).
id=$("$KLING_TUI" list --json --limit 1 | jq -r .task_id)
script -qec "$KLING_TUI --base-url $SIM_URL download -o $TMP/tty.mp4 $id" /dev/null >"$TMP/tty.out" 2>&1
like "$(tr '\r' '\n' <"$TMP/tty.out")" '^100% \[#+\] 0\.1 MB / 0\.1 MB' "a progress bar on a terminal"
is "$(wc -c <"$TMP/tty.mp4")" 65536 "-o FILE names the file"
mkdir -p "$TMP/into"
run kt download -o "$TMP/into" "$id"
is "$RC" 0 "-o DIR: download succeeds"
is "$(wc -c <"$TMP/into/$id.mp4")" 65536 "-o DIR: into that folder, as <task id>.mp4"

# An interrupted download resumes where it stopped.
mkdir -p "$TMP/resume"
curl -s -o "$TMP/ref.mp4" "$SIM_URL/media/$id.mp4"
head -c 20000 "$TMP/ref.mp4" >"$TMP/resume/$id.mp4.part"
cd "$TMP/resume" || exit 1
run kt download "$id"
cd - >/dev/null || exit 1
is "$RC" 0 "resume: download succeeds"
ok "$(cmp -s "$TMP/ref.mp4" "$TMP/resume/$id.mp4"; echo $?)" "resume: the file is whole and right"
settled
is "$(jq -s "map(select(.path == \"/media/$id.mp4\")) | last | .status" "$SIM_LOG")" 206 \
	"resume: only the rest was asked for (206)"

# Several files at once, at most two creates at a time by default.
run kt submit --json "$NET/t2v.json" "$NET/i2v.json" "$NET/t2v.json"
is "$RC" 0 "three files submitted"
is "$(printf '%s\n' "$OUT" | jq -r '.task.state' | sort | uniq -c | tr -s ' ')" " 3 pending" \
	"--json: one object per file, each pending"
is "$(creates)" 7 "one CreateTask each"

run "$KLING_TUI" list --status success
is "$(printf '%s\n' "$OUT" | wc -l)" 4 "list --status success: the four finished"
# A state word that is no state: nothing listed, and the words there are.
run "$KLING_TUI" list --status runing
is "$RC:$OUT" "0:" "list --status runing: nothing, and no failure"
is "$ERR" "kling-tui: no task is in state 'runing'; the states: submitting pending running success failed error unknown" \
	"it says which words are states"
run "$KLING_TUI" list --status failed
is "$RC:$OUT:$ERR" "0::" "a state with no task in it: nothing, and nothing to say"
run "$KLING_TUI" list --json --ids
is "$RC" 2 "list --json --ids: a usage error"
like "$ERR" "do not go together" "which says why"
run "$KLING_TUI" list --limit 2
is "$(printf '%s\n' "$OUT" | wc -l)" 2 "list --limit 2"
is "$(printf '%s\n' "$OUT" | awk '{print $2}' | sort -u)" pending "newest first: the last three are pending"
run kt balance
like "$OUT" '^balance: [0-9.]+ credits$' "balance"
run kt balance --json
is "$(printf '%s' "$OUT" | jq '.balance < 1000')" true "balance --json: went down"
unlike "$(cat "$SIM_LOG") $OUT $ERR $("$KLING_TUI" list --json)" "$SIM_KEY" "the key is never printed or logged"
done_testing
