# kling-tui: helpers for the screen tests: the real binary in a detached tmux
# server of its own. Copyright (C) 2026 the kling-tui authors.
# GPL-3.0-or-later; see COPYING. Source it after tests/lib.sh.
command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 0; }
ui_n=0
ui_sock=
ui_stop() { # end this test's tmux server, if one runs, and the program
	local pid i=0
	[ -n "$ui_sock" ] || return 0
	pid=$(ui_pid 2>/dev/null)
	tmux -L "$ui_sock" kill-server 2>/dev/null
	ui_sock=
	# The program saves its draft on the way out: let it finish before
	# the test's directory goes.
	while [ -n "$pid" ] && [ -e "/proc/$pid" ] && [ $i -lt 40 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
trap 'ui_stop; rm -rf "$TMP"' EXIT
ui_start() { # ui_start [COLSxROWS] COMMAND... : a new server, window of that size
	local size=100x30
	case $1 in *x*[0-9]) size=$1; shift ;; esac
	ui_stop
	ui_n=$((ui_n + 1))
	ui_sock="kt-$$-$ui_n"
	# -f /dev/null: no user configuration; the pane keeps its last screen
	# after the program exits so a test can read it.
	tmux -L "$ui_sock" -f /dev/null new-session -d -x "${size%x*}" -y "${size#*x}" \
		"$*; echo \"[exit \$?]\"; sleep 30"
	tmux -L "$ui_sock" set-option -g remain-on-exit on >/dev/null
}
ui_screen() { tmux -L "$ui_sock" capture-pane -p; }
ui_keys() { tmux -L "$ui_sock" send-keys "$@"; }
ui_type() { tmux -L "$ui_sock" send-keys -l -- "$1"; }
ui_resize() { tmux -L "$ui_sock" resize-window -x "$1" -y "$2"; }
ui_cursor() { tmux -L "$ui_sock" display-message -p '#{cursor_x},#{cursor_y}'; }
ui_children() { # ui_children PID: the pids of PID's children
	# The shell's own read: a cat for each process of the machine took
	# seconds a call. The name, field 2, may hold blanks: the parent's pid
	# is the second field after its closing parenthesis.
	local parent=$1 f line
	for f in /proc/[0-9]*/stat; do
		{ read -r line <"$f"; } 2>/dev/null || continue
		set -- ${line##*) }
		[ "${2:-}" = "$parent" ] && echo "${line%% *}"
	done
}
ui_pid() { # the program's pid: the child of the pane's shell
	local pid
	pid=$(ui_children "$(tmux -L "$ui_sock" display-message -p '#{pane_pid}')" | head -n1)
	[ -n "$pid" ] && echo "$pid"
}
ui_shows() { # ui_shows TEXT: the screen shows TEXT (one line of it)
	# The shell's own match, not a grep: the waits below poll 20 times a
	# second, in every screen test at once.
	case $(ui_screen) in *"$1"*) return 0 ;; esac
	return 1
}
ui_wait() { # ui_wait TEXT [SECONDS]: until the screen shows TEXT; 1 on timeout
	local i=0 n=$(( ${2:-5} * 20 ))
	while [ $i -lt $n ]; do
		ui_shows "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
ui_wait_gone() { # ui_wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT
	local i=0 n=$(( ${2:-5} * 20 ))
	while [ $i -lt $n ]; do
		ui_shows "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
ui_line() { # ui_line REGEX: the first screen line matching
	ui_screen | grep -E -m1 -- "$1"
}
ui_ok_wait() { # ui_ok_wait TEXT NAME...: a test point that waits for TEXT
	local text=$1; shift
	if ui_wait "$text"; then ok 0 "$@"
	else ok 1 "$@"; echo "# waited for: $text"; ui_screen | sed 's/^/#   /'; fi
}
# Escape alone: wait until the program had it before the next key, or it
# would read Escape and the key together as Alt-key.
ui_escape() { ui_keys Escape; sleep 0.1; }
# The editor's drafts: one file per storyboard file and process.
ui_drafts() { ls "$XDG_STATE_HOME"/kling-tui/drafts/*.json 2>/dev/null; }
ui_draft_wait() { # ui_draft_wait TEXT: until a draft holds TEXT; 1 on timeout
	local i=0
	while [ $i -lt 60 ]; do
		grep -qF -- "$1" $(ui_drafts) /dev/null 2>/dev/null && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# The screen as one line, as a person reads a message wrapped over lines.
ui_joined() { ui_screen | sed 's/ *$//' | tr '\n' ' '; }
ui_ok_wait_joined() { # ui_ok_wait_joined TEXT NAME...: ui_ok_wait across lines
	local text=$1 i=0; shift
	while [ $i -lt 100 ]; do
		ui_joined | grep -qF -- "$text" && { ok 0 "$@"; return; }
		sleep 0.05
		i=$((i + 1))
	done
	ok 1 "$@"; echo "# waited for: $text"; ui_screen | sed 's/^/#   /'
}
