#!/bin/sh
# kling-tui: when a task ends, the dashboard sends the terminal's desktop
# notification sequences (OSC 9 and 777; OSC 99 in kitty), wrapped for tmux
# too, with the task's name and result; `notify = off` in the config stops
# them.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/cli/net-lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
start_sim --task-seconds 3 || exit 1
export CRUN_API_KEY="$SIM_KEY"

# watch_dashboard NAME: a dashboard following a fresh task to its end, its
# raw output kept in $TMP/NAME.out.
watch_dashboard() {
	cp "$NET/t2v.json" "$TMP/$1.json"
	kt submit "$TMP/$1.json" >/dev/null 2>&1
	ui_start "$KLING_TUI" --base-url "$SIM_URL"
	tmux -L "$ui_sock" pipe-pane -o "cat >'$TMP/$1.out'"
	# Its own row's end: an earlier task's row may say success already.
	i=0
	while [ $i -lt 400 ] && ! ui_screen | grep -q "$1\.json .*success"; do
		sleep 0.05; i=$((i + 1))
	done
	sleep 0.5
}

watch_dashboard lighthouse
ok $(grep -q "$(printf '\033]9;kling-tui: lighthouse.json: success\a')" "$TMP/lighthouse.out"; echo $?) \
	"OSC 9 with the task's name and result"
ok $(grep -q "$(printf '\033]777;notify;kling-tui;lighthouse.json: success\a')" "$TMP/lighthouse.out"; echo $?) \
	"OSC 777 likewise"
ok $(grep -q "$(printf '\033Ptmux;\033\033]9;')" "$TMP/lighthouse.out"; echo $?) \
	"and wrapped for the terminal outside tmux"
ui_stop

printf 'poll_min_seconds = 1\nnotify = off\n' >"$XDG_CONFIG_HOME/kling-tui/config"
watch_dashboard quiet
ok $(grep -q 'success' "$TMP/quiet.out"; echo $?) "notify = off: the task still ends on screen"
ok $(! grep -q "$(printf '\033]9;')" "$TMP/quiet.out"; echo $?) "notify = off: no notification"
ui_stop
stop_sim
done_testing
