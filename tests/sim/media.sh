#!/bin/sh
# kling-sim /media/ID.mp4: a finished task's video is a real, playable MP4
# (Motion-JPEG) with one scene per shot, each its palette colour with the
# shot's number, lasting the shot's duration; padded to --media-size; served
# whole or by Range, the same bytes every time (issue 13).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
. "$top_srcdir/tests/sim/media-lib.sh"
dir="$top_srcdir/tests/sim"

# The palette: shot 1 red, 2 green, 3 blue.
red="200 50 50" green="50 160 70" blue="50 80 200"

# video ID FILE: download it; "STATUS TYPE BYTES"
video() {
	curl -s --max-time 20 -o "$2" -w '%{http_code} %{content_type} %{size_download}' "$SIM_URL/media/$1.mp4"
}

# finished FILE...: create each, wait for the last to end; their ids in IDS,
# the last in ID
finished() {
	local f
	IDS=
	for f in "$@"; do
		create "$f"
		IDS="$IDS $TASK_ID"
	done
	ID=$TASK_ID
	sleep 1.2
}

start_sim --task-seconds 1 || exit 1
finished "$dir/shots3.json" "$dir/t2v.json"
set -- $IDS
three=$1 one=$2

is "$(video "$three" "$TMP/three.mp4")" "200 video/mp4 1048576" \
	"a 3-shot task's video: served whole, padded to --media-size's default"
is "$(boxes "$TMP/three.mp4" | cut -d' ' -f1 | tr '\n' ' ')" "ftyp moov mdat free " \
	"ftyp, moov, the frames' mdat, then the padding in a free box"
is "$(boxes "$TMP/three.mp4" | awk '{ n += $2 } END { print n }')" 1048576 \
	"the boxes fill the file exactly"
is "$(od -An -c -j 4 -N 8 "$TMP/three.mp4" | tr -d ' ')" ftypisom "an isom file"
video "$three" "$TMP/again.mp4" >/dev/null
cmp -s "$TMP/three.mp4" "$TMP/again.mp4"
ok $? "two downloads of one task are identical"

# Ranges: each slice is the whole file's bytes there, wherever it falls
# (in the moov, across the mdat, across the end of the frames, in the
# padding, at the end).
mdat_end=$(boxes "$TMP/three.mp4" | awk '$1 != "free" { n += $2 } END { print n }')
for r in 0-99 500-20499 $((mdat_end - 100))-$((mdat_end + 99)) 600000-600999 1048000-; do
	call GET "/media/$three.mp4" -r "$r"
	first=${r%-*} last=${r#*-}
	[ -n "$last" ] || last=1048575
	tail -c +$((first + 1)) "$TMP/three.mp4" | head -c $((last - first + 1)) >"$TMP/slice"
	cmp -s "$TMP/body" "$TMP/slice"
	ok $? "Range $r: 206 with the whole file's bytes ($STATUS $(header Content-Range))"
done
call GET "/media/$three.mp4" -H 'Range: bytes=-300'
tail -c 300 "$TMP/three.mp4" >"$TMP/slice"
cmp -s "$TMP/body" "$TMP/slice"
ok $? "a suffix Range: the file's last bytes"
call GET "/media/$three.mp4" -r 1048576-
is "$STATUS $(header Content-Range)" "416 bytes */1048576" "a Range past the end: 416"

if have_ffmpeg; then
	probe() { # FILE: the stream and the format, one line each
		ffprobe -v error -show_entries stream=codec_type,codec_name,width,height,nb_frames:format=duration \
			-of compact=nokey=1 "$1"
	}
	is "$(probe "$TMP/three.mp4" | tr '\n' ' ')" "stream|mjpeg|video|320|180|18 format|9.000000 " \
		"ffprobe: one mjpeg video stream, 320x180, the task's 9 s, 2 frames a second"
	ffmpeg -v error -i "$TMP/three.mp4" -f null - 2>"$TMP/decode.err"
	is "$?:$(cat "$TMP/decode.err")" "0:" "ffmpeg decodes every frame without a complaint"
	# The middle of each shot (2 s, 4 s, 3 s) shows its colour, and so do
	# its first and last frames (every half second).
	for s in "1 $red" "4 $green" "7.5 $blue" "0 $red" "1.5 $red" "2 $green" "5.5 $green" "6 $blue" "8.5 $blue"; do
		t=${s%% *} want=${s#* }
		got=$(frame_rgb "$TMP/three.mp4" "$t")
		near "$got" "$want"
		ok $? "at $t s, the colour of its shot ($got, want $want)"
	done
	white() { # FILE T: white pixels of the frame at T s
		ffmpeg -v error -ss "$2" -i "$1" -frames:v 1 -f rawvideo -pix_fmt gray - |
			od -An -v -tu1 | tr -s ' \n' '\n\n' | awk '$1 > 240 { n++ } END { print n + 0 }'
	}
	w1=$(white "$TMP/three.mp4" 1) w2=$(white "$TMP/three.mp4" 4) w3=$(white "$TMP/three.mp4" 7.5)
	ok $([ "$w1" -gt 500 ] && [ "$w2" -gt 500 ] && [ "$w3" -gt 500 ]; echo $?) \
		"each scene has its number in white ($w1, $w2, $w3 pixels)"
	ok $([ "$w1" != "$w2" ] && [ "$w2" != "$w3" ]; echo $?) "a different number in each"

	video "$one" "$TMP/one.mp4" >/dev/null
	is "$(probe "$TMP/one.mp4" | tr '\n' ' ')" "stream|mjpeg|video|320|180|10 format|5.000000 " \
		"a single-shot task of 5 s: one scene of 5 s"
	near "$(frame_rgb "$TMP/one.mp4" 4.5)" "$red"
	ok $? "in shot 1's colour to its end"
else
	skip "the video's content" "ffmpeg is not installed"
fi

# The aspect ratio asked for gives the frame's shape.
jq '.input.aspect_ratio = "9:16"' "$dir/t2v.json" >"$TMP/tall.json"
finished "$TMP/tall.json"
video "$ID" "$TMP/tall.mp4" >/dev/null
if have_ffmpeg; then
	is "$(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "$TMP/tall.mp4")" "180,320" \
		"9:16: a tall video"
else
	skip "9:16: a tall video" "ffmpeg is not installed"
fi
stop_sim

# --media-size: a file smaller than the video is not cut: the video, whole,
# with no padding; a larger one is padded to exactly that size.
start_sim --task-seconds 1 --media-size 4096 || exit 1
finished "$dir/shots3.json"
got=$(video "$ID" "$TMP/small.mp4")
like "$got" "^200 video/mp4 [0-9]+\$" "--media-size 4096: served"
is "$(boxes "$TMP/small.mp4" | cut -d' ' -f1 | tr '\n' ' ')" "ftyp moov mdat " "with no free box"
call HEAD "/media/$ID.mp4" --head
is "$(header Content-Length)" "$(wc -c <"$TMP/small.mp4" | tr -d ' ')" "HEAD tells that length"
if have_ffmpeg; then
	is "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/small.mp4")" 9.000000 \
		"and it plays 9 s"
else
	skip "and it plays 9 s" "ffmpeg is not installed"
fi
stop_sim
# Too little room for a free box: the few bytes end the mdat.
natural=$(wc -c <"$TMP/small.mp4" | tr -d ' ')
start_sim --task-seconds 1 --media-size $((natural + 5)) || exit 1
finished "$dir/shots3.json"
video "$ID" "$TMP/odd.mp4" >/dev/null
is "$(boxes "$TMP/odd.mp4" | tr '\n' ' ')" "$(boxes "$TMP/small.mp4" | awk '$1 == "mdat" { $2 += 5 } { printf "%s %s ", $1, $2 }')" \
	"--media-size 5 bytes over the video: the mdat takes them"
if have_ffmpeg; then
	near "$(frame_rgb "$TMP/odd.mp4" 8.5)" "$blue"
	ok $? "and it still plays to its end"
else
	skip "and it still plays to its end" "ffmpeg is not installed"
fi
stop_sim
start_sim --task-seconds 1 --media-size 5000000000 || exit 1
finished "$dir/t2v.json"
call HEAD "/media/$ID.mp4" --head
is "$(header Content-Length)" 5000000000 "--media-size 5000000000: a file of that size"
call GET "/media/$ID.mp4" -r 4999999990-
is "$STATUS $(header Content-Range) $(wc -c <"$TMP/body" | tr -d ' ')" \
	"206 bytes 4999999990-4999999999/5000000000 10" "its end can be read"
curl -s --max-time 10 -r 0-99999 -o "$TMP/head.mp4" "$SIM_URL/media/$ID.mp4"
is "$(boxes "$TMP/head.mp4" | awk '{ t = t $1 " "; n += $2 } END { printf "%s%.0f\n", t, n }')" \
	"ftyp moov mdat free 5000000000" "the padding is one free box (with a 64-bit size)"
stop_sim

# A --state file edited by hand to a task of a day: its video is capped at
# 60 s, not made a day long in memory.
start_sim --task-seconds 1 --state "$TMP/state.json" || exit 1
finished "$dir/t2v.json"
stop_sim
jq '.tasks[0].video_seconds = 86400' "$TMP/state.json" >"$TMP/day.json"
start_sim --state "$TMP/day.json" || exit 1
is "$(video "$ID" "$TMP/day.mp4")" "200 video/mp4 1048576" "a task of 86400 s from --state: a video of --media-size"
if have_ffmpeg; then
	is "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/day.mp4")" 60.000000 \
		"of 60 s"
else
	skip "of 60 s" "ffmpeg is not installed"
fi
stop_sim

# --style documented: the same videos, from the second host name.
start_sim --style documented --task-seconds 1 || exit 1
finished "$dir/shots3.json"
info "$ID"
url=$(jq -r '.data.result.media_urls[0]' "$TMP/body")
is "$(curl -s --max-time 10 -o "$TMP/doc.mp4" -w '%{http_code} %{size_download}' "$url")" "200 1048576" \
	"documented style: the video is served from the other port"
if have_ffmpeg; then
	near "$(frame_rgb "$TMP/doc.mp4" 7.5)" "$blue"
	ok $? "and is the same storyboard's video"
else
	skip "and is the same storyboard's video" "ffmpeg is not installed"
fi
stop_sim
is "$SIM_STATUS" 0 "it stops cleanly"
done_testing
