# kling-sim tests: reading the files it serves. Source after tests/lib.sh.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
#   u32 FILE OFFSET        the big-endian 32-bit number there
#   boxes FILE             the top-level ISO BMFF boxes: "type size" lines
#   png_size FILE          "WxH" from the PNG's IHDR
#   jpeg_size FILE         "WxH SOFn" from the JPEG's frame header
#   have_ffmpeg            ffmpeg and ffprobe are installed
#   frame_rgb FILE T       "R G B" of a small patch near the top left corner
#                          of the frame at T seconds (ffmpeg)
#   near "R G B" "R G B"   each channel within 40 of the other's

u32() {
	od -An -tu1 -j "$2" -N 4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'
}

boxes() {
	local f=$1 at=0 size total type
	total=$(wc -c <"$f" | tr -d ' ')
	while [ "$at" -lt "$total" ]; do
		size=$(u32 "$f" "$at")
		type=$(dd if="$f" bs=1 skip=$((at + 4)) count=4 2>/dev/null)
		if [ "$size" -eq 1 ]; then
			size=$(( $(u32 "$f" $((at + 8))) * 4294967296 + $(u32 "$f" $((at + 12))) ))
		fi
		[ "$size" -ge 8 ] || { echo "bad $size"; return 1; }
		echo "$type $size"
		at=$((at + size))
	done
}

png_size() {
	echo "$(u32 "$1" 16)x$(u32 "$1" 20)"
}

# Walk the marker segments up to the first SOFn.
jpeg_size() {
	head -c 65536 "$1" | od -An -v -tu1 | tr -s ' \n' '\n\n' | sed '/^$/d' | awk '
	{ b[n++] = $1 }
	END {
		i = 2
		while (i + 8 < n && b[i] == 255) {
			m = b[i + 1]
			len = b[i + 2] * 256 + b[i + 3]
			if (m >= 192 && m <= 195) {
				printf "%dx%d SOF%d\n", b[i + 7] * 256 + b[i + 8],
				    b[i + 5] * 256 + b[i + 6], m - 192
				exit
			}
			i += 2 + len
		}
		print "none"
	}'
}

have_ffmpeg() {
	command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1
}

frame_rgb() {
	ffmpeg -v error -ss "$2" -i "$1" -frames:v 1 -vf crop=8:8:4:4,scale=1:1 \
		-f rawvideo -pix_fmt rgb24 - | od -An -tu1 | awk '{ print $1, $2, $3 }'
}

near() {
	echo "$1 $2" | awk '{
		for (i = 1; i <= 3; i++) { d = $i - $(i + 3); if (d < -40 || d > 40) exit 1 }
	}'
}
