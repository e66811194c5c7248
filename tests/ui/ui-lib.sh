# kling-tui: helpers for the screen tests: the real binary in a detached tmux
# server of its own. Copyright (C) 2026 the kling-tui authors.
# GPL-3.0-or-later; see COPYING. Source it after tests/lib.sh.
command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 0; }
ui_n=0
ui_sock=
ui_stop() { # end this test's tmux server, if one runs, and the program
	local pid
	[ -n "$ui_sock" ] || return 0
	pid=$(ui_pid 2>/dev/null)
	tmux -L "$ui_sock" kill-server 2>/dev/null
	ui_sock=
	# The program saves its draft on the way out: let it finish before
	# the test's directory goes.
	[ -z "$pid" ] || ui_until 2 test ! -e "/proc/$pid"
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
ui_until() { # ui_until SECONDS COMMAND...: run COMMAND 20 times a second until it succeeds; 1 on timeout
	local i=0 n=$(( $1 * 20 ))
	shift
	while [ $i -lt $n ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
ui_shows() { # ui_shows TEXT: the screen shows TEXT (one line of it)
	# The shell's own match, not a grep: the waits poll 20 times a
	# second, in every screen test at once.
	case $(ui_screen) in *"$1"*) return 0 ;; esac
	return 1
}
ui_hides() { ! ui_shows "$1"; }
# ui_wait TEXT [SECONDS]: until the screen shows TEXT; 1 on timeout
ui_wait() { ui_until "${2:-5}" ui_shows "$1"; }
# ui_wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT
ui_wait_gone() { ui_until "${2:-5}" ui_hides "$1"; }
ui_line() { # ui_line REGEX: the first screen line matching
	ui_screen | grep -E -m1 -- "$1"
}
ui_ok_until() { # ui_ok_until CHECK TEXT NAME...: a test point that waits (5 s) until CHECK TEXT
	local check=$1 text=$2
	shift 2
	if ui_until 5 "$check" "$text"; then ok 0 "$@"
	else ok 1 "$@"; echo "# waited for: $text"; ui_screen | sed 's/^/#   /'; fi
}
# ui_ok_wait TEXT NAME...: a test point that waits for TEXT
ui_ok_wait() { ui_ok_until ui_shows "$@"; }
# Escape alone: wait until the program had it before the next key, or it
# would read Escape and the key together as Alt-key.
ui_escape() { ui_keys Escape; sleep 0.1; }
# The editor's drafts: one file per storyboard file and process.
ui_drafts() { ls "$XDG_STATE_HOME"/kling-tui/drafts/*.json 2>/dev/null; }
ui_draft_has() { grep -qF -- "$1" $(ui_drafts) /dev/null 2>/dev/null; }
# ui_draft_wait TEXT: until a draft holds TEXT; 1 on timeout
ui_draft_wait() { ui_until 3 ui_draft_has "$1"; }
# The screen as one line, as a person reads a message wrapped over lines.
ui_joined() { ui_screen | sed 's/ *$//' | tr '\n' ' '; }
ui_joined_shows() { case $(ui_joined) in *"$1"*) return 0 ;; esac; return 1; }
# ui_ok_wait_joined TEXT NAME...: ui_ok_wait across lines
ui_ok_wait_joined() { ui_ok_until ui_joined_shows "$@"; }
