#!/bin/sh
# kling-tui: submit from the editor, watch the task go pending -> running ->
# success on the dashboard, open the detail, download the video, copy its id,
# filter, and find the task again after a restart.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

start_sim --task-seconds 8 --media-size 65536 --seed 3 || exit 1
dash_config "bell = on"
export CRUN_API_KEY=demo-key
dash_storyboard "$TMP/lighthouse.json" "A lighthouse in a storm at night" \
	"$SIM_URL/images/start.jpg"

ui_start "$KLING_TUI" --base-url "$SIM_URL" "$TMP/lighthouse.json"
ui_ok_wait "Diagnostics: none" "the editor opens the file"
ui_keys s
ui_ok_wait "Submit this storyboard?" "s asks for confirmation"
ui_ok_wait "mode std (720p), 5 s, single shot" "with the mode and duration"
ui_ok_wait "balance: 1000 credits" "and the balance, fetched in the background"
ui_ok_wait "input.img_urls[0]: ok: image/" "the image URL was checked"
ui_keys y
ui_ok_wait "created" "y submits; the create is answered"
like "$(ui_screen)" "Diagnostics: none" "back in the editor, still usable"

ui_keys F2
ui_ok_wait "lighthouse.json" "F2 shows the dashboard with the task"
dash_ok_row lighthouse.json "pending|running" "unfinished at first"
like "$(dash_line lighthouse.json)" "poll in [0-9]+s|asking" "with the next poll's time"
like "$(ui_screen | head -1)" "balance 99[0-9]" "the header shows the balance, charged"
like "$(ui_screen | head -1)" "net ok" "and the network as ok"
unlike "$(ui_screen | head -1)" "DEMO" "no DEMO mark against a base URL given by hand"
dash_ok_row lighthouse.json running "then running"
dash_ok_row lighthouse.json success "then success"
like "$(dash_line lighthouse.json)" "^\* " "a finished task is marked until seen"
task=$(grep -o '"task_id":"[^"]*"' "$SIM_LOG" | head -1 | cut -d'"' -f4)
[ -z "$task" ] && task=$(dash_line lighthouse.json | awk '{print $2}')

ui_keys Enter
ui_ok_wait "Status history" "Enter opens the detail"
ui_ok_wait "video: $SIM_URL/media/" "with the result URL"
scr=$(ui_screen)
like "$scr" "submitting" "the history starts at submitting"
like "$scr" "[0-9:]{8}  pending" "with pending and its time"
like "$scr" "[0-9:]{8}  running" "then running"
like "$scr" "[0-9:]{8}  success" "then success"
like "$scr" "credits: [0-9]" "the credits"
like "$scr" "prompt: A lighthouse in a storm at night" "the storyboard sent"
like "$scr" "image 1: $SIM_URL/images/start.jpg" "with its image"

ui_keys d
ui_ok_wait "downloaded" "d downloads the video"
f=$(ls "$TMP"/dl/*.mp4 2>/dev/null | head -1)
is "$(wc -c <"${f:-/dev/null}" | tr -d ' ')" 65536 "the whole file is in download_dir"
ls "$TMP"/dl/*.part >/dev/null 2>&1
ok $((! $?)) "no partial file is left"
ui_ok_wait "downloaded to $f" "the detail says where it went"

tmux -L "$ui_sock" set-option -g set-clipboard on >/dev/null
ui_keys y
ui_ok_wait "copied the task id" "y copies the task id"
i=0
while [ $i -lt 40 ] && [ -z "$(tmux -L "$ui_sock" show-buffer 2>/dev/null)" ]; do sleep 0.05; i=$((i+1)); done
id=$(tmux -L "$ui_sock" show-buffer 2>/dev/null)
like "$id" "^[0-9a-f-]{8,}$" "the id reached the clipboard through OSC 52 ($id)"
like "$(ui_screen | sed -n 2p)" "Task $id" "and it is this task's id"

ui_escape
ui_ok_wait "Enter detail" "Escape goes back to the table"
unlike "$(dash_line lighthouse.json)" "^\* " "seen: the mark is gone"
like "$(dash_line lighthouse.json)" "saved" "the row says the video is saved"

# A second task, then the filter.
ui_keys F2
ui_ok_wait "Diagnostics: none" "back to the editor"
dash_storyboard "$TMP/forest.json" "A quiet forest" ""
ui_keys o
ui_ok_wait "Open:" "o asks for a file"
ui_type "$TMP/forest.json"
ui_keys Enter
ui_ok_wait "forest.json" "the second storyboard is open"
ui_keys s
ui_ok_wait "Submit this storyboard?" "submitting it"
ui_keys y
ui_ok_wait "created" "created"
ui_keys F2
ui_ok_wait "2 tasks" "two tasks on the dashboard"
like "$(ui_screen | sed -n 4p)" "forest.json" "the newest first"
# Restart in the middle: the unfinished task is asked about at once.
dash_ok_row forest.json "pending|running" "the new task is unfinished"
ui_keys q
ui_ok_wait "[exit 0]" "q quits while it is unfinished"
before=$(sim_log_count GET /api/v1/client/job/TaskInfo)
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_ok_wait "2 tasks" "the next start shows both tasks"
dash_ok_row forest.json success "the unfinished task is followed to its end after the restart"
after=$(sim_log_count GET /api/v1/client/job/TaskInfo)
ok $((! (after > before))) "it was polled again after the restart ($before -> $after)"

ui_keys /
ui_ok_wait "Filter" "/ asks for a filter"
ui_type "status:failed"
ui_keys Enter
ui_ok_wait "No task matches the filter" "a status filter with no match shows no row"
ui_keys /
ui_ok_wait "Filter" "/ again"
ui_keys C-u
ui_type "status:success LIGHT"
ui_keys Enter
ui_ok_wait "1 task " "status and text together keep one row"
unlike "$(ui_screen)" "forest.json" "the other task is filtered out"
like "$(cat "$XDG_STATE_HOME/kling-tui/dashboard-filter")" "status:success LIGHT" "the filter is remembered"

ui_keys q
ui_ok_wait "[exit 0]" "q quits"
ui_start "$KLING_TUI" --base-url "$SIM_URL"
ui_ok_wait "filter (/): status:success LIGHT" "the next start has the same filter"
ui_ok_wait "1 task " "and shows the same rows"
ui_keys q
ui_ok_wait "[exit 0]" "q quits"
ui_stop
done_testing
