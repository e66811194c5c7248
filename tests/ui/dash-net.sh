#!/bin/sh
# kling-tui: the dashboard when the network misbehaves: a stalled service
# while typing (keys answered at once), a 429 storm (back-off shown, then
# recovery), a failed task (501: its message shown).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

dash_config
export CRUN_API_KEY=demo-key
now_ms() { date +%s%3N; }

submit() { # submit FILE: from the editor, then show the dashboard
	ui_keys s
	ui_ok_wait "Submit this storyboard?" "$1: confirm"
	ui_keys y
	ui_ok_wait "created" "$1: created"
	ui_keys F2
	ui_ok_wait "$1" "$1: on the dashboard"
}

# 1. Every TaskInfo stalls: the task sits "asking..." while keys work as
# fast as with no network activity at all.
keys_round() { # keys_round LABEL: filter typing and screen switches; sets ms
	local t0 w typed=
	t0=$(now_ms)
	ui_keys /
	ui_ok_wait "status:S):" "$1: / opens the filter"
	for w in quick brown fox; do
		ui_type "$w "
		typed="$typed$w "
		ui_ok_wait "status:S): ${typed% }" "$1: typed '$w' shows"
	done
	ui_keys Escape
	ui_wait_gone "status:S):"; ok $? "$1: Escape closes the field"
	ui_keys F2
	ui_ok_wait "Diagnostics: none" "$1: F2 switches to the editor"
	ui_keys F2
	ui_ok_wait "sort: newest" "$1: and back"
	ms=$(( $(now_ms) - t0 ))
}
start_sim --task-seconds 3 --fault stall@taskinfo || exit 1
dash_storyboard "$TMP/stall.json" "A stalled service"
ui_start "$KLING_TUI" --base-url "$SIM_URL" "$TMP/stall.json"
ui_ok_wait "Diagnostics: none" "stall: the editor opens"
ui_keys F2
ui_ok_wait "sort: newest" "idle: the dashboard"
keys_round idle
idle=$ms
ui_keys F2
ui_ok_wait "Diagnostics: none" "stall: back in the editor"
submit stall.json
ui_ok_wait "asking..." "stall: the status query hangs"
keys_round stall
echo "# the same keys: $idle ms idle, $ms ms with the service stalled"
ok $((! (ms < 3 * idle + 1000))) "stall: keys answered as fast as idle ($ms ms vs $idle ms)"
ui_keys q
if ui_wait "[exit 0]" 5; then ok 0 "stall: q quits at once, a query still hanging"
else ok 1 "stall: q quits at once"; fi
ui_stop
stop_sim

# 2. A 429 storm: most queries refused for a while.
start_sim --task-seconds 4 --force-code 429:0.7@taskinfo --retry-after 2 --seed 11 || exit 1
dash_storyboard "$TMP/storm.json" "A storm of refusals"
ui_start "$KLING_TUI" --base-url "$SIM_URL" "$TMP/storm.json"
ui_ok_wait "Diagnostics: none" "429: the editor opens"
submit storm.json
if ui_wait "backing off until" 15; then ok 0 "429: the header shows the back-off"
else ok 1 "429: the header shows the back-off"; ui_screen | head -3 | sed 's/^/#   /'; fi
like "$(ui_line 'backing off until')" "until [0-9]{2}:[0-9]{2}:[0-9]{2}" "429: with the time it ends"
dash_ok_row storm.json success "429: the task still reaches success"
ui_ok_wait "net ok" "429: and the header recovers"
ok $((! ($(grep -c '"status":429' "$SIM_LOG") > 0))) "429: the simulator did refuse queries"
ui_keys q
ui_ok_wait "[exit 0]" "429: q quits"
ui_stop
stop_sim

# 3. A failed task: the service's 501 message on the row's detail.
start_sim --task-seconds 2 --fail-rate 1 || exit 1
dash_storyboard "$TMP/fail.json" "A task that fails"
ui_start "$KLING_TUI" --base-url "$SIM_URL" "$TMP/fail.json"
ui_ok_wait "Diagnostics: none" "501: the editor opens"
submit fail.json
dash_ok_row fail.json failed "501: the task ends failed"
ui_keys g Enter
ui_ok_wait "error: generation failed" "501: the detail shows the failure"
msg=$(ui_line "error: generation failed")
unlike "$msg" "$(printf '\033')" "501: no escape sequence reaches the screen"
ui_ok_wait "no video (the task ended failed)" "501: the detail says there will be no video"
unlike "$(ui_screen)" "no video yet" "501: not 'no video yet' (issue 15, item 10)"
ui_escape
ui_keys q
ui_ok_wait "[exit 0]" "501: q quits"
ui_stop
done_testing
