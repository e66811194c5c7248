#!/bin/sh
# kling-tui: the detail's contact sheet (issue 13): a finished 3-shot task,
# once downloaded, shows a frame from the middle of each shot (ffmpeg)
# beside that shot's prompt, each frame the colour of its own scene in
# kling-sim's video; o plays the video in $KLING_TUI_PLAYER; without ffmpeg
# the detail says how to get frames.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/ui/dash-lib.sh"

start_sim --task-seconds 1 --seed 3 || exit 1
dash_config
export CRUN_API_KEY=demo-key
sb=$TMP/three.json
cat >"$sb" <<EOF
{
  "model": "kling/v3",
  "input": {
    "mode": "std",
    "multi_shots": true,
    "shot_type": "customize",
    "img_urls": ["$SIM_URL/images/1280x720.jpg"],
    "multi_prompt": [
      { "prompt": "Wide shot of a lighthouse on a cliff at dusk.", "duration": 2 },
      { "prompt": "Close-up of the keeper lighting the lamp.", "duration": 3 },
      { "prompt": "Aerial shot of the beam sweeping a stormy sea.", "duration": 4 }
    ],
    "duration": 9
  }
}
EOF
"$KLING_TUI" --base-url "$SIM_URL" submit --wait "$sb" >"$TMP/submit.out" 2>&1
like "$(cat "$TMP/submit.out")" "success" "a 3-shot task is made and finishes"

cat >"$TMP/player" <<EOS
#!/bin/sh
printf '%s\n' "\$1" >"$TMP/played"
EOS
chmod +x "$TMP/player"

left() { LC_ALL=C.UTF-8 sed 's/^\(.\{1,26\}\).*/\1/'; }	# the frames' columns
BLOCKS='(▀|▄|█|▌|▐|▖|▗|▘|▝|▚|▞|▙|▛|▜|▟|▁|▂|▃|▅|▆|▇|▉|▊|▋|▍|▎|▏|▔|▕)'

detail() { # detail [ENV...]: the program with the task's detail open
	ui_start 120x50 env "$@" "$KLING_TUI" --base-url "$SIM_URL"
	ui_wait "Settings" 10 || ui_wait "three.json" 10
	i=0
	while [ $i -lt 20 ] && ! ui_screen | grep -q "success"; do
		ui_keys F2; sleep 0.3; i=$((i + 1))
	done
	ui_keys Enter
	ui_ok_wait "Frames" "$* the detail has a Frames section"
}

detail KLING_TUI_PLAYER="$TMP/player"
ui_ok_wait "d downloads the video; its frames show here" "not downloaded: the detail says how to get frames"
ui_keys o
ui_ok_wait "not downloaded yet" "o before the download says so"
ui_keys d
ui_ok_wait "downloaded to $TMP/dl/" "d downloads it"
video=$(ls "$TMP"/dl/*.mp4 | head -1)

if ! command -v ffmpeg >/dev/null 2>&1; then
	skip "the contact sheet's frames" "no ffmpeg here"
else
	# ffmpeg is niced: on a busy machine the frames take a while.
	ui_wait "at 7.0 s" 30
	ui_ok_wait "at 1.0 s" "shot 1's frame, from its middle (2 s: at 1.0 s)"
	ui_ok_wait "at 3.5 s" "shot 2's, after 2 s (3 s: at 3.5 s)"
	ui_ok_wait "at 7.0 s" "shot 3's, after 5 s (4 s: at 7.0 s)"
	ui_wait_gone "ffmpeg:" 30
	unlike "$(ui_screen)" "ffmpeg:|no frame" "every frame is made"
	scr=$(ui_screen)
	f=$(find "$XDG_CACHE_HOME/kling-tui/frames" -name 'shot-*.png' | sort | tr '\n' ' ')
	like "$f" "^$XDG_CACHE_HOME/kling-tui/frames/[0-9a-f-]+/shot-1.png .*/shot-2.png .*/shot-3.png \$" \
		"the frames are kept in the cache directory"
	colours=
	for n in 1 2 3; do
		# The shot's title row, then 6 rows of its frame; the prompt
		# beside it on the row after the title.
		top=$(echo "$scr" | grep -n "shot $n, [0-9] s" | head -1 | cut -d: -f1)
		ok $([ -n "$top" ]; echo $?) "shot $n has a row in the sheet"
		top=${top:-1}
		rows=$(echo "$scr" | sed -n "${top},$((top + 5))p")
		left=$(echo "$rows" | left)
		k=$(echo "$left" | grep -Ec "$BLOCKS")
		ok $([ "$k" -ge 6 ]; echo $?) "shot $n: block art on the left ($k rows)"
		case $n in 1) p="Wide shot of a lighthouse" ;; 2) p="Close-up of the keeper" ;;
		3) p="Aerial shot of the beam" ;; esac
		line=$(echo "$scr" | sed -n "$((top + 1))p")
		like "$line" "^ *[^ ].*  $p" "shot $n: its prompt beside its frame, on the same rows"
		like "$(echo "$line" | left)" "$BLOCKS" "shot $n: that row's left is the frame"
		# The scene's colour: the commonest colour of the frame's cells.
		c=$(tmux -L "$ui_sock" capture-pane -p -e | sed -n "$((top + 1)),$((top + 5))p" |
			grep -o '[34]8;5;[0-9]*' | sed 's/^[34]8;5;//' | sort | uniq -c |
			sort -rn | head -1 | awk '{print $2}')
		colours="$colours $c"
	done
	is "$(echo $colours | tr ' ' '\n' | sort -u | wc -l | tr -d ' ')" 3 \
		"the three frames differ in colour ($colours): each is its own shot"
fi

ui_keys o
i=0; while [ $i -lt 100 ] && [ ! -s "$TMP/played" ]; do sleep 0.05; i=$((i + 1)); done
is "$(cat "$TMP/played" 2>/dev/null)" "$video" "o runs \$KLING_TUI_PLAYER on the downloaded video"
ui_ok_wait "played $video" "and the screen comes back"
ui_escape
ui_ok_wait "Enter detail" "Escape leaves the detail"
rm -f "$TMP/played"
ui_keys v
i=0; while [ $i -lt 100 ] && [ ! -s "$TMP/played" ]; do sleep 0.05; i=$((i + 1)); done
is "$(cat "$TMP/played" 2>/dev/null)" "$video" "v on the dashboard's row plays it too"

# No player, no display: the path, to open elsewhere.
detail DISPLAY= WAYLAND_DISPLAY= KLING_TUI_PLAYER=
ui_keys o
ui_ok_wait "the video is $video" "without a player or a display o shows the video's path"

# No ffmpeg in PATH: the detail says what to install.
mkdir -p "$TMP/nobin"
rm -rf "$XDG_CACHE_HOME/kling-tui/frames"
detail PATH="$TMP/nobin"
ui_ok_wait "install ffmpeg to see frames" "without ffmpeg: how to see frames"
unlike "$(ui_screen | left)" "$BLOCKS" "and no frames"
done_testing
