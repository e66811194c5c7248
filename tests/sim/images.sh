#!/bin/sh
# kling-sim /images/: real pictures of a size chosen by name (WxH.png,
# WxH.jpg), so that a client can show them and check their size against
# the service's minimum (issue 13).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
. "$top_srcdir/tests/sim/media-lib.sh"

start_sim || exit 1

# get NAME: the image into $TMP/NAME; "STATUS TYPE LENGTH-SENT BYTES-GOT"
get() {
	call GET "/images/$1"
	cp "$TMP/body" "$TMP/$1"
	echo "$STATUS $(header Content-Type) $(header Content-Length) $(wc -c <"$TMP/$1" | tr -d ' ')"
}

for size in 200x200 1280x720 16x16 4096x16 300x2000; do
	got=$(get "$size.png")
	like "$got" "^200 image/png ([0-9]+) \\1\$" "$size.png: a PNG, its length announced"
	is "$(od -An -tx1 -N8 "$TMP/$size.png" | tr -d ' ')" 89504e470d0a1a0a "$size.png: the PNG signature"
	is "$(png_size "$TMP/$size.png")" "$size" "$size.png: that size in its IHDR"
	got=$(get "$size.jpg")
	like "$got" "^200 image/jpeg ([0-9]+) \\1\$" "$size.jpg: a JPEG, its length announced"
	is "$(jpeg_size "$TMP/$size.jpg")" "$size SOF0" "$size.jpg: that size in its baseline frame header"
	is "$(tail -c 2 "$TMP/$size.jpg" | od -An -tx1 | tr -d ' ')" ffd9 "$size.jpg: ends with EOI"
done
is "$(get 640x360.jpeg | cut -d' ' -f1,2)" "200 image/jpeg" ".jpeg is a JPEG too"
is "$(jpeg_size "$TMP/640x360.jpeg")" "640x360 SOF0" "of that size"
call HEAD /images/1280x720.png --head
is "$STATUS $(header Content-Length)" "200 $(wc -c <"$TMP/1280x720.png" | tr -d ' ')" \
	"HEAD announces the length GET sends"
call GET /images/1280x720.png
cmp -s "$TMP/body" "$TMP/1280x720.png"
ok $? "a second GET sends the same bytes"

for bad in 15x200 200x15 4097x100 100x4097 0x0 200x x200 200x200x2 x 12345 \
    99999999999999999999x200; do
	call GET "/images/$bad.png"
	is "$STATUS" 404 "$bad.png: not found"
done
call GET /images/200x200.gif
is "$STATUS" 404 "another extension: not found"

# The old names keep their sizes (and their own test in endpoints.sh).
get small.jpg >/dev/null
is "$(jpeg_size "$TMP/small.jpg")" "64x64 SOF0" "small.jpg: 64x64"
get start.png >/dev/null
is "$(png_size "$TMP/start.png")" "320x320" "another name: 320x320"
call HEAD /images/big.png --head
ok $([ "$(header Content-Length)" -gt 10485760 ]; echo $?) "big.png is over 10 MB"

# What they show: a picture, not a flat fill, and not the same for two names.
if have_ffmpeg; then
	# pixels FILE: the picture scaled to 8x2, as "R G B" lines
	pixels() {
		ffmpeg -v error -i "$1" -vf scale=8:2 -f rawvideo -pix_fmt rgb24 - |
			od -An -v -tu1 | tr -s ' \n' '\n\n' | sed '/^$/d' | paste -d' ' - - -
	}
	for f in 200x200.png 200x200.jpg 1280x720.png small.jpg; do
		n=$(pixels "$TMP/$f" | sort -u | wc -l)
		ok $([ "$n" -ge 8 ]; echo $?) "$f: decodes to a picture of many colours ($n of 16 patches differ)"
	done
	get start.jpg >/dev/null
	get hero.jpg >/dev/null
	pixels "$TMP/start.jpg" >"$TMP/a"
	pixels "$TMP/hero.jpg" >"$TMP/b"
	! cmp -s "$TMP/a" "$TMP/b"
	ok $? "two names, two different pictures"
	# The label: white pixels in the middle, none in the corners.
	white() { # FILE CROP: pixels brighter than 240 in that crop
		ffmpeg -v error -i "$1" -vf "crop=$2" -f rawvideo -pix_fmt gray - |
			od -An -v -tu1 | tr -s ' \n' '\n\n' | awk '$1 > 240 { n++ } END { print n + 0 }'
	}
	ok $([ "$(white "$TMP/1280x720.png" iw/2:ih/4:iw/4:ih*3/8)" -gt 1000 ]; echo $?) \
		"1280x720.png: its label is written large in the middle"
	is "$(white "$TMP/1280x720.png" iw/8:ih/8:0:0)" 0 "and not in a corner"
else
	skip "the pictures' content" "ffmpeg is not installed"
fi

stop_sim
is "$SIM_STATUS" 0 "it stops cleanly"
done_testing
