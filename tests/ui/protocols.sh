#!/bin/sh
# kling-tui: pictures through the terminal's graphics protocol (issue 13):
# on a pty (tests/ui/termplay.py) that answers the queries as a sixel
# terminal, kitty or iTerm2 would, the focused image row's picture is
# written in that protocol; a terminal that answers nothing gets block art.
# tmux, which answers neither the kitty query nor (without sixel) DA1 with
# 4, keeps block art: tests/ui/pictures.sh.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 is not installed"; exit 0; }
start_sim --seed 3 || exit 1
dash_config
export CRUN_API_KEY=demo-key
sb=$TMP/pics.json
dash_storyboard "$sb" "A lighthouse at night" "$SIM_URL/images/1280x720.png" "$SIM_URL/images/200x200.jpg"

# play NAME ANSWER [VAR=VALUE...]: one termplay run, in the background. The
# runs are independent and most of each is waiting (out a time-out, for a
# picture that must not come), so they run at once: 31 s, not 107. Their
# results are read below, in order, once every one has ended.
plays=
play() {
	local name=$1 answer=$2
	shift 2
	env "$@" python3 "$top_srcdir/tests/ui/termplay.py" "$answer" "$TMP/$name.out" \
		"$KLING_TUI" --base-url "$SIM_URL" "$sb" >"$TMP/$name.res" 2>&1 &
	plays="$plays $!"
}
for t in sixel kitty iterm none; do
	play $t $t
done
# Inside tmux the outer terminal draws kitty's picture, counting from its
# own top left: the pane's place (asked of tmux; here a stand-in tmux that
# says pane %7 is at row 5, column 40, under a status line at the top) is
# added to the cell's, inside tmux's passthrough.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/tmux" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$TMP/tmux.args"
printf '5 40 on top\n'
EOF
chmod +x "$TMP/bin/tmux"
play tmux kitty PATH="$TMP/bin:$PATH" TERMPLAY_TMUX=/tmp/tmux-0/default,1,0 KLING_TUI_PICTURES=kitty
# True colour said by the environment, no protocol answered: block art
# in 24-bit colour written past curses; without it, curses' 256.
play rgb none COLORTERM=truecolor
# Chosen by the user: no question asked, the protocol used as told.
play forced none KLING_TUI_PICTURES=sixel
# A terminal that cannot show them, or a user who wants no colour: nothing asked.
quiet="TERMPLAY_TERM=linux NO_COLOR=1"
for env in $quiet; do
	play "quiet-$env" sixel "$env"
done
play text none KLING_TUI_PICTURES=text
for p in $plays; do wait "$p"; done

for t in sixel kitty iterm none; do
	while read -r tag st name; do
		[ "$tag" = RESULT ] && ok "$st" "$name"
	done <"$TMP/$t.res"
	grep -v '^RESULT' "$TMP/$t.res" | sed 's/^/# /'
done

like "$(grep 'written with the protocol' "$TMP/tmux.res")" "RESULT 0" "tmux: kitty's picture written"
at() { # at FILE REGEX: "row col" of the first match
	python3 -c 'import re, sys
m = re.search(sys.argv[2].encode(), open(sys.argv[1], "rb").read())
print("%s %s" % (m.group(1).decode(), m.group(2).decode()) if m else "none")' "$1" "$2"
}
plain=$(at "$TMP/kitty.out" '\x1b7\x1b\[([0-9]+);([0-9]+)H\x1b_Ga=T')
wrapped=$(at "$TMP/tmux.out" '\x1bPtmux;\x1b\x1b7\x1b\x1b\[([0-9]+);([0-9]+)H\x1b\x1b_Ga=T')
if [ "$plain" != none ]; then
	is "$wrapped" "$((${plain% *} + 6)) $((${plain#* } + 40))" \
		"tmux: placed at the pane's place plus the cell's ($plain outside tmux)"
else
	ok 1 "tmux: placed at the pane's place plus the cell's (no placement outside tmux)"
fi
like "$(cat "$TMP/tmux.args" 2>/dev/null)" "^display-message -p .*pane_top.* -t %7" \
	"tmux: asked where its own pane is"

like "$(grep 'block art' "$TMP/rgb.res")" "RESULT 0" "COLORTERM=truecolor: block art"
if LC_ALL=C grep -q "$(printf '\033')\[38;2;" "$TMP/rgb.out"; then ok 0 "COLORTERM=truecolor: in 24-bit colour"
else ok 1 "COLORTERM=truecolor: in 24-bit colour"; fi
if LC_ALL=C grep -q "$(printf '\033')\[38;2;" "$TMP/none.out"; then ok 1 "no COLORTERM: no 24-bit colour"
else ok 0 "no COLORTERM: no 24-bit colour"; fi

if grep -q "$(printf '\033\\[c')" "$TMP/forced.out"; then ok 1 "KLING_TUI_PICTURES=sixel: nothing asked"
else ok 0 "KLING_TUI_PICTURES=sixel: nothing asked"; fi
if LC_ALL=C grep -Eq "$(printf '\033')P[0-9;]*q" "$TMP/forced.out"; then ok 0 "KLING_TUI_PICTURES=sixel: sixels"
else ok 1 "KLING_TUI_PICTURES=sixel: sixels"; fi
for env in $quiet; do
	like "$(grep 'asks the terminal' "$TMP/quiet-$env.res")" "RESULT 1" "$env: nothing asked"
	like "$(grep 'with the protocol' "$TMP/quiet-$env.res")" "RESULT 1" "$env: no sixels"
done
like "$(grep 'block art' "$TMP/text.res")" "RESULT 1" "KLING_TUI_PICTURES=text: no block art"
like "$(LC_ALL=C tr -d '\033' <"$TMP/text.out")" "KLING_TUI_PICTURES=text: the" \
	"KLING_TUI_PICTURES=text: says why"
done_testing
