#!/bin/sh
# kling-tui: pictures in the editor (issue 13): the focused image row shows
# block-art pixels of the image beside the form, with its size in text; a
# start frame under 300 px gets a diagnostic before submit; without colour
# (NO_COLOR, TERM=vt100) or room the facts alone. The images are
# kling-sim's /images/WxH.* (visible content of that size).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

start_sim --seed 3 || exit 1
dash_config
export CRUN_API_KEY=demo-key
sb=$TMP/pics.json
dash_storyboard "$sb" "A lighthouse at night" "$SIM_URL/images/1280x720.png" "$SIM_URL/images/200x200.jpg"

BLOCKS='(▀|▄|█|▌|▐|▖|▗|▘|▝|▚|▞|▙|▛|▜|▟|▁|▂|▃|▅|▆|▇|▉|▊|▋|▍|▎|▏|▔|▕)'
pane() { ui_screen | sed -n 's/^[^│]*│//p'; }	# right of the separator
form() { ui_screen | sed 's/│.*//'; }

ui_start 130x35 "$KLING_TUI" --base-url "$SIM_URL" "$sb"
ui_ok_wait "input.img_urls[1]: the image is 200×200 px; the service needs at least 300 px on the short side" \
	"a 200 px end frame gets the diagnostic once its bytes are read"
like "$(ui_screen)" "1 error" "as an error: it would be refused"
ui_keys Tab Enter
ui_ok_wait "200×200 px, JPEG" "focusing the image row shows its size and type"
if pane | grep -Eq "$BLOCKS"; then ok 0 "and block-art pixels in the pane beside the form"
else ok 1 "and block-art pixels in the pane beside the form"; ui_screen | sed 's/^/#   /'; fi
unlike "$(form)" "$BLOCKS" "the form itself has none"
ui_keys k
ui_ok_wait "1280×720 px, PNG" "the start frame's picture follows the focus"
n=$(pane | grep -Ec "$BLOCKS")
ok $([ "$n" -ge 5 ]; echo $?) "drawn on several rows ($n)"
ui_keys s
ui_ok_wait "(Enter: go to field" "s refuses to submit and shows the problem: no credit is spent"
unlike "$(ui_screen)" "Submit this storyboard" "no confirmation is offered"
ui_escape

# Narrow: no side pane; p shows the picture over the form.
ui_resize 80 30
sleep 0.3
ui_keys C-l
ui_ok_wait "Start frame" "narrow: the form alone"
unlike "$(ui_screen)" "$BLOCKS" "without the picture"
ui_keys j k p
ui_ok_wait "1280×720 px, PNG" "p shows the picture"
like "$(ui_screen)" "$BLOCKS" "as block art"
ui_keys p
ui_wait_gone "1280×720 px"
unlike "$(ui_screen)" "$BLOCKS" "p again hides it"

# tmux answers the terminal's questions itself: no kitty reply, no 4 in
# DA1 (unless built with sixel and told its terminal has it), and with
# allow-passthrough on the questions go to a terminal that (detached)
# answers nothing. Past the 300 ms wait it is still block art.
ui_start 130x35 "$KLING_TUI" --base-url "$SIM_URL" "$sb"
tmux -L "$ui_sock" set-option -g allow-passthrough on >/dev/null 2>&1
ui_ok_wait "200×200 px" "tmux with allow-passthrough: the diagnostic comes"
ui_keys Tab Enter
ui_ok_wait "200×200 px, JPEG" "tmux with allow-passthrough: the facts"
sleep 0.6
ui_keys F12
sleep 0.3
n=$(pane | grep -Ec "$BLOCKS")
ok $([ "$n" -ge 5 ]; echo $?) "tmux: still block art once the terminal had its time to answer ($n rows)"
like "$(ui_screen)" "200×200 px, JPEG" "tmux: the answers did not act as keys (the same screen)"

for env in NO_COLOR=1 TERM=vt100; do
	ui_start 130x35 env "$env" "$KLING_TUI" --base-url "$SIM_URL" "$sb"
	ui_ok_wait "200×200 px" "$env: the diagnostic still comes"
	ui_keys Tab Enter
	ui_ok_wait "200×200 px, JPEG" "$env: the facts in text"
	unlike "$(ui_screen)" "$BLOCKS" "$env: no block art"
done

# A dead image host: the row says so, nothing waits.
printf '{\n  "model": "kling/v3",\n  "input": {\n    "mode": "std",\n    "multi_shots": false,\n    "prompt": "A lighthouse",\n    "img_urls": ["%s"],\n    "duration": 5\n  }\n}\n' \
	"http://127.0.0.1:9/x.png" >"$sb"
ui_start 130x35 "$KLING_TUI" --base-url "$SIM_URL" "$sb"
ui_ok_wait "Start frame" "a storyboard with an unreachable image opens"
ui_keys Tab
ui_keys Escape
i=0; while [ $i -lt 12 ]; do ui_keys j; i=$((i + 1)); done
ui_keys g
i=0; while [ $i -lt 7 ]; do ui_keys j; i=$((i + 1)); done
ui_ok_wait_joined "not fetched" "an unreachable image says it was not fetched"
done_testing
