#!/bin/sh
# kling-tui: the README's screen captures, made from the real program in
# tmux (100x30) on fixed input, so that they show what a user sees, and its
# key tables, from the program's own (kling-tui keys).
#   doc/captures.sh            print each capture between its markers
#   doc/captures.sh --update   rewrite README.md's capture blocks
# tests/ui/captures.sh fails when README.md no longer matches.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
KT="$top_builddir/src/kling-tui"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kt-cap.XXXXXX")
sock=
trap '[ -n "$sock" ] && tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state" HOME="$TMP/home"
export TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color
unset CRUN_API_KEY CRUN_BASE_URL
mkdir -p "$HOME" "$XDG_STATE_HOME/kling-tui"

# capture NAME COMMAND...: the screen once it has settled.
capture() {
	name=$1; shift
	[ -n "$sock" ] && tmux -L "$sock" kill-server 2>/dev/null
	# A server of its own for each capture: a new one on the socket just
	# killed may find it still going away.
	sock="kt-cap-$$-$name"
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 "$*; sleep 30"
	prev= i=0
	while [ $i -lt 50 ]; do
		sleep 0.1
		cur=$(tmux -L "$sock" capture-pane -p)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && break
		prev=$cur
		i=$((i + 1))
	done
	echo "<!-- capture: $name -->"
	echo '```'
	# Trailing blanks say nothing; a run of empty lines is shown as one.
	tmux -L "$sock" capture-pane -p | sed 's/[[:space:]]*$//' | cat -s |
	    awk '{ l[NR] = $0 } $0 != "" { last = NR } END { for (i = 1; i <= last; i++) print l[i] }'
	echo '```'
	echo "<!-- /capture -->"
}

all() {
	cp "$top_srcdir/tests/fixtures/multi-shot-customize.json" "$TMP/temple.json"
	cd "$TMP" || exit 1
	capture editor "$KT" temple.json
	FILL_STORE_CREATED=1764547200 "$top_builddir/bench/fill-store" \
	    "$XDG_STATE_HOME/kling-tui/tasks.db" 3 0 >/dev/null
	capture dashboard "$KT"
	cd - >/dev/null || exit 1
	# The keys, from the program's own tables (kling-tui keys).
	echo "<!-- capture: keys -->"
	"$KT" keys
	echo "<!-- /capture -->"
}

if [ "${1:-}" = --update ]; then
	all >"$TMP/new"
	awk -v new="$TMP/new" '
		function block(name,   line, on, out) {
			out = ""; on = 0
			while ((getline line < new) > 0) {
				if (line == "<!-- capture: " name " -->") on = 1
				if (on) out = out line "\n"
				if (on && line == "<!-- /capture -->") break
			}
			close(new)
			return out
		}
		/^<!-- capture: .* -->$/ { name = $3; printf "%s", block(name); skip = 1; next }
		skip && /^<!-- \/capture -->$/ { skip = 0; next }
		!skip { print }
	' "$top_srcdir/README.md" >"$TMP/readme" && cat "$TMP/readme" >"$top_srcdir/README.md"
else
	all
fi
